// validate/rules: unique: no value of the (composite) key occurs in more than one row.
import type { UniqueRule } from '../../../compiler/types/validation.js';
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
 * Measured value: distinct key values occurring more than once. Rows with a NULL in any key column
 * are ignored. Examples: the most duplicated keys first (ties by key ascending), with their row counts.
 */
export const uniqueCheck: RuleCheck<UniqueRule> = {
  label: (rule) => `unique(${displayTarget(rule.dataset, rule.columns)})`,

  sql(rule, relationOf) {
    const width = rule.columns.length;
    const keys = keyAliases(width).join(', ');
    return [
      `WITH src AS (SELECT ${selectAsKeys(rule.columns)} FROM ${relationOf(rule.dataset)} AS src),`,
      `keyed AS (SELECT ${keys} FROM src WHERE ${keysNotNull(width)}),`,
      `dups AS (SELECT ${keys}, count(*) AS n FROM keyed GROUP BY ${keys} HAVING count(*) > 1),`,
      `summary AS (SELECT (SELECT count(*) FROM src) AS total_rows, (SELECT count(*) FROM keyed) AS keyed_rows,`,
      ` (SELECT count(*) FROM dups) AS bad_keys, (SELECT coalesce(sum(n), 0) FROM dups) AS bad_rows),`,
      `ranked AS (${rankedExamples('dups', width)})`,
      SUMMARY_WITH_EXAMPLES,
    ].join('\n');
  },

  read(rule, rows) {
    const total = readCount(rows[0], 'total_rows');
    const keyed = readCount(rows[0], 'keyed_rows');
    const badKeys = readCount(rows[0], 'bad_keys');
    const badRows = readCount(rows[0], 'bad_rows');
    const nullNote = keyed < total ? ` (${plural(total - keyed, 'row')} with a NULL key ignored)` : '';
    const key = displayColumns(rule.columns);
    if (badKeys === 0) {
      return { value: 0, ok: true, details: `no duplicate ${key} among ${plural(total, 'row')}${nullNote}` };
    }
    const examples = formatExamples(readExamples(rows, rule.columns.length), true);
    const details =
      `${plural(badKeys, `${key} value occurs`, `${key} values occur`)} more than once, covering ` +
      `${badRows} of ${plural(total, 'row')} (${formatPercent(badRows, total)})${nullNote}${examples}`;
    return { value: badKeys, ok: false, details };
  },
};
