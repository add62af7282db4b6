// schedule/: the focus-profile order check: critical work never waits for capacity that a
// non-critical stage took at the same moment.
import type { RecordedSchedule, ScheduleTask, SystemThrottle } from './schedule-types.js';
import type { ScheduleViolation } from './schedule-violation.js';
import { buildTimeline } from './schedule-timeline.js';
import { uniqueSorted } from './system-throttles.js';
import { analyzeTasks, throttlesByName } from './task-ranks.js';

/**
 * Starts of a stage outside the critical closure, under `focus`, while a closure stage was ready
 * (every dependency ended) and waiting, and would have fitted had that start not happened: with the
 * other entries running at that moment, fewer than `workers` run and each of its systems is below
 * max_concurrent. One violation per (start, waiting closure stage) pair.
 */
export function focusOrderViolations(record: RecordedSchedule, tasks: readonly ScheduleTask[], throttles: readonly SystemThrottle[]): ScheduleViolation[] {
  const tl = buildTimeline(record, tasks);
  const limits = throttlesByName(throttles);
  const closure = analyzeTasks(tasks, throttles).criticalClosure;
  const out: ScheduleViolation[] = [];
  for (const n of tl.entries) {
    const t = n.startMs;
    if (closure.has(n.id) || tl.profileAt(t) !== 'focus') continue;
    const others = tl.entries.filter((e) => e !== n && e.startMs <= t && e.endMs > t);
    for (const c of tl.entries) {
      if (!closure.has(c.id) || tl.readyMs.get(c.id)! > t || c.startMs <= t) continue;
      const fits = others.length < record.workers && uniqueSorted(c.systems).every(
        (s) => others.filter((e) => e.systems.includes(s)).length < (limits.get(s)?.maxConcurrent ?? Infinity),
      );
      if (fits) {
        out.push({ check: 'focus-order', atMs: t, stage: n.id, message: `"${n.id}" started at ${t} ms while critical-closure "${c.id}" was ready and fitted` });
      }
    }
  }
  return out;
}
