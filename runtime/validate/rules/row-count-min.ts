// validate/rules: row_count_min: the dataset has at least `min` rows.
import type { RowCountMinRule } from '../../../compiler/types/validation.js';
import type { RuleCheck } from '../rule-check.js';
import { readCount } from '../rule-sql.js';
import { displayIdent, plural } from '../format-details.js';

/** Measured value: the row count. Query: `SELECT count(*) AS total_rows FROM <relation>`. */
export const rowCountMinCheck: RuleCheck<RowCountMinRule> = {
  label: (rule) => `row_count_min(${displayIdent(rule.dataset)}) >= ${rule.min}`,

  sql: (rule, relationOf) => `SELECT count(*) AS total_rows FROM ${relationOf(rule.dataset)} AS src`,

  read(rule, rows) {
    const total = readCount(rows[0], 'total_rows');
    const ok = total >= rule.min;
    const details = ok
      ? `${plural(total, 'row')} (minimum ${rule.min})`
      : `${plural(total, 'row')}, fewer than the minimum of ${rule.min}`;
    return { value: total, ok, details };
  },
};
