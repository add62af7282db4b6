// schedule/: the dependency-driven runner: a bounded worker pool that asks a policy what to start at
// the run start and after every stage end, runs each stage through a callback, and records the
// schedule. Engine-free: the executor supplies `runTask` (one DuckDB connection per worker).
import { setMaxListeners } from 'node:events';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { PolicyFactory, SchedulingPolicy } from './scheduling-policy.js';
import type {
  ProfileChange, ScheduleDecision, ScheduleEntry, ScheduleProfile, ScheduleRecord, ScheduleTask, SkippedTask,
  SystemThrottle, TaskStatus,
} from './schedule-types.js';
import { Scheduler } from './scheduler.js';
import { SystemThrottles, type StageLease } from './system-throttles.js';

/** What a running stage gets from the runner. */
export interface RunTaskContext {
  /** Worker index, 0..workers-1; no two running stages share one. */
  readonly worker: number;
  /** The stage's throttle lease: call `lease.take({ rows, bytes })` per streamed chunk. */
  readonly lease: StageLease;
  /** Aborted when the run is cancelled (the `signal` option). */
  readonly signal: AbortSignal;
}

/** Inputs of runDag. */
export interface RunDagOptions {
  readonly tasks: readonly ScheduleTask[];
  /** Worker pool size, ≥ 1. */
  readonly workers: number;
  readonly throttles: readonly SystemThrottle[];
  /** Time source; default systemClock. */
  readonly clock?: Clock;
  /** Read at every decision, so an operator's switch takes effect at the next one. */
  readonly profile: () => ScheduleProfile;
  /** Runs one stage. A throw counts as `failed` (its message is kept in the record). */
  readonly runTask: (task: ScheduleTask, ctx: RunTaskContext) => Promise<TaskStatus>;
  /** Called after every decision. */
  readonly onDecision?: (decision: ScheduleDecision) => void;
  /** After a failure start nothing new; running stages finish (default true). False: skip only its dependents. */
  readonly stopOnFailure?: boolean;
  /** Cancels the run: nothing new starts, and running stages see it aborted through ctx.signal. */
  readonly signal?: AbortSignal;
  /** Decision policy; default the Scheduler. */
  readonly policy?: PolicyFactory;
  /** Keep the decision trace in the record (default true). */
  readonly recordDecisions?: boolean;
  /** Admissions kept per token bucket in the record (default 10,000). */
  readonly admissionLimit?: number;
}

/**
 * Runs a task DAG on a bounded worker pool. A stage starts once every dependency succeeded and the
 * policy picks it; `stopped` skips its dependents (reason names it); `failed` (or a throw) with
 * stopOnFailure stops new starts, lets running stages finish and skips the rest.
 *
 * @returns the ScheduleRecord; ms relative to the run start. Never rejects because a stage failed.
 * @throws RangeError for workers < 1; InternalError for an invalid DAG (see analyzeTasks).
 * @example
 * const record = await runDag({ tasks, workers: 4, throttles, profile: () => 'balanced',
 *   runTask: async (task, { lease, signal }) => { await ingest(task, lease, signal); return 'succeeded'; } });
 */
export async function runDag(options: RunDagOptions): Promise<ScheduleRecord> {
  return new DagRun(options).run();
}

/** One run's mutable state; `run()` is the decision loop. */
class DagRun {
  private readonly clock: Clock;
  private readonly policy: SchedulingPolicy;
  private readonly origin: number;
  private readonly throttles: SystemThrottles;
  /** One signal for every running stage, following the caller's (see constructor). */
  private readonly cancel = new AbortController();
  private readonly entries: ScheduleEntry[] = [];
  private readonly skipped = new Map<string, SkippedTask>();
  private readonly decisions: ScheduleDecision[] = [];
  private readonly changes: ProfileChange[] = [];
  private readonly freeWorkers: number[];
  private readonly running = new Set<string>();
  private readonly finished: ScheduleEntry[] = [];
  private readonly launchOrder = new Map<string, number>();
  private wake: (() => void) | undefined;
  private stopping: { reason: string; upstream?: string } | undefined;
  private first: ScheduleProfile | undefined;
  private last: ScheduleProfile | undefined;

  constructor(private readonly options: RunDagOptions) {
    this.clock = options.clock ?? systemClock;
    const init = { tasks: options.tasks, workers: options.workers, throttles: options.throttles };
    this.policy = options.policy ? options.policy(init) : new Scheduler(init);
    this.origin = this.clock.now();
    this.throttles = new SystemThrottles(options.throttles, this.clock, {
      originMs: this.origin, ...(options.admissionLimit ? { admissionLimit: options.admissionLimit } : {}),
    });
    this.freeWorkers = Array.from({ length: options.workers }, (_, i) => i);
    // Every sleep or take of a running stage listens to this signal: lift Node's 10-listener warning.
    setMaxListeners(0, this.cancel.signal);
  }

  async run(): Promise<ScheduleRecord> {
    const outer = this.options.signal;
    const follow = () => this.cancel.abort(outer?.reason);
    if (outer?.aborted) follow();
    else outer?.addEventListener('abort', follow, { once: true });
    try {
      for (;;) {
        for (const entry of this.finished.splice(0)) this.settle(entry);
        this.decide();
        if (this.running.size === 0 && this.finished.length === 0) break;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          if (this.finished.length > 0) resolve();
        });
        this.wake = undefined;
      }
    } finally {
      outer?.removeEventListener('abort', follow);
    }
    return this.record();
  }

  private now(): number {
    return this.clock.now() - this.origin;
  }

  /** One decision: read the profile, ask the policy (unless stopping), start its picks, trace it. */
  private decide(): void {
    if (this.cancel.signal.aborted && !this.stopping) this.stopping = { reason: 'run cancelled' };
    const at = this.now();
    const profile = this.options.profile();
    if (this.first === undefined) this.first = profile;
    else if (profile !== this.last) this.changes.push({ atMs: at, profile });
    this.last = profile;
    const decision = this.stopping ? undefined : this.policy.decide(at, profile);
    for (const id of decision?.start ?? []) this.launch(id, at);
    const trace: ScheduleDecision = {
      atMs: at, profile, started: decision?.start ?? [], running: [...this.running].sort(),
      waiting: decision?.waiting ?? this.policy.ready().map((id) => ({ id, reason: 'stopping' as const })),
    };
    if (this.options.recordDecisions ?? true) this.decisions.push(trace);
    this.options.onDecision?.(trace);
  }

  private launch(id: string, startMs: number): void {
    this.launchOrder.set(id, this.launchOrder.size);
    const task = this.policy.graph.tasks.get(id)!;
    const worker = this.freeWorkers.shift()!;
    const lease = this.throttles.open(id, task.systems);
    this.policy.markStarted(id, startMs);
    this.running.add(id);
    void this.attempt(task, { worker, lease, signal: this.cancel.signal }).then((outcome) => {
      lease.release();
      this.finished.push({ id, worker, systems: lease.systems, startMs, endMs: this.now(), ...outcome });
      this.wake?.();
    });
  }

  private async attempt(task: ScheduleTask, ctx: RunTaskContext): Promise<{ status: TaskStatus; error?: string }> {
    try {
      const status = await this.options.runTask(task, ctx);
      if (status === 'succeeded' || status === 'failed' || status === 'stopped') return { status };
      return { status: 'failed', error: `runTask returned ${JSON.stringify(status)}` };
    } catch (error) {
      return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
  }

  private settle(entry: ScheduleEntry): void {
    this.running.delete(entry.id);
    this.freeWorkers.push(entry.worker);
    this.freeWorkers.sort((a, b) => a - b);
    this.entries.push(entry);
    const dropped = this.policy.markFinished(entry.id, entry.endMs, entry.status);
    if (entry.status === 'succeeded') return;
    this.skip(dropped, `upstream "${entry.id}" ${entry.status}`, entry.id);
    if (entry.status === 'failed' && (this.options.stopOnFailure ?? true) && !this.stopping) {
      this.stopping = { reason: `run stopped after "${entry.id}" failed`, upstream: entry.id };
    }
  }

  private skip(ids: readonly string[], reason: string, upstream?: string): void {
    for (const id of ids) if (!this.skipped.has(id)) this.skipped.set(id, { id, reason, ...(upstream ? { upstream } : {}) });
  }

  private record(): ScheduleRecord {
    const ran = new Set(this.entries.map((e) => e.id));
    const rest = this.policy.graph.order.filter((id) => !ran.has(id) && !this.skipped.has(id));
    this.skip(rest, this.stopping?.reason ?? 'never became ready', this.stopping?.upstream);
    const order = this.launchOrder;
    return {
      profile: this.first ?? this.options.profile(),
      profileChanges: this.changes,
      workers: this.options.workers,
      throttles: this.options.throttles,
      entries: [...this.entries].sort((a, b) => order.get(a.id)! - order.get(b.id)!),
      skipped: [...this.skipped.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      rates: this.throttles.rateRecords(),
      decisions: this.decisions,
      makespanMs: Math.max(0, ...this.entries.map((e) => e.endMs)),
    };
  }
}
