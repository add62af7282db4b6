// executor/: applies a plan: a new immutable run folder, every step executed with DuckDB, the
// validation rules evaluated, a manifest and sanity report written, and only then `active` switched.
// A failed run leaves `active` and every earlier run untouched.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, Plan, PlanStep, RuleResult } from '../../compiler/index.js';
import { LakecError, emitPlan } from '../../compiler/index.js';
import { quoteIdent, type EngineAdapter } from '../engine/engine-adapter.js';
import { datasetDir, lakeLayout, MANIFEST_FILE, REPORTS_DIR, RUN_PLAN_FILE, runDir, type LakeLayout } from '../lake/lake-layout.js';
import { datasetFiles } from '../lake/dataset-files.js';
import { writeDurable } from '../lake/durable-write.js';
import { readManifest, type ManifestDataset, type ManifestInput, type ManifestStep, type RunManifest } from '../lake/manifest.js';
import { linkDatasetFiles } from '../lake/link-dataset.js';
import { ingestAncestors, ingestEffectiveFingerprint, modelEffectiveFingerprint } from './effective-fingerprint.js';
import { readModelSql } from '../../compiler/parse/model-sql.js';
import { openParser } from '../../compiler/parse/open-parser.js';
import type { SqlParser } from '../../compiler/parse/sql-parser.js';
import { activeRunId, switchActive } from '../lake/promote.js';
import { newRunId } from '../lake/run-id.js';
import { blockingFailures, writeSanityReport } from '../validate/sanity-report.js';
import { evaluateRules } from '../validate/evaluate-rules.js';
import { registerDataset } from './register-dataset.js';
import { locateInput, runIngestStep, type IngestCounts } from './run-ingest-step.js';
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
  /** Absolute project folder: source locations and model files in the plan are relative to it. */
  readonly projectDir: string;
  /** Absolute lake root. */
  readonly lakeDir: string;
  /** DuckDB `memory_limit`, e.g. `'2GB'`; default DuckDB's (80% of RAM). */
  readonly memoryLimit?: string;
  /**
   * Refuse the plan (LK5003) unless `active` is still the run in `plan.basedOn` (none when absent):
   * set when applying a plan file made earlier, so a reviewed plan never applies to a lake that moved.
   */
  readonly requireBase?: boolean;
  /** Rebuild every dataset instead of reusing unchanged ones from the active run. */
  readonly full?: boolean;
  readonly onEvent?: (event: ApplyEvent) => void;
  readonly now?: () => Date;
}

/**
 * Outcome of an apply. `status` is `succeeded` only when every step ran (or was reused) and no
 * `error` rule failed; `unchanged` when the active run already holds exactly this plan over the
 * same source files, so no run was made (`runId` is then the active run).
 */
export interface ApplyResult {
  readonly runId: string;
  readonly runDir: string;
  readonly status: 'succeeded' | 'failed' | 'unchanged';
  readonly promoted: boolean;
  readonly previousActive: string | null;
  readonly manifest: RunManifest;
  /** `error`-severity rules that failed (they block promotion). */
  readonly blocking: readonly RuleResult[];
  readonly error?: Diagnostic;
}

/** The active run as a source of reusable datasets: only succeeded runs with a version-2 manifest qualify. */
interface ReuseBase {
  readonly runId: string;
  readonly dir: string;
  readonly manifest: RunManifest;
  readonly datasets: ReadonlyMap<string, ManifestDataset>;
  readonly inputs: ReadonlyMap<string, ManifestInput>;
}

/**
 * Applies `plan` into `<lake>/_runs/<run_id>/` and promotes it when valid. Incremental: a dataset whose
 * effective fingerprint (plan data fingerprint + source file identities, see effective-fingerprint.ts)
 * equals the active run's is hard-linked from it instead of rebuilt, and a source whose file has the
 * size and modification time recorded by the active run is not read at all. Every run folder stays
 * complete; the manifest says per dataset whether it was built or reused, and from which run.
 *
 * @example
 * const { plan } = await compileProject({ projectDir });
 * const result = await applyPlan({ plan: plan!, projectDir, lakeDir: join(projectDir, 'lake') });
 * @throws LakecError LK5003 (stale plan, with requireBase) before anything is written; otherwise only on
 * a broken lake (cannot create folders) or a bug: step and validation failures are reported in the
 * result with status `failed`.
 */
export async function applyPlan(options: ApplyOptions): Promise<ApplyResult> {
  const now = options.now ?? (() => new Date());
  const emit = options.onEvent ?? (() => undefined);
  const lake = lakeLayout(options.lakeDir);
  const previousActive = await activeRunId(lake);
  if (options.requireBase && (options.plan.basedOn?.runId ?? null) !== previousActive) {
    throw new LakecError({
      code: 'LK5003', severity: 'error',
      message: `the plan was made against ${options.plan.basedOn ? `run ${options.plan.basedOn.runId}` : 'a lake with no published run'}, but active is now ${previousActive ?? 'unset'}`,
      hint: 'run lakec plan again and review the new plan',
    });
  }
  const reuse = options.full ? undefined : await reuseBase(lake, previousActive);
  const ancestors = ingestAncestors(options.plan);
  // Sources recognized by size and mtime need no reading; their identities come from the active run.
  const known = new Map<string, ManifestInput>();
  if (reuse) {
    for (const step of options.plan.steps) {
      if (step.kind !== 'ingest') continue;
      const old = reuse.inputs.get(step.id);
      const located = await locateInput(step, options.projectDir).catch(() => undefined);
      if (old && located && old.file === located.displayPath && old.size === located.size && old.mtimeMs === located.mtimeMs) known.set(step.id, old);
    }
    const everySourceKnown = options.plan.steps.every((s) => s.kind !== 'ingest' || known.has(s.id));
    if (everySourceKnown && reuse.manifest.planFingerprint === options.plan.fingerprint) {
      return { runId: reuse.runId, runDir: reuse.dir, status: 'unchanged', promoted: false, previousActive, manifest: reuse.manifest, blocking: [] };
    }
  }

  await mkdir(lake.runsDir, { recursive: true });
  const runId = newRunId(now());
  const run = runDir(lake, runId);
  await mkdir(run);
  const startedAt = now();
  const base = { manifestVersion: 2 as const, runId, project: options.plan.project, planFingerprint: options.plan.fingerprint, previousActive, startedAt: startedAt.toISOString() };
  await writeDurable(join(run, RUN_PLAN_FILE), emitPlan(options.plan));
  await writeDurable(join(run, MANIFEST_FILE), JSON.stringify({ ...base, status: 'running', inputs: [], datasets: [], steps: [] }, null, 2) + '\n');
  emit({ type: 'run-start', runId, runDir: run });

  const tmpDir = join(run, '_tmp');
  await mkdir(tmpDir, { recursive: true });
  // Loaded here, not at import: an apply that finds nothing to do never loads the engine (~0.2 s).
  const { openDuckDb } = await import('../engine/duckdb-adapter.js');
  const engine = await openDuckDb({ tempDirectory: join(tmpDir, 'duckdb'), ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}) });
  // One parser for every model file this run reads back (DuckDB's is started only if the fast one declines).
  const sqlParser = openParser();
  const inputs: ManifestInput[] = [];
  const steps: ManifestStep[] = [];
  const rows = new Map<string, number>();
  const effective = new Map<string, string>();
  const reused = new Map<string, ManifestDataset>();
  let error: Diagnostic | undefined;
  let results: RuleResult[] = [];
  try {
    for (const step of options.plan.steps) {
      if (error) {
        steps.push({ id: step.id, kind: step.kind, status: 'skipped' });
        continue;
      }
      // Effective fingerprint before running: known for models (from upstream) and for recognized sources.
      const knownInput = known.get(step.id);
      const before = step.kind === 'model'
        ? modelEffectiveFingerprint(step.fingerprint.data, (ancestors.get(step.id) ?? []).map((a) => effective.get(a) ?? ''))
        : knownInput ? ingestEffectiveFingerprint(step.fingerprint.data, knownInput) : undefined;
      const outputs = step.kind === 'model' ? [step.dataset] : step.outputs;
      const old = reuse && before !== undefined ? outputs.map((name) => reuse.datasets.get(name)) : undefined;
      emit({ type: 'step-start', step });
      if (reuse && before !== undefined && old?.every((d) => d?.fingerprint === before)) {
        const outcome = await reuseStep(engine, step, reuse, run, old as ManifestDataset[], now);
        effective.set(step.id, before);
        for (const d of old as ManifestDataset[]) {
          reused.set(d.name, d);
          rows.set(d.name, d.rows);
        }
        if (knownInput) inputs.push(knownInput);
        steps.push(outcome);
        emit({ type: 'step-end', step, result: outcome });
        continue;
      }
      const outcome = await runStep(engine, sqlParser, step, options, run, tmpDir, (counts) => emit({ type: 'ingest-progress', step, counts }), now);
      steps.push(outcome.manifest);
      emit({ type: 'step-end', step, result: outcome.manifest });
      if (outcome.input) {
        inputs.push(outcome.input);
        effective.set(step.id, ingestEffectiveFingerprint(step.fingerprint.data, outcome.input));
      } else if (before !== undefined) effective.set(step.id, before);
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
    await sqlParser.close();
    await engine.close();
    await rm(tmpDir, { recursive: true, force: true });
  }

  const blocking = blockingFailures(results);
  if (!error && blocking.length) {
    error = { code: 'LK6301', severity: 'error', message: `${blocking.length} validation rule(s) with severity error failed: ${blocking.map((r) => r.id).join(', ')}`, hint: `see ${REPORTS_DIR}/sanity_report.csv in the run folder` };
  }
  const datasets = error ? [] : await collectDatasets(options.plan, run, runId, rows, effective, reused);
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

/** The active run, if it can be reused from: its manifest is version 2 and it succeeded. */
async function reuseBase(lake: LakeLayout, active: string | null): Promise<ReuseBase | undefined> {
  if (!active) return undefined;
  const dir = runDir(lake, active);
  const manifest = await readManifest(join(dir, MANIFEST_FILE));
  if (!manifest || manifest.manifestVersion !== 2 || manifest.status !== 'succeeded') return undefined;
  return {
    runId: active, dir, manifest,
    datasets: new Map(manifest.datasets.map((d) => [d.name, d])),
    inputs: new Map(manifest.inputs.map((i) => [i.step, i])),
  };
}

/** Links a step's datasets from the reuse base into this run and registers them for downstream steps. */
async function reuseStep(engine: EngineAdapter, step: PlanStep, reuse: ReuseBase, run: string, datasets: readonly ManifestDataset[], now: () => Date): Promise<ManifestStep> {
  const started = now();
  for (const d of datasets) {
    await linkDatasetFiles(reuse.dir, run, d.files);
    await registerDataset(engine, d.name, d.layer, datasetDir(run, d.layer, d.name));
  }
  return { id: step.id, kind: step.kind, status: 'reused', startedAt: started.toISOString(), durationMs: now().getTime() - started.getTime(), rows: datasets.reduce((n, d) => n + d.rows, 0) };
}

async function runStep(
  engine: EngineAdapter, sqlParser: SqlParser, step: PlanStep, options: ApplyOptions, run: string, tmpDir: string,
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
    const sql = await readModelSql(options.projectDir, step.file, sqlParser);
    if (!sql.ok || sql.astFingerprint !== step.ast) {
      throw new LakecError({
        code: 'LK5004', severity: 'error',
        message: sql.ok ? `model "${step.id}" (${step.file}) changed since the plan was made` : `model "${step.id}": ${sql.reason}`,
        hint: 'run lakec plan again (reformatting is fine; a change of meaning needs a new plan)',
      });
    }
    const dir = datasetDir(run, step.layer, step.dataset);
    const n = await runModelStep(engine, step, sql.sql, dir);
    await registerDataset(engine, step.dataset, step.layer, dir);
    rows.set(step.dataset, n);
    return { manifest: { id: step.id, kind: step.kind, status: 'succeeded', ...timing(), rows: n }, rows };
  } catch (e) {
    const diagnostic: Diagnostic = e instanceof LakecError ? e.diagnostic : { code: 'LK6201', severity: 'error', message: `step "${step.id}" failed: ${e instanceof Error ? e.message : String(e)}` };
    return { manifest: { id: step.id, kind: step.kind, status: 'failed', ...timing(), error: diagnostic }, rows };
  }
}

async function collectDatasets(
  plan: Plan, run: string, runId: string, rows: ReadonlyMap<string, number>,
  effective: ReadonlyMap<string, string>, reused: ReadonlyMap<string, ManifestDataset>,
): Promise<ManifestDataset[]> {
  const out: ManifestDataset[] = [];
  for (const d of plan.datasets) {
    const old = reused.get(d.name);
    // Linked files are the same bytes: their identities carry over without reading them again.
    const files = old ? old.files : await datasetFiles(run, datasetDir(run, d.layer, d.name));
    out.push({
      name: d.name, layer: d.layer, step: d.step, rows: rows.get(d.name) ?? 0, fingerprint: effective.get(d.step) ?? '',
      build: old ? 'reused' : 'built', from: old ? old.from : runId, files,
    });
  }
  return out;
}
