// executor/: runs a plan's steps on the scheduler's bounded worker pool (runtime/schedule/run-dag.ts),
// each worker with its own engine connection: a step is reused from the active run when its effective
// fingerprint is unchanged, otherwise executed under the control plane (runWithPolicy), taking its
// systems' rate-limit tokens inside the streaming ingest. Collects what the manifest needs.
import { isXmlIngest, type Diagnostic, type Plan, type PlanStep, type ScheduleProfile } from '../../compiler/index.js';
import type { ErrorCode } from '../../compiler/types/control.js';
import type { AuditWriter } from '../control/audit-writer.js';
import { NO_FAILURE } from '../control/audit-writer.js';
import { resolveRetryPolicy, resolveTimeout } from '../control/retry-policy.js';
import type { EngineAdapter } from '../engine/engine-adapter.js';
import type { LakeLayout } from '../lake/lake-layout.js';
import type { ManifestDataset, ManifestInput, ManifestRoute, ManifestStep } from '../lake/manifest.js';
import { chooseIngestRoute } from '../recovery/choose-route.js';
import { routeAuditMessage } from '../recovery/route-message.js';
import type { MetaControl } from '../meta/read-control.js';
import type { ScheduleRecord, ScheduleTask, SystemThrottle } from '../schedule/schedule-types.js';
import { runDag } from '../schedule/run-dag.js';
import type { SqlParser } from '../../compiler/parse/sql-parser.js';
import type { ApplyEvent } from './apply-plan.js';
import { ingestEffectiveFingerprint, modelEffectiveFingerprint } from './effective-fingerprint.js';
import { discardStepOutputs, executeStep, type StepOutput } from './execute-step.js';
import { reuseStep, type ReuseBase } from './reuse-step.js';
import type { RunControl } from './run-control.js';
import { runWithPolicy } from './run-with-policy.js';

/** Everything the steps of one run share. */
export interface StepsContext {
  readonly plan: Plan;
  readonly projectDir: string;
  readonly lake: LakeLayout;
  readonly run: string;
  readonly runId: string;
  readonly tmpDir: string;
  /** The run's engine; worker 0 uses it, the others get their own connection to it. */
  readonly engine: EngineAdapter;
  readonly sqlParser: SqlParser;
  readonly reuse: ReuseBase | undefined;
  /** The active run even under --full: `previous_run` recovery routes link from it. */
  readonly active: ReuseBase | undefined;
  /** Ingest steps whose source file the active run already read (same size and mtime). */
  readonly known: ReadonlyMap<string, ManifestInput>;
  /** step id -> ids of the ingest steps it derives from. */
  readonly ancestors: ReadonlyMap<string, readonly string[]>;
  readonly control: MetaControl;
  readonly runControl: RunControl;
  readonly audit: AuditWriter;
  readonly tasks: readonly ScheduleTask[];
  readonly throttles: readonly SystemThrottle[];
  readonly workers: number;
  /** The profile for the next scheduling decision (the operator's, else the plan's). */
  readonly profile: () => ScheduleProfile;
  readonly emit: (e: ApplyEvent) => void;
  readonly now: () => Date;
  readonly random?: () => number;
  /** Where sources read connection settings from (PG*, AWS_* variables). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What the steps produced, for the manifest. Maps keyed by dataset or step id. */
export interface StepsOutcome {
  /** One per plan step, in plan order. */
  readonly steps: ManifestStep[];
  /** Source files read or recognized, in plan order. */
  readonly inputs: ManifestInput[];
  readonly rows: Map<string, number>;
  readonly effective: Map<string, string>;
  readonly reused: Map<string, ManifestDataset>;
  /** Steps a kill switch kept from producing outputs, with how (`disabled`, `cancelled`, `skipped`). */
  readonly stopped: Map<string, string>;
  readonly haltScopes: Set<string>;
  readonly error?: Diagnostic;
  readonly errorCode?: ErrorCode;
  /** The actual schedule (ms from the first decision). */
  readonly schedule: ScheduleRecord;
}

/**
 * Runs every step of the plan, dependency-driven, at most `ctx.workers` at once and within every
 * system's max_concurrent; see runDag. After a failure no new step starts, running ones finish and
 * the rest are skipped; a kill switch skips only the stage's dependents.
 */
export async function runSteps(ctx: StepsContext): Promise<StepsOutcome> {
  const { plan, now, audit } = ctx;
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const results = new Map<string, ManifestStep>();
  const inputs = new Map<string, ManifestInput>();
  const rows = new Map<string, number>();
  const effective = new Map<string, string>();
  const reused = new Map<string, ManifestDataset>();
  const stopped = new Map<string, string>();
  const haltScopes = new Set<string>();
  let failure: { error: Diagnostic; code: ErrorCode } | undefined;

  // Schemas are catalog entries every worker would otherwise race to create (a write-write conflict).
  for (const layer of new Set(['bronze', ...plan.steps.map((s) => s.layer)])) await ctx.engine.run(`CREATE SCHEMA IF NOT EXISTS "${layer.replace(/"/g, '""')}"`);
  const engines: (Promise<EngineAdapter> | undefined)[] = [Promise.resolve(ctx.engine)];
  const engineOf = (worker: number): Promise<EngineAdapter> => (engines[worker] ??= ctx.engine.connect());

  const finish = (step: PlanStep, result: ManifestStep): void => {
    results.set(step.id, result);
    const input = inputs.get(step.id);
    const outputs = (step.kind === 'model' ? [step.dataset] : step.outputs).flatMap((name) => (rows.has(name) ? [{ name, rows: rows.get(name)!, builtBy: reused.get(name)?.from ?? ctx.runId }] : []));
    ctx.emit({ type: 'step-end', step, result, ...(input ? { input } : {}), outputs });
  };

  const runOne = async (step: PlanStep, engine: EngineAdapter, take: (d: { rows: number; bytes: number }, signal?: AbortSignal) => Promise<void>): Promise<'succeeded' | 'failed' | 'stopped'> => {
    const knownInput = ctx.known.get(step.id);
    const before = step.kind === 'model'
      ? modelEffectiveFingerprint(step.fingerprint.data, (ctx.ancestors.get(step.id) ?? []).map((a) => effective.get(a) ?? ''))
      : knownInput ? ingestEffectiveFingerprint(step.fingerprint.data, knownInput) : undefined;
    const outputs = step.kind === 'model' ? [step.dataset] : step.outputs;
    const old = ctx.reuse && before !== undefined ? outputs.map((name) => ctx.reuse!.datasets.get(name)) : undefined;
    const off = ctx.runControl.disabledScope(step);
    if (ctx.reuse && before !== undefined && old?.every((d) => d?.fingerprint === before) && !off) {
      ctx.emit({ type: 'step-start', step });
      const outcome = await reuseStep(engine, step, ctx.reuse, ctx.run, old as ManifestDataset[], now);
      effective.set(step.id, before);
      for (const d of old as ManifestDataset[]) {
        reused.set(d.name, d);
        rows.set(d.name, d.rows);
      }
      if (knownInput) inputs.set(step.id, knownInput);
      const at = now().toISOString();
      await audit.record({ ...NO_FAILURE, stage: step.id, pipeline: step.pipeline, attempt: 0, status: 'reused', started_at: outcome.startedAt ?? at, ended_at: at, duration_ms: outcome.durationMs ?? 0, rows: outcome.rows ?? null, bytes: null, message: `reused from run ${old![0]!.from}` });
      finish(step, outcome);
      return 'succeeded';
    }
    ctx.emit({ type: 'step-start', step });
    const started = now();
    let acceptAddedColumns = false;
    const timeoutMs = resolveTimeout(plan.control.timeouts, step.id, step.pipeline);
    const outcome = await runWithPolicy<StepOutput & { route?: ManifestRoute; linked?: readonly ManifestDataset[] }>({
      stage: step.id, pipeline: step.pipeline, runId: ctx.runId, policy: resolveRetryPolicy(ctx.control.retry, step.id, step.pipeline), healing: ctx.control.healing,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      healingContext: { projectDir: ctx.projectDir, lake: ctx.lake, engine, acceptAddedColumns: () => { acceptAddedColumns = true; } },
      disabledScope: () => {
        const d = ctx.runControl.disabledScope(step);
        return d ? { scope: d.scope, reason: d.why.reason ?? 'no reason given' } : undefined;
      },
      setCurrent: (c) => ctx.runControl.setCurrent(step, c),
      discard: () => discardStepOutputs(ctx.run, step),
      audit: (entry) => audit.record(entry),
      now,
      ...(ctx.random ? { random: ctx.random } : {}),
    }, async (signal) => {
      // A source whose primary location is down is read through its cheapest available recovery route.
      const chosen = isXmlIngest(step) ? await chooseIngestRoute(step, plan, { projectDir: ctx.projectDir, env: ctx.env, ...(ctx.active ? { reuse: ctx.active } : {}), now }) : undefined;
      if (chosen?.kind === 'previous_run') {
        const linked = await reuseStep(engine, step, ctx.active!, ctx.run, chosen.datasets, now);
        const value = { rows: new Map(chosen.datasets.map((d) => [d.name, d.rows])), totalRows: linked.rows ?? 0, bytes: 0, input: chosen.input, route: chosen.route, linked: chosen.datasets };
        return { value, rows: value.totalRows, bytes: null, message: routeAuditMessage(chosen.route) };
      }
      const env = { engine, sqlParser: ctx.sqlParser, projectDir: ctx.projectDir, run: ctx.run, tmpDir: ctx.tmpDir, env: ctx.env };
      const out = await executeStep(env, step, {
        signal, acceptAddedColumns, throttle: take, onProgress: (counts) => ctx.emit({ type: 'ingest-progress', step, counts }),
        ...(chosen ? { located: { file: chosen.file, displayPath: chosen.displayPath } } : {}),
      });
      const route = chosen?.kind === 'location' ? chosen.route : undefined;
      return { value: { ...out, ...(route ? { route } : {}) }, rows: out.totalRows, bytes: out.bytes, ...(route ? { message: routeAuditMessage(route) } : {}) };
    });
    const timing = { startedAt: started.toISOString(), durationMs: now().getTime() - started.getTime(), attempts: outcome.attempts };
    if (outcome.status === 'succeeded') {
      const out = outcome.value;
      for (const d of out.linked ?? []) reused.set(d.name, d);
      if (out.input) {
        inputs.set(step.id, out.input);
        effective.set(step.id, ingestEffectiveFingerprint(step.fingerprint.data, out.input));
      } else if (before !== undefined) effective.set(step.id, before);
      for (const [name, n] of out.rows) rows.set(name, n);
      finish(step, {
        id: step.id, kind: step.kind, status: 'succeeded', ...timing, rows: out.totalRows,
        ...(out.xmlBytes !== undefined ? { xmlBytes: out.xmlBytes } : {}), ...(out.records !== undefined ? { records: out.records } : {}),
        ...(out.addedColumns ? { reason: `accepted added column(s) ${out.addedColumns.join(', ')}` } : {}),
        ...(out.route ? { route: out.route } : {}),
      });
      return 'succeeded';
    }
    if (outcome.status === 'failed') {
      finish(step, { id: step.id, kind: step.kind, status: 'failed', ...timing, errorCode: outcome.error.code, error: outcome.error.diagnostic });
      failure ??= { error: outcome.error.diagnostic, code: outcome.error.code };
      return 'failed';
    }
    finish(step, { id: step.id, kind: step.kind, status: outcome.status, ...timing, reason: `${outcome.scope} disabled: ${outcome.reason}` });
    stopped.set(step.id, outcome.status);
    haltScopes.add(outcome.scope);
    return 'stopped';
  };

  let schedule: ScheduleRecord;
  try {
    schedule = await runDag({
      tasks: ctx.tasks, workers: ctx.workers, throttles: ctx.throttles, profile: ctx.profile, recordDecisions: false,
      runTask: async (task, { worker, lease }) => runOne(byId.get(task.id)!, await engineOf(worker), (d, signal) => lease.take(d, signal)),
    });
  } finally {
    for (const e of engines.slice(1)) if (e) await (await e).close();
  }

  // Steps that never started: dependents of a stopped stage (skipped, audited), or left after a failure.
  for (const s of schedule.skipped) {
    const step = byId.get(s.id)!;
    const cause = s.upstream !== undefined && stopped.has(s.upstream) ? s.upstream : undefined;
    if (cause !== undefined && !failure) {
      const reason = `upstream ${cause} ${stopped.get(cause)}`;
      stopped.set(step.id, 'skipped');
      const at = now().toISOString();
      await audit.record({ ...NO_FAILURE, stage: step.id, pipeline: step.pipeline, attempt: 0, status: 'skipped', started_at: at, ended_at: at, duration_ms: 0, rows: null, bytes: null, message: reason });
      finish(step, { id: step.id, kind: step.kind, status: 'skipped', reason });
    } else {
      // runDag says whether the step depended on the failed one (`upstream "x" failed`) or only waited (`run stopped after "x" failed`).
      finish(step, { id: step.id, kind: step.kind, status: 'skipped', reason: cause !== undefined ? `upstream ${cause} ${stopped.get(cause)}` : s.reason });
    }
  }
  return {
    steps: plan.steps.map((s) => results.get(s.id)!),
    inputs: plan.steps.flatMap((s) => inputs.get(s.id) ?? []),
    rows, effective, reused, stopped, haltScopes, schedule,
    ...(failure ? { error: failure.error, errorCode: failure.code } : {}),
  };
}
