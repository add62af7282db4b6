// schedule/: the data the scheduler reads (tasks, throttles) and writes (the schedule record). Types
// only, no logic. Everything in schedule/ is pure and engine-free: time comes from a Clock, work
// from a callback, so the same code runs a real apply and a virtual-clock simulation.

// Priorities and profiles are the plan's (compiler/types/schedule.ts): one definition for spec and runtime.
/** How urgent a stage is; `PRIORITIES` lists them most urgent first (the index is the rank used in orderings). */
export { PRIORITIES, type Priority, type ScheduleProfile } from '../../compiler/types/schedule.js';
import type { Priority, ScheduleProfile } from '../../compiler/types/schedule.js';

/** Cost estimate of one stage: what it takes when it runs alone and unthrottled. */
export interface StageEstimate {
  /** Wall time, ms. */
  readonly durationMs: number;
  /** Rows read or written (what rows/s throttles count). */
  readonly rows: number;
  /** Bytes read or written (what bytes/s throttles count). */
  readonly bytes: number;
}

/** One stage to schedule: a node of the DAG. */
export interface ScheduleTask {
  /** Stage id, unique; the final tie-break of every ordering. */
  readonly id: string;
  /** Stages that must succeed before this one starts. */
  readonly dependsOn: readonly string[];
  readonly priority: Priority;
  /** Optional deadline, ms after the run start, for this stage's completion. */
  readonly deadlineMs?: number;
  /**
   * Every system the stage loads (its sources and its target). While it runs it holds one
   * concurrency slot in each, and every rows/bytes token it takes is taken from each.
   */
  readonly systems: readonly string[];
  readonly estimate: StageEstimate;
}

/** Limits of one source or target system. Absent fields mean unlimited. */
export interface SystemThrottle {
  readonly name: string;
  /** Stages that may run on the system at once. */
  readonly maxConcurrent?: number;
  /** Rows admitted per second, over every stage on the system. */
  readonly rowsPerSecond?: number;
  /** Bytes admitted per second, over every stage on the system. */
  readonly bytesPerSecond?: number;
  /** Token-bucket depth in seconds of rate (burst allowance); default DEFAULT_BURST_SECONDS. */
  readonly burstSeconds?: number;
}

/** Default token-bucket depth: 0.1 s of rate. */
export const DEFAULT_BURST_SECONDS = 0.1;

/** How a stage's run ended. `stopped`: it chose not to finish (kill switch, cancel); its dependents are skipped. */
export type TaskStatus = 'succeeded' | 'failed' | 'stopped';

/** One stage that ran: times are ms relative to the run start. */
export interface ScheduleEntry {
  readonly id: string;
  /** Worker index, 0..workers-1 (the real executor gives each worker its own DuckDB connection). */
  readonly worker: number;
  readonly systems: readonly string[];
  readonly startMs: number;
  readonly endMs: number;
  readonly status: TaskStatus;
  /** Message of the error runTask threw or why it failed, when it did. */
  readonly error?: string;
}

/** A stage that never started, and why (one line, e.g. `upstream "a" failed`). */
export interface SkippedTask {
  readonly id: string;
  readonly reason: string;
  /** The stage whose failure or stop caused the skip, when there is one. */
  readonly upstream?: string;
}

/** The profile seen at a decision differed from the one before. */
export interface ProfileChange {
  readonly atMs: number;
  readonly profile: ScheduleProfile;
}

/**
 * Why a ready stage did not start at a decision: no free worker, a system at max_concurrent
 * (`system` names it), capacity held back for the critical closure (`focus` only), or the run
 * stopping (failure or cancel).
 */
export type WaitReason = 'workers' | 'system' | 'reserved' | 'stopping';

/** A ready stage that did not start at a decision. */
export interface WaitingTask {
  readonly id: string;
  readonly reason: WaitReason;
  readonly system?: string;
}

/** One scheduling decision: taken at run start and after every stage end. */
export interface ScheduleDecision {
  readonly atMs: number;
  readonly profile: ScheduleProfile;
  /** Stages started by this decision, in order. */
  readonly started: readonly string[];
  /** Stages running after it (sorted). */
  readonly running: readonly string[];
  readonly waiting: readonly WaitingTask[];
}

/** What one system's rows or bytes token bucket admitted during the run. */
export interface RateRecord {
  readonly system: string;
  readonly kind: 'rows' | 'bytes';
  /** Rate limit, per second. */
  readonly ratePerSecond: number;
  /** Bucket depth (rows or bytes): the burst admitted at once at most. */
  readonly capacity: number;
  /** Total admitted. */
  readonly admitted: number;
  /** Most admitted in any 1000 ms window. At most ratePerSecond + capacity. */
  readonly peakPerSecond: number;
  /** Admissions `[atMs, amount]` in time order (ms relative to the run start), the first `admissionLimit` only. */
  readonly admissions: readonly (readonly [number, number])[];
  /** Admissions not kept in `admissions` (beyond the limit). */
  readonly droppedAdmissions: number;
}

/** The schedule of one run (predicted or actual). All times are ms relative to the run start. */
export interface ScheduleRecord {
  /** Profile of the first decision. */
  readonly profile: ScheduleProfile;
  /** Every change of profile seen at a decision after the first. */
  readonly profileChanges: readonly ProfileChange[];
  readonly workers: number;
  readonly throttles: readonly SystemThrottle[];
  /** Stages that ran, in start order. */
  readonly entries: readonly ScheduleEntry[];
  /** Stages that never started, sorted by id. */
  readonly skipped: readonly SkippedTask[];
  /** One record per rate-limited system and kind, sorted by system then kind. */
  readonly rates: readonly RateRecord[];
  /** The decision trace (empty when the run was asked not to keep it). */
  readonly decisions: readonly ScheduleDecision[];
  /** End of the last stage, ms. */
  readonly makespanMs: number;
}

/**
 * A schedule record without its decision trace: what the checks and the Gantt chart read, and what
 * a run manifest keeps (a ScheduleRecord is one).
 */
export type RecordedSchedule = Omit<ScheduleRecord, 'decisions'>;
