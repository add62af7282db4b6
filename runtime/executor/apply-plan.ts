// executor/: applies a plan: a new immutable run folder, every step executed with DuckDB, the
// validation rules evaluated, a manifest and sanity report written, and only then `active` switched.
// A failed run leaves `active` and every earlier run untouched.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, Plan, PlanStep, RuleResult } from '../../compiler/index.js';
import { LakecError, emitPlan } from '../../compiler/index.js';
import type { ErrorCode } from '../../compiler/types/control.js';
import { openParser } from '../../compiler/parse/open-parser.js';
import type { AuditRecord } from '../control/audit-record.js';
import { AuditWriter } from '../control/audit-writer.js';
import { quoteIdent } from '../engine/engine-adapter.js';
import { datasetDir, lakeLayout, MANIFEST_FILE, type LakeLayout, REPORTS_DIR, RUN_PLAN_FILE, runDir } from '../lake/lake-layout.js';
import { writeDurable } from '../lake/durable-write.js';
import type { ManifestDataset, ManifestInput, ManifestStep, RunManifest } from '../lake/manifest.js';
import { activeRunId, switchActive } from '../lake/promote.js';
import { abortInterruptedRuns } from '../lake/abort-interrupted-runs.js';
import { newRunId } from '../lake/run-id.js';
import { readControl } from '../meta/read-control.js';
import { syncPlanToMeta } from '../meta/sync-plan.js';
import { blockingFailures, writeSanityReport } from '../validate/sanity-report.js';
import { evaluateRules } from '../validate/evaluate-rules.js';
import { ruleFingerprints, splitRuleResults } from './reuse-rule-results.js';
import { acquireLockWithPolicy, type LockAttempt } from './acquire-lock-with-policy.js';
import { ingestAncestors } from './effective-fingerprint.js';
import { collectDatasets, reuseBase } from './reuse-step.js';
import { healValidation, type QuarantinedDataset } from './heal-validation.js';
import { QUARANTINE_SUFFIX } from '../validate/quarantine-rows.js';
import { datasetFiles } from '../lake/dataset-files.js';
import { fingerprintOf } from '../../compiler/index.js';
import { RunControl } from './run-control.js';
import { locateInput, type IngestCounts } from './run-ingest-step.js';
import { runSteps, type StepsOutcome } from './run-steps.js';
import { publishTargets, type TargetPublication } from './publish-targets.js';
import { defaultWorkers, scheduleTasks } from './schedule-tasks.js';
import { readCostHistory } from '../meta/cost-history.js';
import { readSetting } from '../meta/settings.js';
import { PROFILE_SETTING } from '../meta/exchange-with-meta.js';
import type { ScheduleRecord, ScheduleTask, SystemThrottle } from '../schedule/schedule-types.js';
import { availableParallelism } from 'node:os';
import type { OpenLineageEmitter, StageOutput } from '../openlineage/openlineage-emitter.js';
import type { TransportReport } from '../openlineage/lineage-transport.js';
import { openOpenLineage } from '../openlineage/open-emitter.js';
import { reportAbortedRuns } from '../openlineage/report-aborted-runs.js';

/** Events an apply reports while it runs (for progress displays and logs). */
export type ApplyEvent =
  | { readonly type: 'run-start'; readonly runId: string; readonly runDir: string }
  | { readonly type: 'step-start'; readonly step: PlanStep }
  | { readonly type: 'ingest-progress'; readonly step: PlanStep; readonly counts: IngestCounts }
  /**
   * A step ended (however it ended). `input`: what an ingest step read (when it read or recognized
   * its source); `outputs`: each output dataset the step produced or reused, with its rows and the run
   * that computed its files.
   */
  | { readonly type: 'step-end'; readonly step: PlanStep; readonly result: ManifestStep; readonly input?: ManifestInput; readonly outputs: readonly StageOutput[] }
  /** Validation rules are about to be evaluated (every step succeeded). */
  | { readonly type: 'validating' }
  /** An attempt, skip or reuse was written to the audit log. */
  | { readonly type: 'audit'; readonly record: AuditRecord }
  /** The lake lock was held by another apply: what was done about it. */
  | { readonly type: 'lock-wait'; readonly attempt: LockAttempt }
  /** Runs left `running` by interrupted applies were marked `aborted` (oldest first). */
  | { readonly type: 'aborted-runs'; readonly runIds: readonly string[] }
  | { readonly type: 'validated'; readonly results: readonly RuleResult[] }
  | { readonly type: 'promoted'; readonly runId: string; readonly previous: string | null }
  /** A publication target was published from the active run (or failed to be). */
  | { readonly type: 'published'; readonly publication: TargetPublication };

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
  /**
   * How long to wait for the lake lock while another apply holds it, ms; 0 fails at once with LK6406.
   * Replaces the project's LOCK_CONFLICT policy (wait_for_lock healing and retries) when set.
   */
  readonly lockWaitMs?: number;
  readonly onEvent?: (event: ApplyEvent) => void;
  readonly now?: () => Date;
  /** How often the metadata store is polled for kill switches while the run goes, ms (default 250). */
  readonly pollIntervalMs?: number;
  /** Random source for retry jitter (0..1), for reproducible tests. */
  readonly random?: () => number;
  /** Worker pool size; default the plan's `schedule.workers`, else the machine's cores clamped to 2..8. */
  readonly workers?: number;
  /**
   * Where sources and targets read their connection settings (the PG* and AWS_* variables the plan
   * names); default `process.env`. The CLI passes its own environment.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Seam for tests: the fetch the OpenLineage HTTP transport uses (default the global one). */
  readonly fetch?: typeof fetch;
}

/**
 * Outcome of an apply. `status` is `succeeded` only when every step ran (or was reused) and no
 * `error` rule failed; `unchanged` when the active run already holds exactly this plan over the
 * same source files, so no run was made (`runId` is then the active run); `halted` when kill switches
 * stopped stages (the manifest's `halt` says which); `failed` otherwise. Only `succeeded` promotes.
 */
export interface ApplyResult {
  readonly runId: string;
  readonly runDir: string;
  readonly status: 'succeeded' | 'failed' | 'halted' | 'unchanged';
  readonly promoted: boolean;
  readonly previousActive: string | null;
  readonly manifest: RunManifest;
  /** `error`-severity rules that failed (they block promotion). */
  readonly blocking: readonly RuleResult[];
  readonly error?: Diagnostic;
  /**
   * Publication to the plan's targets from the active run, after promotion (or, when `unchanged`, of
   * whatever an earlier failed publication left out); absent when the plan has no targets or the run
   * was not promoted. A failed publication does not undo the promotion: the next apply retries it.
   */
  readonly published?: readonly TargetPublication[];
  /**
   * What each OpenLineage transport delivered (events are sent before promotion; a collector that is
   * down never fails the run). Absent when no run was made (`unchanged`).
   */
  readonly openlineage?: readonly TransportReport[];
}

/**
 * Applies `plan` into `<lake>/_runs/<run_id>/` and promotes it when valid. Incremental: a dataset whose
 * effective fingerprint (plan data fingerprint + source file identities, see effective-fingerprint.ts)
 * equals the active run's is hard-linked from it instead of rebuilt, and a source whose file has the
 * size and modification time recorded by the active run is not read at all. Every run folder stays
 * complete; the manifest says per dataset whether it was built or reused, and from which run.
 *
 * Governed by the control plane: the lake lock is taken first (LOCK_CONFLICT is healed and retried per
 * the project policy, or waited for up to `lockWaitMs`), then runs left `running` by interrupted applies
 * are marked `aborted` (runtime/lake/abort-interrupted-runs.ts); the plan's controls are synced into the metadata store and its merged view
 * (operators' rows win) decides retry policies, healing actions and kill switches. Each step runs under
 * runWithPolicy (classify, heal, retry with backoff, audit every attempt to `<run>/_audit.jsonl` and
 * the store's audit_log). The store is polled every `pollIntervalMs`: a stage whose kill switch is set
 * is skipped (`disabled`) or, if running, cancelled within one poll (its partial output removed);
 * stages depending on it are skipped; the rest finishes; the run ends `halted` and is not promoted.
 *
 * @example
 * const { plan } = await compileProject({ projectDir });
 * const result = await applyPlan({ plan: plan!, projectDir, lakeDir: join(projectDir, 'lake') });
 * @throws LakecError LK5003 (stale plan, with requireBase), LK6406 (lake locked after waiting per
 * policy) or LK6405 (metadata store held by another process) before any run is made; otherwise only on
 * a broken lake (cannot create folders) or a bug: step and validation failures are reported in the
 * result with status `failed` or `halted`.
 */
export async function applyPlan(options: ApplyOptions): Promise<ApplyResult> {
  const emit = options.onEvent ?? (() => undefined);
  const lake = lakeLayout(options.lakeDir);
  const lock = await acquireLockWithPolicy(lake, options.plan.control, {
    projectDir: options.projectDir, onAttempt: (attempt) => emit({ type: 'lock-wait', attempt }), ...(options.random ? { random: options.random } : {}),
    ...(options.lockWaitMs !== undefined ? { waitMs: options.lockWaitMs } : {}),
  });
  try {
    const now = options.now ?? (() => new Date());
    const aborted = await abortInterruptedRuns(lake, now());
    if (aborted.length) {
      emit({ type: 'aborted-runs', runIds: aborted });
      await reportAbortedRuns(lake, aborted, { projectDir: options.projectDir, now, env: options.env ?? process.env, ...(options.fetch ? { fetch: options.fetch } : {}) });
    }
    return await applyLocked(options, lake, emit);
  } finally {
    await lock.release();
  }
}

async function applyLocked(options: ApplyOptions, lake: LakeLayout, report: (e: ApplyEvent) => void): Promise<ApplyResult> {
  let emit = report;
  const now = options.now ?? (() => new Date());
  const env = options.env ?? process.env;
  const previousActive = await activeRunId(lake);
  if (options.requireBase && (options.plan.basedOn?.runId ?? null) !== previousActive) {
    throw new LakecError({
      code: 'LK5003', severity: 'error',
      message: `the plan was made against ${options.plan.basedOn ? `run ${options.plan.basedOn.runId}` : 'a lake with no published run'}, but active is now ${previousActive ?? 'unset'}`,
      hint: 'run lakec plan again and review the new plan',
    });
  }
  // The active run: reused from unless --full, and the `previous_run` recovery routes' source either way.
  const active = await reuseBase(lake, previousActive);
  const reuse = options.full ? undefined : active;
  const ancestors = ingestAncestors(options.plan);
  // Sources recognized by size and mtime need no reading; their identities come from the active run.
  const known = new Map<string, ManifestInput>();
  /** Source sizes found while looking (one lookup per source per apply; for S3 each is a round trip). */
  const sourceSizes = new Map<string, number>();
  if (reuse) {
    for (const step of options.plan.steps) {
      if (step.kind !== 'ingest') continue;
      const old = reuse.inputs.get(step.id);
      const located = await locateInput(step, options.projectDir, env).catch(() => undefined);
      if (located) sourceSizes.set(step.id, located.size);
      if (old && located && old.file === located.displayPath && old.size === located.size && old.mtimeMs === located.mtimeMs) known.set(step.id, old);
    }
    const everySourceKnown = options.plan.steps.every((s) => s.kind !== 'ingest' || known.has(s.id));
    if (everySourceKnown && reuse.manifest.planFingerprint === options.plan.fingerprint) {
      const published = await publish(options.plan, reuse.runId, reuse.dir, reuse.manifest, lake, now, emit, env);
      return { runId: reuse.runId, runDir: reuse.dir, status: 'unchanged', promoted: false, previousActive, manifest: reuse.manifest, blocking: [], ...(published ? { published } : {}) };
    }
  }

  // The control plane: the plan's controls go into the metadata store, whose merged view (operators'
  // rows win) governs this run; a store held by another process fails the apply here, before any write.
  await syncPlanToMeta(lake.metaDb, options.plan);
  const control = await readControl(lake.metaDb);

  await mkdir(lake.runsDir, { recursive: true });
  const runId = newRunId(now());
  const run = runDir(lake, runId);
  await mkdir(run);
  const startedAt = now();
  const base = { manifestVersion: 2 as const, runId, project: options.plan.project, planFingerprint: options.plan.fingerprint, previousActive, startedAt: startedAt.toISOString() };
  await writeDurable(join(run, RUN_PLAN_FILE), emitPlan(options.plan));
  await writeDurable(join(run, MANIFEST_FILE), JSON.stringify({ ...base, status: 'running', inputs: [], datasets: [], steps: [] }, null, 2) + '\n');
  emit({ type: 'run-start', runId, runDir: run });
  // OpenLineage: the run and each stage's START and end, and validation's assertions (runtime/openlineage/).
  const lineage = openOpenLineage({ plan: options.plan, projectDir: options.projectDir, lakeDir: lake.root, runId, runDir: run, startedAt, now, env, ...(options.fetch ? { fetch: options.fetch } : {}) });
  lineage.runStarted();
  emit = (e) => {
    feedLineage(lineage, e);
    report(e);
  };

  const profileSetting = await readSetting(lake.metaDb, PROFILE_SETTING);
  const runControl = new RunControl(lake.metaDb, control.flags, options.pollIntervalMs, profileSetting ?? undefined);
  const audit = new AuditWriter(run, runId, (record) => {
    runControl.poller.enqueue(record);
    emit({ type: 'audit', record });
  });
  runControl.poller.start();
  // Whatever happens below, the poller must stop, or its timer keeps the process alive.
  let manifest: RunManifest;
  let openlineage: TransportReport[];
  try {

    const tmpDir = join(run, '_tmp');
    await mkdir(tmpDir, { recursive: true });
    // Loaded here, not at import: an apply that finds nothing to do never loads the engine (~0.2 s).
    const { openDuckDb } = await import('../engine/duckdb-adapter.js');
    const engine = await openDuckDb({ tempDirectory: join(tmpDir, 'duckdb'), ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}) });
    // One parser for every model file this run reads back (DuckDB's is started only if the fast one declines).
    const sqlParser = openParser();
    const quarantined: QuarantinedDataset[] = [];
    let results: RuleResult[] = [];
    let error: Diagnostic | undefined;
    let errorCode: ErrorCode | undefined;
    let outcome: StepsOutcome;
    let tasks: ScheduleTask[];
    try {
      // The scheduler's view of the plan: cost estimates from earlier runs' audit records.
      for (const step of options.plan.steps) {
        if (step.kind !== 'ingest' || sourceSizes.has(step.id) || reuse) continue;
        const size = (await locateInput(step, options.projectDir, env).catch(() => undefined))?.size;
        if (size !== undefined) sourceSizes.set(step.id, size);
      }
      const history = await readCostHistory(lake.metaDb);
      let throttles: SystemThrottle[];
      ({ tasks, throttles } = scheduleTasks(options.plan, { history, sourceSizes }));
      const workers = options.workers ?? defaultWorkers(options.plan, availableParallelism());
      outcome = await runSteps({
        plan: options.plan, projectDir: options.projectDir, lake, run, runId, tmpDir, engine, sqlParser, reuse, active, known, ancestors, control,
        runControl, audit, tasks, throttles, workers, env, profile: () => runControl.profile(options.plan.schedule.profile), emit, now,
        ...(options.random ? { random: options.random } : {}),
      });
      error = outcome.error;
      errorCode = outcome.errorCode;
      const { rows, effective, reused, stopped } = outcome;
      if (!error && !stopped.size) {
        const rules = options.plan.validations.map((v) => v.rule);
        // Incremental validation: rules over unchanged datasets keep the active run's results.
        const prints = ruleFingerprints(options.plan, rules, effective, runId);
        const { evaluate, reused: reusedResults } = splitRuleResults(rules, prints, reuse?.manifest.validation?.results ?? [], reuse?.runId);
        emit({ type: 'validating' });
        const fresh = (await evaluateRules(engine, evaluate, (dataset) => `main.${quoteIdent(dataset)}`)).map((r) => ({ ...r, fingerprint: prints.get(r.id)! }));
        const byId = new Map([...fresh, ...reusedResults].map((r) => [r.id, r]));
        results = rules.map((r) => byId.get(r.id)!);
        const healed = await healValidation({ engine, run, plan: options.plan, results, healing: control.healing, audit: (e) => audit.record(e), now });
        results = healed.results;
        for (const q of healed.quarantined) {
          quarantined.push(q);
          rows.set(q.dataset.name, q.kept);
          rows.set(`${q.dataset.name}${QUARANTINE_SUFFIX}`, q.moved);
          // Cleaned data is not what the plan alone produces: never reuse it under the plain fingerprint.
          reused.delete(q.dataset.name);
          effective.set(q.dataset.step, fingerprintOf({ effective: effective.get(q.dataset.step) ?? '', quarantined: q.ruleIds }));
        }
        // Healing evaluated the rules again: fingerprint them over the data as it now is (quarantined
        // datasets have new effective fingerprints), so the next run can reuse these results.
        if (healed.quarantined.length) {
          const healedPrints = ruleFingerprints(options.plan, rules, effective, runId);
          results = results.map(({ reusedFrom: _from, ...r }) => ({ ...r, fingerprint: healedPrints.get(r.id)! }));
        }
        emit({ type: 'validated', results });
        const extra = Object.fromEntries([...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, n]) => [`rows.${name}`, n]));
        await writeSanityReport(join(run, REPORTS_DIR), results, extra);
      }
    } finally {
      await sqlParser.close();
      await engine.close();
      await rm(tmpDir, { recursive: true, force: true });
    }

    const { rows, effective, reused, stopped, haltScopes, inputs, steps } = outcome;
    const blocked = blockingFailures(results);
    if (!error && blocked.length) {
      error = { code: 'LK6301', severity: 'error', message: `${blocked.length} validation rule(s) with severity error failed: ${blocked.map((r) => r.id).join(', ')}`, hint: `see ${REPORTS_DIR}/sanity_report.csv in the run folder` };
      errorCode = 'VALIDATION_FAILED';
    }
    let halt: RunManifest['halt'];
    if (!error && stopped.size) {
      const scopes = [...haltScopes].sort();
      const reasons = scopes.map((s) => `${s} (${runControl.reasonOf(s) ?? 'disabled'})`);
      halt = { scopes, reason: reasons.join('; '), stages: [...stopped.keys()] };
      error = {
        code: 'LK6410', severity: 'error',
        message: `run halted by kill switch${scopes.length === 1 ? '' : 'es'} on ${reasons.join(', ')}: ${stopped.size} stage(s) not run, the rest finished; nothing promoted`,
        hint: `lakec enable ${scopes[0]} and apply again`,
      };
      errorCode = 'CANCELLED';
    }
    const datasets = error ? [] : [
      ...await collectDatasets(options.plan, run, runId, rows, effective, reused),
      ...await Promise.all(quarantined.map(async (q): Promise<ManifestDataset> => {
        const name = `${q.dataset.name}${QUARANTINE_SUFFIX}`;
        return { name, layer: q.dataset.layer, step: q.dataset.step, rows: q.moved, fingerprint: effective.get(q.dataset.step) ?? '', build: 'built', from: runId, files: await datasetFiles(run, datasetDir(run, q.dataset.layer, name)) };
      })),
    ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const finishedAt = now();
    const status: RunManifest['status'] = halt ? 'halted' : error ? 'failed' : 'succeeded';
    manifest = {
      ...base, status, finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - startedAt.getTime(),
      inputs, datasets, steps, schedule: { ...scheduleForManifest(outcome.schedule), tasks },
      ...(results.length ? { validation: { results, blocking: blocked.length } } : {}),
      ...(error ? { error } : {}), ...(errorCode ? { errorCode } : {}), ...(halt ? { halt } : {}),
    };
    await audit.close();
    await runControl.poller.stop();
    lineage.runEnded(manifest);
    openlineage = await lineage.close();
    await writeDurable(join(run, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  } catch (e) {
    await runControl.poller.stop(0).catch(() => undefined);
    lineage.runBroke(e instanceof LakecError ? e.diagnostic : { code: 'LK6404', severity: 'error', message: e instanceof Error ? e.message : String(e) });
    await lineage.close();
    throw e;
  }
  const blocking = blockingFailures(manifest.validation?.results ?? []);
  if (manifest.error) return { runId, runDir: run, status: manifest.halt ? 'halted' : 'failed', promoted: false, previousActive, manifest, blocking, error: manifest.error, openlineage };
  const previous = await switchActive(lake, runId, 'promote', now());
  emit({ type: 'promoted', runId, previous });
  const published = await publish(options.plan, runId, run, manifest, lake, now, emit, env);
  return { runId, runDir: run, status: 'succeeded', promoted: true, previousActive, manifest, blocking, openlineage, ...(published ? { published } : {}) };
}

/** Publishes the plan's targets from the active run `runId`; undefined when the plan has none. */
async function publish(
  plan: Plan, runId: string, run: string, manifest: RunManifest, lake: LakeLayout, now: () => Date, emit: (e: ApplyEvent) => void, env: Readonly<Record<string, string | undefined>>,
): Promise<TargetPublication[] | undefined> {
  if (!plan.targets.length) return undefined;
  const published = await publishTargets(plan, runId, run, new Map(manifest.datasets.map((d) => [d.name, d.from])), lake.metaDb, now, env);
  for (const publication of published) emit({ type: 'published', publication });
  return published;
}

/** Hands the apply events that OpenLineage reports on to the run's emitter. */
function feedLineage(lineage: OpenLineageEmitter, e: ApplyEvent): void {
  switch (e.type) {
    case 'step-start': return lineage.stageStarted(e.step);
    case 'step-end': return lineage.stageEnded(e.step, e.result, e.input, e.outputs);
    case 'validating': return lineage.validationStarted();
    case 'validated': return lineage.validated(e.results);
    default: return undefined;
  }
}

/** The schedule as the manifest keeps it: without the decision trace (entries suffice for the checks). */
function scheduleForManifest(record: ScheduleRecord): Omit<ScheduleRecord, 'decisions'> {
  const { decisions: _decisions, ...rest } = record;
  return rest;
}
