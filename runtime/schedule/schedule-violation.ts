// schedule/: what an invariant check reports. Checks return lists of these, never booleans, so a
// failing test or a manifest audit says what broke, where and when.

/** Which invariant a violation breaks. */
export type ViolationCheck =
  | 'concurrency' | 'workers' | 'rate' | 'dependency' | 'coverage' | 'idle-while-ready' | 'imbalance' | 'focus-order';

/** One broken invariant. */
export interface ScheduleViolation {
  readonly check: ViolationCheck;
  /** Where in the run it happened, ms since start (0 for whole-run problems). */
  readonly atMs: number;
  /** One line, e.g. `system "pg": 3 stages running, max_concurrent 2`. */
  readonly message: string;
  readonly stage?: string;
  readonly system?: string;
}
