// executor/: healing after validation: error rules that failed on a dataset are answered by the
// `quarantine_rows` healing action matching the dataset's stage (VALIDATION_FAILED), then every rule is
// evaluated again. Each try is one audit record (attempt 0: a validation record, not a stage attempt).
import type { Plan, PlanDataset, RuleResult } from '../../compiler/index.js';
import type { PlanHealingAction } from '../../compiler/types/control.js';
import { ERROR_CODES } from '../../compiler/types/control.js';
import { quoteIdent, type EngineAdapter } from '../engine/engine-adapter.js';
import { NO_FAILURE, type AuditEntry } from '../control/audit-writer.js';
import { selectHealing } from '../control/healing/select-healing.js';
import { evaluateRules } from '../validate/evaluate-rules.js';
import { quarantineRows } from '../validate/quarantine-rows.js';
import { blockingFailures } from '../validate/sanity-report.js';

/** A dataset whose failing rows were moved to `<name>__quarantine`. */
export interface QuarantinedDataset {
  readonly dataset: PlanDataset;
  readonly ruleIds: readonly string[];
  readonly moved: number;
  readonly kept: number;
}

/**
 * Tries quarantine_rows for each dataset with failed error rules; when any was healed, evaluates every
 * rule again. @returns the final rule results and what was quarantined.
 */
export async function healValidation(args: {
  engine: EngineAdapter; run: string; plan: Plan; results: RuleResult[]; healing: readonly PlanHealingAction[];
  audit: (entry: AuditEntry) => Promise<unknown>; now: () => Date;
}): Promise<{ results: RuleResult[]; quarantined: QuarantinedDataset[] }> {
  const { plan, engine } = args;
  const blocking = blockingFailures(args.results);
  if (!blocking.length) return { results: args.results, quarantined: [] };
  const quarantineActions = args.healing.filter((a) => a.action === 'quarantine_rows');
  const datasets = new Map(plan.datasets.map((d) => [d.name, d]));
  const quarantined: QuarantinedDataset[] = [];
  for (const name of [...new Set(blocking.map((r) => r.dataset))].sort()) {
    const dataset = datasets.get(name);
    if (!dataset) continue;
    const failed = blocking.filter((r) => r.dataset === name);
    const message = `validation rule(s) ${failed.map((r) => r.id).join(', ')} failed on ${name}`;
    const action = selectHealing(quarantineActions, { code: 'VALIDATION_FAILED', message, stage: dataset.step, pipeline: dataset.pipeline }, new Map());
    if (!action) continue;
    const started = args.now();
    const rules = plan.validations.map((v) => v.rule).filter((r) => failed.some((f) => f.id === r.id));
    const readers = plan.steps.filter((s) => s.kind === 'model' && s.inputs.includes(name)).map((s) => s.id);
    const result = await quarantineRows(engine, args.run, dataset, rules, { readers, ...(action.maxRatio !== undefined ? { maxRatio: action.maxRatio } : {}) });
    const ended = args.now();
    await args.audit({
      ...NO_FAILURE, stage: dataset.step, pipeline: dataset.pipeline, attempt: 0, status: 'failed',
      started_at: started.toISOString(), ended_at: ended.toISOString(), duration_ms: ended.getTime() - started.getTime(),
      rows: result.kept ?? null, bytes: null, message, error_code: 'VALIDATION_FAILED', transient: ERROR_CODES.VALIDATION_FAILED.transient,
      original_error: failed.map((r) => `${r.check}: ${r.details}`).join('; '),
      healing_action: 'quarantine_rows', healing_outcome: result.outcome, healing_detail: result.detail,
    });
    if (result.outcome === 'healed') quarantined.push({ dataset, ruleIds: rules.map((r) => r.id), moved: result.moved!, kept: result.kept! });
  }
  if (!quarantined.length) return { results: args.results, quarantined };
  const results = await evaluateRules(engine, plan.validations.map((v) => v.rule), (dataset) => `main.${quoteIdent(dataset)}`);
  return { results, quarantined };
}
