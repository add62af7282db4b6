// Data only: how a plan asks to be scheduled (pipelines.yaml `schedule:`, `priority`, `deadline`,
// `system`) and where its sources can be read from when the primary location is down (`routes:`).
// The runtime's scheduler (runtime/schedule/) and recovery (runtime/recovery/) read these.

/** Stage priorities, most urgent first. `focus` serves `critical` stages and their upstream first. */
export const PRIORITIES = ['critical', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * Scheduling profiles. `balanced`: lowest mean completion latency over datasets, work spread across
 * systems. `focus`: critical stages and everything upstream of them take the capacity first.
 */
export const SCHEDULE_PROFILES = ['balanced', 'focus'] as const;
export type ScheduleProfile = (typeof SCHEDULE_PROFILES)[number];

/** The system every stage writes to unless its pipeline names another: the lake itself. */
export const LAKE_SYSTEM = 'lake';
/** The system of a file source that names none: the local file system. */
export const FILES_SYSTEM = 'files';

/**
 * A source or target system and its throttle. Absent limits are unlimited. Rate limits are enforced by
 * token buckets inside the streaming read paths (runtime/schedule/), so they may be set only on systems
 * no model writes to (a model's output is written by the engine in one statement).
 */
export interface PlanSystem {
  readonly name: string;
  /** Most stages using the system at once. */
  readonly maxConcurrent?: number;
  /** Most rows per second streamed from or to the system, over all its stages together. */
  readonly rowsPerSecond?: number;
  /** Most bytes per second streamed from or to the system (compressed bytes as read), over all its stages. */
  readonly bytesPerSecond?: number;
}

/** How one stage is scheduled. */
export interface PlanStageSchedule {
  /** Step id. */
  readonly stage: string;
  readonly priority: Priority;
  /** Wanted completion, milliseconds after the run starts. */
  readonly deadlineMs?: number;
  /** Every system the stage loads, sorted: a source's system and its pipeline's target system. */
  readonly systems: readonly string[];
}

/** The plan's scheduling section. Arrays sorted by name / stage id. */
export interface PlanSchedule {
  /** The profile used unless an operator set another in the metadata store (`lakec profile set`). */
  readonly profile: ScheduleProfile;
  /** Worker pool size (engine connections). Absent: chosen by the runtime from the machine's cores. */
  readonly workers?: number;
  /** Every system some stage uses, and every throttled one. */
  readonly systems: readonly PlanSystem[];
  /** One entry per step. */
  readonly stages: readonly PlanStageSchedule[];
}

/**
 * An alternative way to obtain a source's data when its primary location is unavailable.
 * - `location`: the same dump at another place (a mirror, an older dump): `location`/`pattern` replace
 *   the step's (an absent pattern keeps the step's).
 * - `previous_run`: the source's datasets as published by the active run, hard-linked (no reading);
 *   its staleness is measured at run time from that run's age plus any declared `stalenessMs`.
 * Routes are preferred by `cost` (lowest first; the primary location costs 0), then declaration order.
 */
export interface PlanRoute {
  /** Step id of the ingest step the route serves. */
  readonly stage: string;
  readonly name: string;
  readonly kind: 'location' | 'previous_run';
  /** `location`: folder, POSIX, relative to the project folder. */
  readonly location?: string;
  /** `location`: file-name glob inside the folder. */
  readonly pattern?: string;
  /** Preference weight, >= 0; routes are edges of this weight in the recovery graph. */
  readonly cost: number;
  /** How old the route's data is known to be, milliseconds (e.g. 30 days for last month's dump). */
  readonly stalenessMs?: number;
  /** Declaration order within the stage. */
  readonly order: number;
}

/** The plan's recovery section: alternative routes, sorted by stage, cost, order. */
export interface PlanRecovery {
  readonly routes: readonly PlanRoute[];
}
