// schedule/: the predicted schedule of `lakec plan --schedule`: the real Scheduler and runner on a
// virtual clock, each stage simulated from its cost estimate.
import { runDag } from './run-dag.js';
import type { PolicyFactory } from './scheduling-policy.js';
import type { ScheduleProfile, ScheduleRecord, ScheduleTask, SystemThrottle } from './schedule-types.js';
import { simulateTask, type SimulateTaskOptions } from './simulate-task.js';
import { VirtualClock } from './virtual-clock.js';

/** Options of predictSchedule beyond the DAG. */
export interface PredictOptions extends SimulateTaskOptions {
  /** Profile per decision, given the virtual ms since start (default: `profile` throughout). */
  readonly profileAt?: (nowMs: number) => ScheduleProfile;
  /** Decision policy (default the Scheduler). */
  readonly policy?: PolicyFactory;
  /** Keep the decision trace (default true). */
  readonly recordDecisions?: boolean;
}

/**
 * Predicts the schedule of a run from cost estimates: runDag with the Scheduler on a VirtualClock,
 * every stage simulated by simulateTask (sleeps its estimate in chunks, taking rows/bytes tokens
 * from its systems' buckets). Deterministic: the same inputs give the same record.
 * @param workers worker pool size, ≥ 1.
 * @returns the ScheduleRecord (virtual ms from 0).
 * @throws RangeError / InternalError as runDag.
 * @example
 * const record = await predictSchedule(tasks, 4, throttles, 'focus');
 * console.log(renderGantt(record));
 */
export async function predictSchedule(
  tasks: readonly ScheduleTask[], workers: number, throttles: readonly SystemThrottle[], profile: ScheduleProfile,
  options: PredictOptions = {},
): Promise<ScheduleRecord> {
  const clock = new VirtualClock();
  const profileAt = options.profileAt;
  const run = runDag({
    tasks, workers, throttles, clock,
    profile: profileAt ? () => profileAt(clock.now()) : () => profile,
    runTask: simulateTask(clock, options),
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.recordDecisions === undefined ? {} : { recordDecisions: options.recordDecisions }),
  });
  return clock.runUntilIdle(run);
}
