// executor/: applies a plan: a new immutable run folder, every step executed with DuckDB, the
// validation rules evaluated, a manifest and sanity report written, and only then `active` switched.
// A failed run leaves `active` and every earlier run untouched.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, Plan, PlanStep, RuleResult } from '../../compiler/index.js';
import { LakecError, emitPlan } from '../../compiler/index.js';
import { openDuckDb } from '../engine/duckdb-adapter.js';
import { quoteIdent, type EngineAdapter } from '../engine/engine-adapter.js';
import { datasetDir, lakeLayout, MANIFEST_FILE, REPORTS_DIR, RUN_PLAN_FILE, runDir } from '../lake/lake-layout.js';
import { datasetFiles } from '../lake/dataset-files.js';
import { writeDurable } from '../lake/durable-write.js';
import type { ManifestDataset, ManifestInput, ManifestStep, RunManifest } from '../lake/manifest.js';
import { activeRunId, switchActive } from '../lake/promote.js';
import { newRunId } from '../lake/run-id.js';
import { blockingFailures, writeSanityReport } from '../validate/sanity-report.js';
import { evaluateRules } from '../validate/evaluate-rules.js';
import { registerDataset } from './register-dataset.js';
import { runIngestStep, type IngestCounts } from './run-ingest-step.js';
import { runModelStep } from './run-model-step.js';

/** Events an apply reports while it runs (for progress displays and logs). */
export type ApplyEvent =
  | { readonly type: 'run-start'; readonly runId: string; readonly runDir: string }
  | { readonly type: 'step-start'; readonly step: PlanStep }
  | { readonly type: 'ingest-progress'; readonly step: PlanStep; readonly counts: IngestCounts }
  | { readonly type: 'step-end'; readonly step: PlanStep; readonly result: ManifestStep }
  | { readonly type: 'validated'; readonly results: readonly RuleResult[] }
  | { readonly type: 'promoted'; readonly runId: string; readonly previous: string | null };

/** Inputs of an apply. */
export interface ApplyOptions {
  readonly plan: Plan;
  /** Absolute project folder: source locations in the plan are relative to it. */
  readonly projectDir: string;
  /** Absolute lake root. */
  readonly lakeDir: string;
  /** DuckDB `memory_limit`, e.g. `'2GB'`; default DuckDB's (80% of RAM). */
  readonly memoryLimit?: string;
  readonly onEvent?: (event: ApplyEvent) => void;
  readonly now?: () => Date;
}

/** Outcome of an apply. `status` is `succeeded` only when every step ran and no `error` rule failed. */
export interface ApplyResult {
  readonly runId: string;
  readonly runDir: string;
  readonly status: 'succeeded' | 'failed';
  readonly promoted: boolean;
  readonly previousActive: string | null;
  readonly manifest: RunManifest;
  /** `error`-severity rules that failed (they block promotion). */
  readonly blocking: readonly RuleResult[];
  readonly error?: Diagnostic;
}

/**
 * Applies `plan` into `<lake>/_runs/<run_id>/` and promotes it when valid.
 *
 * @example
 * const { plan } = await compileProject({ projectDir });
 * const result = await applyPlan({ plan: plan!, projectDir, lakeDir: join(projectDir, 'lake') });
 * @throws only on a broken lake (cannot create folders) or a bug; step and validation failures are
 * reported in the result with status `failed`.
 */
export async function applyPlan(options: ApplyOptions): Promise<ApplyResult> {
  const now = options.now ?? (() => new Date());
  const emit = options.onEvent ?? (() => undefined);
  const lake = lakeLayout(options.lakeDir);
  await mkdir(lake.runsDir, { recursive: true });
  const runId = newRunId(now());
  const run = runDir(lake, runId);
  await mkdir(run);
  const previousActive = await activeRunId(lake);
  const startedAt = now();
  const base = { manifestVersion: 1 as const, runId, project: options.plan.project, planFingerprint: options.plan.fingerprint, previousActive, startedAt: startedAt.toISOString() };
  await writeDurable(join(run, RUN_PLAN_FILE), emitPlan(options.plan));
  await writeDurable(join(run, MANIFEST_FILE), JSON.stringify({ ...base, status: 'running', inputs: [], datasets: [], steps: [] }, null, 2) + '\n');
  emit({ type: 'run-start', runId, runDir: run });

  const tmpDir = join(run, '_tmp');
  await mkdir(tmpDir, { recursive: true });
  const engine = await openDuckDb({ tempDirectory: join(tmpDir, 'duckdb'), ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}) });
  const inputs: ManifestInput[] = [];
  const steps: ManifestStep[] = [];
  const rows = new Map<string, number>();
  let error: Diagnostic | undefined;
  let results: RuleResult[] = [];
  try {
    for (const step of options.plan.steps) {
      if (error) {
        steps.push({ id: step.id, kind: step.kind, status: 'skipped' });
        continue;
      }
      emit({ type: 'step-start', step });
      const outcome = await runStep(engine, step, options, run, tmpDir, (counts) => emit({ type: 'ingest-progress', step, counts }), now);
      steps.push(outcome.manifest);
      emit({ type: 'step-end', step, result: outcome.manifest });
      if (outcome.input) inputs.push(outcome.input);
      for (const [name, n] of outcome.rows) rows.set(name, n);
      if (outcome.manifest.error) error = outcome.manifest.error;
    }
    if (!error) {
      const rules = options.plan.validations.map((v) => v.rule);
      results = await evaluateRules(engine, rules, (dataset) => `main.${quoteIdent(dataset)}`);
      emit({ type: 'validated', results });
      const extra = Object.fromEntries([...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, n]) => [`rows.${name}`, n]));
      await writeSanityReport(join(run, REPORTS_DIR), results, extra);
    }
  } finally {
    await engine.close();
    await rm(tmpDir, { recursive: true, force: true });
  }

  const blocking = blockingFailures(results);
  if (!error && blocking.length) {
    error = { code: 'LK6301', severity: 'error', message: `${blocking.length} validation rule(s) with severity error failed: ${blocking.map((r) => r.id).join(', ')}`, hint: `see ${REPORTS_DIR}/sanity_report.csv in the run folder` };
  }
  const datasets = error ? [] : await collectDatasets(options.plan, run, rows);
  const finishedAt = now();
  const manifest: RunManifest = {
    ...base, status: error ? 'failed' : 'succeeded', finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - startedAt.getTime(),
    inputs, datasets, steps, ...(results.length ? { validation: { results, blocking: blocking.length } } : {}), ...(error ? { error } : {}),
  };
  await writeDurable(join(run, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  if (error) return { runId, runDir: run, status: 'failed', promoted: false, previousActive, manifest, blocking, error };
  const previous = await switchActive(lake, runId, 'promote', now());
  emit({ type: 'promoted', runId, previous });
  return { runId, runDir: run, status: 'succeeded', promoted: true, previousActive, manifest, blocking };
}

async function runStep(
  engine: EngineAdapter, step: PlanStep, options: ApplyOptions, run: string, tmpDir: string,
  onProgress: (c: IngestCounts) => void, now: () => Date,
): Promise<{ manifest: ManifestStep; input?: ManifestInput; rows: Map<string, number> }> {
  const started = now();
  const timing = () => ({ startedAt: started.toISOString(), durationMs: now().getTime() - started.getTime() });
  const rows = new Map<string, number>();
  try {
    if (step.kind === 'ingest') {
      const bronzeDir = join(run, 'bronze');
      const out = await runIngestStep({ engine, step, projectDir: options.projectDir, bronzeDir, tmpDir, onProgress });
      for (const name of step.outputs) {
        await registerDataset(engine, name, 'bronze', datasetDir(run, 'bronze', name));
        rows.set(name, out.tableRows.get(name) ?? 0);
      }
      return { manifest: { id: step.id, kind: step.kind, status: 'succeeded', ...timing(), rows: out.rows, xmlBytes: out.xmlBytes, records: out.records }, input: out.input, rows };
    }
    const dir = datasetDir(run, step.layer, step.dataset);
    const n = await runModelStep(engine, step, dir);
    await registerDataset(engine, step.dataset, step.layer, dir);
    rows.set(step.dataset, n);
    return { manifest: { id: step.id, kind: step.kind, status: 'succeeded', ...timing(), rows: n }, rows };
  } catch (e) {
    const diagnostic: Diagnostic = e instanceof LakecError ? e.diagnostic : { code: 'LK6201', severity: 'error', message: `step "${step.id}" failed: ${e instanceof Error ? e.message : String(e)}` };
    return { manifest: { id: step.id, kind: step.kind, status: 'failed', ...timing(), error: diagnostic }, rows };
  }
}

async function collectDatasets(plan: Plan, run: string, rows: ReadonlyMap<string, number>): Promise<ManifestDataset[]> {
  const fingerprints = new Map(plan.steps.map((s) => [s.id, s.fingerprint.data]));
  const out: ManifestDataset[] = [];
  for (const d of plan.datasets) {
    out.push({ name: d.name, layer: d.layer, step: d.step, rows: rows.get(d.name) ?? 0, fingerprint: fingerprints.get(d.step) ?? '', files: await datasetFiles(run, datasetDir(run, d.layer, d.name)) });
  }
  return out;
}
