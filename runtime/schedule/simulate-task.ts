// schedule/: a stand-in for a real stage on a virtual clock: it "works" for its estimated duration
// in chunks and streams its estimated rows and bytes through its throttle lease.
import type { Clock } from './clock.js';
import type { RunTaskContext } from './run-dag.js';
import type { ScheduleTask, TaskStatus } from './schedule-types.js';

/** Options of simulateTask. */
export interface SimulateTaskOptions {
  /** Chunks per stage (default 16): rows/bytes are taken and time passes chunk by chunk. */
  readonly chunks?: number;
  /** Actual duration ÷ estimated, per stage (default 1): to simulate estimates that are off. */
  readonly durationFactor?: (task: ScheduleTask) => number;
  /** Outcome per stage (default `succeeded`); may throw to simulate a crash. */
  readonly outcome?: (task: ScheduleTask) => TaskStatus;
}

/**
 * A runTask for runDag that simulates a stage: per chunk it takes rows/chunks and bytes/chunks from
 * the lease while sleeping durationMs/chunks, both at once, so a stage alone takes
 * max(durationMs, rows/rows-rate, bytes/bytes-rate) (minus the buckets' burst) — the streaming
 * model of a stage whose reads and work overlap. A cancelled run stops it (`stopped`).
 */
export function simulateTask(clock: Clock, options: SimulateTaskOptions = {}) {
  const chunks = Math.max(1, Math.floor(options.chunks ?? 16));
  return async (task: ScheduleTask, ctx: RunTaskContext): Promise<TaskStatus> => {
    const { durationMs, rows, bytes } = task.estimate;
    const sliceMs = (durationMs * (options.durationFactor?.(task) ?? 1)) / chunks;
    try {
      for (let i = 0; i < chunks; i++) {
        await Promise.all([ctx.lease.take({ rows: rows / chunks, bytes: bytes / chunks }, ctx.signal), clock.sleep(sliceMs, ctx.signal)]);
      }
    } catch (error) {
      if (ctx.signal.aborted) return 'stopped';
      throw error;
    }
    return options.outcome?.(task) ?? 'succeeded';
  };
}
