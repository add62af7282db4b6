// executor/: incremental validation. A rule's result depends only on its definition and the data of the
// datasets it reads, so a rule whose definition and datasets are unchanged since the active run takes
// that run's result instead of querying the engine again.
import type { Plan, RuleResult, ValidationRule } from '../../compiler/index.js';
import { fingerprintOf } from '../../compiler/index.js';

/** The datasets a rule reads: its own, and for `relationship` and `sums_match` the referenced one. */
export function ruleDatasets(rule: ValidationRule): string[] {
  return 'to' in rule && typeof rule.to === 'string' ? [rule.dataset, rule.to] : [rule.dataset];
}

/**
 * Each rule's fingerprint: sha256 over the rule's canonical JSON and the effective fingerprint of every
 * dataset it reads (`effective`: producing step id -> effective fingerprint; a dataset without one makes
 * the fingerprint unique to this run, so its rules always run).
 */
export function ruleFingerprints(plan: Plan, rules: readonly ValidationRule[], effective: ReadonlyMap<string, string>, runId: string): Map<string, string> {
  const stepOf = new Map(plan.datasets.map((d) => [d.name, d.step]));
  return new Map(rules.map((rule) => [rule.id, fingerprintOf({ rule, data: ruleDatasets(rule).map((d) => effective.get(stepOf.get(d) ?? '') ?? `unknown in ${runId}`) })]));
}

/**
 * Splits `rules` into those to evaluate and the results reusable from `previous` (the active run's
 * results, from run `previousRunId`): reusable when the previous result has the same id and fingerprint
 * and was evaluated (no `error`). Reused results are copied with `reusedFrom` set.
 */
export function splitRuleResults(
  rules: readonly ValidationRule[], prints: ReadonlyMap<string, string>, previous: readonly RuleResult[], previousRunId: string | undefined,
): { evaluate: ValidationRule[]; reused: RuleResult[] } {
  const before = new Map(previous.map((r) => [r.id, r]));
  const evaluate: ValidationRule[] = [];
  const reused: RuleResult[] = [];
  for (const rule of rules) {
    const old = before.get(rule.id);
    if (old && old.error === undefined && old.fingerprint !== undefined && old.fingerprint === prints.get(rule.id)) {
      reused.push({ ...old, reusedFrom: old.reusedFrom ?? previousRunId ?? 'unknown' });
    } else evaluate.push(rule);
  }
  return { evaluate, reused };
}
