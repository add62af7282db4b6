// validate/rules: relationship: every non-NULL key of `dataset` matches a key of `to`.
import type { RelationshipRule } from '../../../compiler/types/validation.js';
import { quoteIdent } from '../../engine/engine-adapter.js';
import type { RuleCheck } from '../rule-check.js';
import {
  SUMMARY_WITH_EXAMPLES,
  keyAliases,
  keysNotNull,
  rankedExamples,
  readCount,
  readExamples,
  selectAsKeys,
} from '../rule-sql.js';
import { displayColumns, displayTarget, formatExamples, formatPercent, plural } from '../format-details.js';

/**
 * Measured value: orphan rows (non-NULL key with no match in `to`). Passes when
 * `orphans <= max_orphans` and `orphans / rows <= max_orphan_ratio`, where `rows` counts every row of
 * `dataset`. Defaults: no ratio limit; `max_orphans` 0, or no count limit when only a ratio is given.
 * Examples: distinct orphan keys, most frequent first, ties by key ascending.
 */
export const relationshipCheck: RuleCheck<RelationshipRule> = {
  label: (rule) =>
    `relationship(${displayTarget(rule.dataset, rule.columns)} -> ${displayTarget(rule.to, rule.to_columns)})`,

  sql(rule, relationOf) {
    const width = rule.columns.length;
    const keys = keyAliases(width);
    const toKeys = rule.to_columns.map((c, i) => `${quoteIdent(c)} AS k${i}`).join(', ');
    const matches = keys.map((k) => `p.${k} = c.${k}`).join(' AND ');
    return [
      `WITH child AS (SELECT ${selectAsKeys(rule.columns)} FROM ${relationOf(rule.dataset)} AS src),`,
      `parent AS (SELECT ${toKeys} FROM ${relationOf(rule.to)} AS dst),`,
      `orphans AS (SELECT ${keys.map((k) => `c.${k}`).join(', ')} FROM child AS c WHERE ${keysNotNull(width, 'c')}`,
      ` AND NOT EXISTS (SELECT 1 FROM parent AS p WHERE ${matches})),`,
      `grouped AS (SELECT ${keys.join(', ')}, count(*) AS n FROM orphans GROUP BY ${keys.join(', ')}),`,
      `summary AS (SELECT (SELECT count(*) FROM child) AS total_rows, (SELECT count(*) FROM orphans) AS bad_rows,`,
      ` (SELECT count(*) FROM grouped) AS bad_keys),`,
      `ranked AS (${rankedExamples('grouped', width)})`,
      SUMMARY_WITH_EXAMPLES,
    ].join('\n');
  },

  read(rule, rows) {
    const total = readCount(rows[0], 'total_rows');
    const orphans = readCount(rows[0], 'bad_rows');
    const distinct = readCount(rows[0], 'bad_keys');
    const maxOrphans = rule.max_orphans ?? (rule.max_orphan_ratio === undefined ? 0 : Infinity);
    const ratio = total === 0 ? 0 : orphans / total;
    const breaches: string[] = [];
    if (orphans > maxOrphans) breaches.push(`more than max_orphans ${maxOrphans}`);
    if (rule.max_orphan_ratio !== undefined && ratio > rule.max_orphan_ratio) {
      breaches.push(`above max_orphan_ratio ${rule.max_orphan_ratio}`);
    }
    const target = displayTarget(rule.to, rule.to_columns);
    if (orphans === 0) {
      return { value: 0, ok: true, details: `every non-NULL key of ${plural(total, 'row')} matches ${target}` };
    }
    const verdict = breaches.length > 0 ? `: ${breaches.join(' and ')}` : ': within the allowed limits';
    const details =
      `${orphans} of ${plural(total, 'row')} (${formatPercent(orphans, total)}) reference a ` +
      `${displayColumns(rule.columns)} absent from ${target} (${plural(distinct, 'distinct key')})${verdict}` +
      formatExamples(readExamples(rows, rule.columns.length));
    return { value: orphans, ok: breaches.length === 0, details };
  },
};
