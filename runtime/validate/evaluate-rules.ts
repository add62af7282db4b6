// validate/: evaluates validation rules against an engine. Reads data only; never writes.
import type { RuleResult, ValidationRule } from '../../compiler/types/validation.js';
import { InternalError } from '../../compiler/diagnostics/diagnostic.js';
import type { EngineAdapter, Row } from '../engine/engine-adapter.js';
import type { RuleCheck } from './rule-check.js';
import { ruleShapeProblem } from './rule-shape.js';
import { displayIdent } from './format-details.js';
import { rowCountMinCheck } from './rules/row-count-min.js';
import { notNullCheck } from './rules/not-null.js';
import { uniqueCheck } from './rules/unique.js';
import { relationshipCheck } from './rules/relationship.js';
import { acceptedValuesCheck } from './rules/accepted-values.js';
import { sumsMatchCheck } from './rules/sums-match.js';

/**
 * Evaluates each rule with exactly one SQL query, sequentially, and returns one result per rule in
 * rule order.
 *
 * A rule that cannot be evaluated (malformed fields, `relationOf` throwing, an engine error such as an
 * unknown column or a value that does not convert) yields `ok: false`, `value: 0`, `error` set to the
 * message, and `details` starting `could not evaluate: `. Severity never changes `ok`.
 *
 * @param engine     the engine to query; called sequentially, one query per rule.
 * @param rules      the rules, evaluated in order.
 * @param relationOf maps a dataset name to an SQL relation expression usable after FROM, e.g.
 *                   `read_parquet('runs/r1/releases/*.parquet')` or `"releases"`. It is trusted SQL:
 *                   the caller must quote it.
 * @throws InternalError only on a lakec bug (the engine returned rows of an unexpected shape).
 *
 * @example
 * const results = await evaluateRules(engine, [
 *   { id: 'releases_pk', kind: 'unique', dataset: 'releases', columns: ['release_id'], severity: 'error' },
 * ], (dataset) => quoteIdent(dataset));
 * // results[0].check === 'unique(releases.release_id)'
 */
export async function evaluateRules(
  engine: EngineAdapter,
  rules: readonly ValidationRule[],
  relationOf: (dataset: string) => string,
): Promise<RuleResult[]> {
  const results: RuleResult[] = [];
  for (const rule of rules) results.push(await evaluateRule(engine, rule, relationOf));
  return results;
}

/** Evaluates one rule; see `evaluateRules` for the contract. */
export async function evaluateRule(
  engine: EngineAdapter,
  rule: ValidationRule,
  relationOf: (dataset: string) => string,
): Promise<RuleResult> {
  const problem = ruleShapeProblem(rule);
  if (problem !== undefined) return unevaluable(rule, `${rule.kind}(${displayIdent(String(rule.dataset))})`, problem);
  switch (rule.kind) {
    case 'row_count_min':
      return runCheck(engine, rowCountMinCheck, rule, relationOf);
    case 'not_null':
      return runCheck(engine, notNullCheck, rule, relationOf);
    case 'unique':
      return runCheck(engine, uniqueCheck, rule, relationOf);
    case 'relationship':
      return runCheck(engine, relationshipCheck, rule, relationOf);
    case 'accepted_values':
      return runCheck(engine, acceptedValuesCheck, rule, relationOf);
    case 'sums_match':
      return runCheck(engine, sumsMatchCheck, rule, relationOf);
  }
}

async function runCheck<R extends ValidationRule>(
  engine: EngineAdapter,
  check: RuleCheck<R>,
  rule: R,
  relationOf: (dataset: string) => string,
): Promise<RuleResult> {
  const label = check.label(rule);
  let rows: Row[];
  try {
    rows = await engine.query(check.sql(rule, relationOf));
  } catch (err) {
    if (err instanceof InternalError) throw err;
    return unevaluable(rule, label, err instanceof Error ? err.message : String(err));
  }
  const outcome = check.read(rule, rows);
  return { ...base(rule, label), ...outcome };
}

function base(rule: ValidationRule, check: string): Pick<RuleResult, 'id' | 'kind' | 'dataset' | 'severity' | 'check'> {
  return { id: rule.id, kind: rule.kind, dataset: rule.dataset, severity: rule.severity, check };
}

function unevaluable(rule: ValidationRule, check: string, message: string): RuleResult {
  const firstLine = message.split('\n', 1)[0]?.trim() ?? '';
  return { ...base(rule, check), value: 0, ok: false, details: `could not evaluate: ${firstLine}`, error: message };
}
