// validate/: checks a rule's own fields before any SQL is built, so a malformed rule (e.g. from a
// spec that skipped schema validation) is reported as unevaluable instead of producing odd SQL.
import type { ValidationRule } from '../../compiler/types/validation.js';

/**
 * Returns what is wrong with `rule`'s fields, or undefined when it can be evaluated.
 * Checks: non-empty id and dataset; non-empty column lists; `relationship` column lists of equal
 * length, `max_orphans` >= 0, `max_orphan_ratio` in 0..1; `row_count_min.min` >= 0;
 * `accepted_values` has exactly one column and only finite numbers; `sums_match` key lists of equal
 * length, non-empty `to`, `sum` and `to_sum`, `tolerance` finite and >= 0. Never throws.
 */
export function ruleShapeProblem(rule: ValidationRule): string | undefined {
  if (!nonEmptyString(rule.id)) return 'rule id must be a non-empty string';
  if (!nonEmptyString(rule.dataset)) return 'dataset must be a non-empty string';
  switch (rule.kind) {
    case 'row_count_min':
      return isCount(rule.min) ? undefined : 'min must be a finite number >= 0';
    case 'not_null':
    case 'unique':
      return columnsProblem(rule.columns, 'columns');
    case 'relationship':
      return relationshipProblem(rule);
    case 'accepted_values':
      if (!Array.isArray(rule.columns) || rule.columns.length !== 1) return 'accepted_values takes exactly one column';
      if (!Array.isArray(rule.values)) return 'values must be a list';
      return rule.values.every((v) => typeof v !== 'number' || Number.isFinite(v))
        ? columnsProblem(rule.columns, 'columns')
        : 'values must not contain NaN or infinite numbers';
    case 'sums_match':
      return sumsMatchProblem(rule);
    default:
      return `unknown rule kind ${JSON.stringify((rule as { kind?: unknown }).kind)}`;
  }
}

function relationshipProblem(rule: Extract<ValidationRule, { kind: 'relationship' }>): string | undefined {
  const problem = columnsProblem(rule.columns, 'columns') ?? columnsProblem(rule.to_columns, 'to_columns');
  if (problem !== undefined) return problem;
  if (!nonEmptyString(rule.to)) return 'to must be a non-empty string';
  if (rule.columns.length !== rule.to_columns.length) {
    return `columns has ${rule.columns.length} entries but to_columns has ${rule.to_columns.length}`;
  }
  if (rule.max_orphans !== undefined && !isCount(rule.max_orphans)) return 'max_orphans must be a finite number >= 0';
  const ratio = rule.max_orphan_ratio;
  if (ratio !== undefined && !(typeof ratio === 'number' && ratio >= 0 && ratio <= 1)) {
    return 'max_orphan_ratio must be a number from 0 to 1';
  }
  return undefined;
}

function sumsMatchProblem(rule: Extract<ValidationRule, { kind: 'sums_match' }>): string | undefined {
  const problem = columnsProblem(rule.columns, 'columns') ?? columnsProblem(rule.to_columns, 'to_columns');
  if (problem !== undefined) return problem;
  if (!nonEmptyString(rule.to)) return 'to must be a non-empty string';
  if (!nonEmptyString(rule.sum)) return 'sum must name a column';
  if (!nonEmptyString(rule.to_sum)) return 'to_sum must name a column';
  if (rule.columns.length !== rule.to_columns.length) {
    return `columns has ${rule.columns.length} entries but to_columns has ${rule.to_columns.length}`;
  }
  if (rule.tolerance !== undefined && !isCount(rule.tolerance)) return 'tolerance must be a finite number >= 0';
  return undefined;
}

function columnsProblem(columns: unknown, field: string): string | undefined {
  if (!Array.isArray(columns) || columns.length === 0) return `${field} must list at least one column`;
  return columns.every(nonEmptyString) ? undefined : `${field} must contain non-empty column names`;
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}
