// validate/rules: not_null: no row has a NULL in any of the listed columns.
import type { NotNullRule } from '../../../compiler/types/validation.js';
import { quoteIdent } from '../../engine/engine-adapter.js';
import type { RuleCheck } from '../rule-check.js';
import { readCount } from '../rule-sql.js';
import { displayColumns, displayIdent, displayTarget, formatPercent, plural } from '../format-details.js';

/**
 * Measured value: rows with a NULL in at least one listed column.
 * Details break the count down per column (a row with two NULLs counts once in the value and once
 * per column in the breakdown). There are no example keys: the offending values are all NULL.
 */
export const notNullCheck: RuleCheck<NotNullRule> = {
  label: (rule) => `not_null(${displayTarget(rule.dataset, rule.columns)})`,

  sql(rule, relationOf) {
    const anyNull = rule.columns.map((c) => `${quoteIdent(c)} IS NULL`).join(' OR ');
    const perColumn = rule.columns.map((c, i) => `count(*) FILTER (WHERE ${quoteIdent(c)} IS NULL) AS null_${i}`);
    return (
      `SELECT count(*) AS total_rows, count(*) FILTER (WHERE ${anyNull}) AS bad_rows, ` +
      `${perColumn.join(', ')} FROM ${relationOf(rule.dataset)} AS src`
    );
  },

  read(rule, rows) {
    const row = rows[0];
    const total = readCount(row, 'total_rows');
    const bad = readCount(row, 'bad_rows');
    if (bad === 0) {
      return { value: 0, ok: true, details: `no NULL in ${displayColumns(rule.columns)} among ${plural(total, 'row')}` };
    }
    const breakdown = rule.columns
      .map((c, i) => ({ name: displayIdent(c), nulls: readCount(row, `null_${i}`) }))
      .filter((c) => c.nulls > 0)
      .map((c) => `${c.name} (${c.nulls})`)
      .join(', ');
    const details = `${bad} of ${plural(total, 'row')} (${formatPercent(bad, total)}) have a NULL in ${breakdown}`;
    return { value: bad, ok: false, details };
  },
};
