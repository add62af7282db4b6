// Data only: the operator controls a plan carries (pipelines.yaml `disabled`, `retry`, `healing`,
// `stages:`), and the stable error codes failures are classified into. The runtime reads these; the
// metadata store (runtime/meta/) mirrors them as control_flags, retry_policies and healing_actions.

/**
 * Stable failure codes. `transient` failures may go away on their own and are retried per the retry
 * policy; permanent ones are never retried (healing may still fix them). The runtime's classifier is
 * runtime/control/classify-error.ts; the README lists every code.
 */
export const ERROR_CODES = {
  SOURCE_UNAVAILABLE: { transient: true, title: 'a source file, folder or server is missing or unreachable' },
  SOURCE_CORRUPT: { transient: false, title: 'a source is unreadable: corrupt or truncated gzip, malformed XML, invalid UTF-8, the wrong dump' },
  DATA_INVALID: { transient: false, title: 'a source value does not convert to its declared column type' },
  SCHEMA_DRIFT: { transient: false, title: 'the columns a stage produced differ from the plan' },
  VALIDATION_FAILED: { transient: false, title: 'an error-severity validation rule failed' },
  ENGINE_OUT_OF_MEMORY: { transient: true, title: 'the engine ran out of memory (DuckDB memory_limit)' },
  ENGINE_ERROR: { transient: false, title: 'the engine rejected or failed a statement (e.g. a cast of an unexpected value)' },
  TIMEOUT: { transient: true, title: 'a stage ran longer than its timeout' },
  LOCK_CONFLICT: { transient: true, title: 'another apply holds the lake lock' },
  DISK_FULL: { transient: false, title: 'no space left on the device (ENOSPC)' },
  PERMISSION_DENIED: { transient: false, title: 'the file system refused access (EACCES, EPERM)' },
  IO_ERROR: { transient: true, title: 'a transient I/O failure (EIO, EMFILE, EAGAIN, EBUSY)' },
  MODEL_CHANGED: { transient: false, title: 'a model file changed since the plan was made' },
  CANCELLED: { transient: false, title: 'a kill switch cancelled the stage while it ran' },
  INTERNAL: { transient: false, title: 'a bug in lakec' },
} as const;

/** A stable failure code, e.g. `'SOURCE_UNAVAILABLE'`. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** How the delay between attempts grows: `delay`, `delay * n`, or `delay * 2^(n-1)` before attempt n+1. */
export type Backoff = 'fixed' | 'linear' | 'exponential';

/** A resolved retry policy. Applies to transient error codes only. */
export interface RetryPolicy {
  /** Attempts in total, first included (1 = never retry). */
  readonly maxAttempts: number;
  readonly backoff: Backoff;
  /** Base delay, milliseconds. */
  readonly delayMs: number;
  /** Cap on any one delay, milliseconds. */
  readonly maxDelayMs: number;
  /** Random spread as a fraction of the delay, 0..1: the delay is drawn from [d*(1-jitter), d*(1+jitter)], then capped. */
  readonly jitter: number;
}

/** The retry policy of a stage that nothing overrides. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, backoff: 'exponential', delayMs: 1000, maxDelayMs: 30_000, jitter: 0.2 };

/**
 * Where a control applies: `*` (the project), a pipeline name, or a stage id `<pipeline>.<stage>`
 * (the stage being a source name or a model's dataset name). The most specific scope wins.
 */
export type ControlScope = string;

/** A retry policy override at a scope; fields absent inherit from the enclosing scope. */
export interface PlanRetryPolicy {
  readonly scope: ControlScope;
  readonly maxAttempts?: number;
  readonly backoff?: Backoff;
  readonly delayMs?: number;
  readonly maxDelayMs?: number;
  readonly jitter?: number;
}

/** A kill switch declared in pipelines.yaml. Operators add more at run time (lakec disable, or SQL). */
export interface PlanControlFlag {
  readonly scope: ControlScope;
  readonly reason?: string;
}

/** A per-stage time limit, milliseconds: an attempt running longer is cancelled with TIMEOUT. */
export interface PlanStageTimeout {
  readonly scope: ControlScope;
  readonly timeoutMs: number;
}

/** Built-in healing actions (runtime/control/healing/), plus `command` (a user executable). */
export type HealingActionKind =
  | 'command'
  | 'raise_memory_limit'
  | 'lower_parallelism'
  | 'accept_added_columns'
  | 'quarantine_rows'
  | 'wait_for_lock';

/**
 * What to try when a failure with error code `on` happens at `scope` (and its message matches
 * `message`, a regular expression, when given), before the retry policy is consulted. Actions are
 * tried in `order`; each at most `maxTimes` per stage and run.
 */
export interface PlanHealingAction {
  /** Declaration order across the project (project list first, then pipelines by name). */
  readonly order: number;
  readonly scope: ControlScope;
  readonly on: ErrorCode;
  readonly message?: string;
  readonly action: HealingActionKind;
  /** `command`: argv, the executable first (no shell); relative paths resolve against the project folder. */
  readonly command?: readonly string[];
  /** `command` and `wait_for_lock`: how long to wait, milliseconds. */
  readonly timeoutMs?: number;
  /** `raise_memory_limit`: the ceiling, e.g. `'8GB'`. */
  readonly maxMemory?: string;
  /** `quarantine_rows`: the largest share of a dataset's rows that may be quarantined, 0..1. */
  readonly maxRatio?: number;
  /** How many times the action may be tried per stage and run. */
  readonly maxTimes: number;
}

/** Everything operators declared in pipelines.yaml to steer runs; every array sorted (see build-control.ts). */
export interface PlanControl {
  /** Stages or pipelines disabled in the spec, sorted by scope. */
  readonly flags: readonly PlanControlFlag[];
  /** Retry overrides, sorted by scope (`*` first). */
  readonly retry: readonly PlanRetryPolicy[];
  /** Healing actions in the order they are tried. */
  readonly healing: readonly PlanHealingAction[];
  /** Stage timeouts, sorted by scope. */
  readonly timeouts: readonly PlanStageTimeout[];
}
