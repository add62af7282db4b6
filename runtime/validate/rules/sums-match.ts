// validate/rules: sums_match: per key, the sum of one dataset's column equals the sum of another's.
import type { SumsMatchRule } from '../../../compiler/types/validation.js';
import { InternalError } from '../../../compiler/diagnostics/diagnostic.js';
import { quoteIdent, type Row } from '../../engine/engine-adapter.js';
import type { RuleCheck } from '../rule-check.js';
import { EXAMPLE_LIMIT, SUMMARY_WITH_EXAMPLES, keyAliases, readCount, selectAsKeys } from '../rule-sql.js';
import { displayColumns, displayIdent, displayKey, displayTarget, formatPercent, plural } from '../format-details.js';

/**
 * Measured value: keys whose sums differ by more than `tolerance`, plus keys on one side only.
 * Both sides are grouped by their key (NULL is a key value: NULL matches NULL) and summed in the
 * columns' own types, NULL amounts as 0; the groups are paired with a FULL OUTER JOIN on the keys.
 * Examples: the largest absolute differences first (a missing side counts as 0), ties by key ascending,
 * each as `key (left vs right)` with `none` for a missing side.
 */
export const sumsMatchCheck: RuleCheck<SumsMatchRule> = {
  label: (rule) =>
    `sums_match(${displayTarget(rule.dataset, [rule.sum])} by ${displayColumns(rule.columns)} -> ` +
    `${displayTarget(rule.to, [rule.to_sum])} by ${displayColumns(rule.to_columns)})`,

  sql(rule, relationOf) {
    const width = rule.columns.length;
    const keys = keyAliases(width);
    const side = (relation: string, columns: readonly string[], sum: string) =>
      `SELECT ${keys.join(', ')}, coalesce(sum(v), 0) AS total FROM ` +
      `(SELECT ${selectAsKeys(columns)}, ${quoteIdent(sum)} AS v FROM ${relation} AS src) AS t GROUP BY ${keys.join(', ')}`;
    const pair = keys.map((k) => `l.${k} IS NOT DISTINCT FROM r.${k}`).join(' AND ');
    const tolerance = toleranceLiteral(rule.tolerance ?? 0);
    return [
      `WITH lhs AS (${side(relationOf(rule.dataset), rule.columns, rule.sum)}),`,
      `rhs AS (${side(relationOf(rule.to), rule.to_columns, rule.to_sum)}),`,
      `joined AS (SELECT ${keys.map((k) => `coalesce(l.${k}, r.${k}) AS ${k}`).join(', ')}, l.total AS lhs_total, r.total AS rhs_total`,
      ` FROM lhs AS l FULL OUTER JOIN rhs AS r ON ${pair}),`,
      `bad AS (SELECT * FROM joined WHERE lhs_total IS NULL OR rhs_total IS NULL OR abs(lhs_total - rhs_total) > ${tolerance}),`,
      `summary AS (SELECT (SELECT count(*) FROM joined) AS total_keys, (SELECT count(*) FROM bad) AS bad_keys,`,
      ` (SELECT count(*) FROM joined WHERE rhs_total IS NULL) AS lhs_only, (SELECT count(*) FROM joined WHERE lhs_total IS NULL) AS rhs_only,`,
      ` CAST((SELECT coalesce(sum(total), 0) FROM lhs) AS VARCHAR) AS lhs_sum, CAST((SELECT coalesce(sum(total), 0) FROM rhs) AS VARCHAR) AS rhs_sum),`,
      `ranked AS (SELECT ${keys.map((k, i) => `CAST(${k} AS VARCHAR) AS e${i}`).join(', ')},`,
      ` CAST(lhs_total AS VARCHAR) AS e_lhs, CAST(rhs_total AS VARCHAR) AS e_rhs,`,
      ` row_number() OVER (ORDER BY abs(coalesce(lhs_total, 0) - coalesce(rhs_total, 0)) DESC, ${keys.join(', ')}) AS e_ord FROM bad)`,
      SUMMARY_WITH_EXAMPLES,
    ].join('\n');
  },

  read(rule, rows) {
    const first = rows[0];
    const totalKeys = readCount(first, 'total_keys');
    const bad = readCount(first, 'bad_keys');
    const lhsOnly = readCount(first, 'lhs_only');
    const rhsOnly = readCount(first, 'rhs_only');
    const sums = `totals ${readText(first, 'lhs_sum')} and ${readText(first, 'rhs_sum')}`;
    const key = displayColumns(rule.columns);
    const within = (rule.tolerance ?? 0) === 0 ? 'exactly' : `within ${rule.tolerance}`;
    const sides = `${displayTarget(rule.dataset, [rule.sum])} and ${displayTarget(rule.to, [rule.to_sum])}`;
    if (bad === 0) {
      return { value: 0, ok: true, details: `the sums of ${sides} match ${within} for ${plural(totalKeys, `${key} key`)}; ${sums}` };
    }
    const oneSided = [
      ...(lhsOnly > 0 ? [`${lhsOnly} only in ${displayIdent(rule.dataset)}`] : []),
      ...(rhsOnly > 0 ? [`${rhsOnly} only in ${displayIdent(rule.to)}`] : []),
    ];
    const differ = (rule.tolerance ?? 0) === 0 ? 'differ' : `differ by more than ${rule.tolerance}`;
    const details =
      `${bad} of ${plural(totalKeys, `${key} key`)} (${formatPercent(bad, totalKeys)}) ${differ} between the sums of ${sides}` +
      `${oneSided.length > 0 ? ` (${oneSided.join(', ')})` : ''}; ${sums}${formatSumExamples(rows, rule.columns.length)}`;
    return { value: bad, ok: false, details };
  },
};

/** A tolerance as an SQL numeric literal; shape checks guarantee a finite number >= 0. */
function toleranceLiteral(tolerance: number): string {
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new InternalError(`tolerance ${tolerance} passed the shape check`);
  return String(tolerance);
}

function readText(row: Row | undefined, column: string): string {
  const v = row?.[column];
  if (typeof v === 'string') return v;
  throw new InternalError(`expected text in column ${column}, got ${String(v)}`);
}

/** `; examples (largest difference first): 17 (5.94 vs 4.95), 20 (1.98 vs none)` or '' without examples. */
function formatSumExamples(rows: readonly Row[], width: number): string {
  const shown: string[] = [];
  for (const row of rows) {
    if (row['e_ord'] === null || row['e_ord'] === undefined || shown.length >= EXAMPLE_LIMIT) continue;
    const key = keyAliases(width).map((_, i) => {
      const v = row[`e${i}`];
      return v === null || v === undefined ? null : String(v);
    });
    const side = (column: string) => (row[column] === null || row[column] === undefined ? 'none' : String(row[column]));
    shown.push(`${displayKey(key)} (${side('e_lhs')} vs ${side('e_rhs')})`);
  }
  return shown.length === 0 ? '' : `; examples (largest difference first): ${shown.join(', ')}`;
}
