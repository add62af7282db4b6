// validate/rules: accepted_values: every non-NULL value of one column is in a fixed list.
import type { AcceptedValuesRule } from '../../../compiler/types/validation.js';
import { quoteLiteral } from '../../engine/engine-adapter.js';
import type { RuleCheck } from '../rule-check.js';
import { SUMMARY_WITH_EXAMPLES, rankedExamples, readCount, readExamples, selectAsKeys } from '../rule-sql.js';
import { displayIdent, displayTarget, displayValueList, formatExamples, formatPercent, plural } from '../format-details.js';

/**
 * Measured value: rows whose non-NULL value is not accepted. Each accepted value is passed as a string
 * literal (`'1'`, `'true'`) so the engine converts it to the column's type rather than converting
 * the column to the literal's type. Examples: distinct bad values, most frequent first.
 */
export const acceptedValuesCheck: RuleCheck<AcceptedValuesRule> = {
  label: (rule) => `accepted_values(${displayTarget(rule.dataset, rule.columns)})`,

  sql(rule, relationOf) {
    const literals = rule.values.map((v) => quoteLiteral(String(v)));
    const notAccepted = literals.length === 0 ? 'TRUE' : `k0 NOT IN (${literals.join(', ')})`;
    return [
      `WITH src AS (SELECT ${selectAsKeys(rule.columns)} FROM ${relationOf(rule.dataset)} AS src),`,
      `bad AS (SELECT k0 FROM src WHERE k0 IS NOT NULL AND ${notAccepted}),`,
      `grouped AS (SELECT k0, count(*) AS n FROM bad GROUP BY k0),`,
      `summary AS (SELECT (SELECT count(*) FROM src) AS total_rows, (SELECT count(*) FROM bad) AS bad_rows,`,
      ` (SELECT count(*) FROM grouped) AS bad_keys),`,
      `ranked AS (${rankedExamples('grouped', 1)})`,
      SUMMARY_WITH_EXAMPLES,
    ].join('\n');
  },

  read(rule, rows) {
    const total = readCount(rows[0], 'total_rows');
    const bad = readCount(rows[0], 'bad_rows');
    const distinct = readCount(rows[0], 'bad_keys');
    const column = displayIdent(rule.columns[0]);
    const accepted = displayValueList(rule.values);
    if (bad === 0) {
      return { value: 0, ok: true, details: `every non-NULL ${column} of ${plural(total, 'row')} is in ${accepted}` };
    }
    const details =
      `${bad} of ${plural(total, 'row')} (${formatPercent(bad, total)}) have a ${column} not in ${accepted} ` +
      `(${plural(distinct, 'distinct value')})${formatExamples(readExamples(rows, 1))}`;
    return { value: bad, ok: false, details };
  },
};
