// schedule/: completion-latency measures of a recorded schedule.
import type { RecordedSchedule } from './schedule-types.js';

/** End time (ms since run start) of every stage that succeeded. */
export function completionTimes(record: RecordedSchedule): Map<string, number> {
  return new Map(record.entries.filter((e) => e.status === 'succeeded').map((e) => [e.id, e.endMs]));
}

/**
 * Mean completion latency over succeeded stages (or over `ids` among them), ms; NaN when none.
 */
export function meanCompletion(record: RecordedSchedule, ids?: Iterable<string>): number {
  const times = completionTimes(record);
  const chosen = ids ? [...ids].filter((id) => times.has(id)).map((id) => times.get(id)!) : [...times.values()];
  return chosen.length === 0 ? NaN : chosen.reduce((a, b) => a + b, 0) / chosen.length;
}
