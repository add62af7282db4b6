// schedule/: work-conservation checks of a recorded schedule: no ready stage waits while a worker
// and its systems are free, and (balanced) no worker goes to a busy system while an idle system
// has ready work.
import type { RecordedSchedule, ScheduleTask, SystemThrottle } from './schedule-types.js';
import type { ScheduleViolation } from './schedule-violation.js';
import { buildTimeline, type Timeline } from './schedule-timeline.js';
import { uniqueSorted } from './system-throttles.js';
import { analyzeTasks, throttlesByName } from './task-ranks.js';

/**
 * Stages that waited, for longer than `toleranceMs` in one stretch, while ready (every dependency
 * ended), a worker was free and each of their systems was below max_concurrent.
 *
 * Honours focus's reservation (CriticalReservation): while the profile is `focus` and a stage of
 * the critical closure (critical stages and their ancestors) is unfinished, a stage outside the
 * closure may wait. Closure stages never may. One violation per stage, at its first long wait.
 * @param toleranceMs wait allowed per stretch, ms (0 for a simulation; a few ms for a real apply).
 */
export function idleWhileReadyViolations(
  record: RecordedSchedule, tasks: readonly ScheduleTask[], throttles: readonly SystemThrottle[], toleranceMs: number,
): ScheduleViolation[] {
  const tl = buildTimeline(record, tasks);
  const limits = throttlesByName(throttles);
  const closure = analyzeTasks(tasks, throttles).criticalClosure;
  const closureEnd = Math.max(0, ...tl.entries.filter((e) => closure.has(e.id)).map((e) => e.endMs));
  const out: ScheduleViolation[] = [];
  for (const e of tl.entries) {
    const systems = uniqueSorted(e.systems);
    let stretch: number | undefined;
    for (let k = tl.times.indexOf(tl.readyMs.get(e.id)!); k >= 0 && tl.times[k]! < e.startMs; k++) {
      const t = tl.times[k]!;
      const exempt = tl.profileAt(t) === 'focus' && !closure.has(e.id) && t < closureEnd;
      const fits = !exempt && tl.busy[k]! < record.workers && systems.every((s) => tl.runningOn(s, k) < (limits.get(s)?.maxConcurrent ?? Infinity));
      if (!fits) {
        stretch = undefined;
        continue;
      }
      stretch ??= t;
      if (tl.times[k + 1]! - stretch > toleranceMs) {
        out.push({
          check: 'idle-while-ready', atMs: stretch, stage: e.id,
          message: `"${e.id}" ready and fitting from ${stretch} ms but waited until ${e.startMs} ms with a worker free`,
        });
        break;
      }
    }
  }
  return out;
}

/**
 * Balanced-profile decisions that started a stage on an already busy system while a ready stage
 * whose systems were all idle kept waiting. Deadline-urgent starts (latest start passed) are
 * allowed to. Evaluated at every start time, counting the starts of that decision in order.
 */
export function imbalanceViolations(record: RecordedSchedule, tasks: readonly ScheduleTask[], throttles: readonly SystemThrottle[]): ScheduleViolation[] {
  const tl = buildTimeline(record, tasks);
  const latest = analyzeTasks(tasks, throttles).latestStartMs;
  const out: ScheduleViolation[] = [];
  const startTimes = [...new Set(tl.entries.map((e) => e.startMs))].sort((a, b) => a - b);
  for (const t of startTimes) {
    if (tl.profileAt(t) !== 'balanced') continue;
    const counts = runningBefore(tl, t);
    const waiting = tl.entries.filter((w) => tl.readyMs.get(w.id)! <= t && w.startMs > t);
    for (const e of tl.entries.filter((x) => x.startMs === t)) {
      const systems = uniqueSorted(e.systems);
      const busy = systems.some((s) => (counts.get(s) ?? 0) > 0);
      const idle = waiting.find((w) => uniqueSorted(w.systems).every((s) => (counts.get(s) ?? 0) === 0));
      if (busy && idle && latest.get(e.id)! > t) {
        out.push({
          check: 'imbalance', atMs: t, stage: e.id,
          message: `"${e.id}" started on a busy system while "${idle.id}" waited with its systems idle`,
        });
      }
      for (const s of systems) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
  }
  return out;
}

/**
 * Total time (ms) during which some system was at max_concurrent while another system had no stage
 * running although a ready stage that uses only idle systems waited. A measure, not a check.
 */
export function saturatedWhileIdleMs(record: RecordedSchedule, tasks: readonly ScheduleTask[], throttles: readonly SystemThrottle[]): number {
  const tl = buildTimeline(record, tasks);
  const limits = throttlesByName(throttles);
  let total = 0;
  for (let k = 0; k + 1 < tl.times.length; k++) {
    const t = tl.times[k]!;
    const saturated = [...tl.onSystem.keys()].some((s) => tl.runningOn(s, k) >= (limits.get(s)?.maxConcurrent ?? Infinity));
    if (!saturated) continue;
    const idleWaiting = tl.entries.some((w) => tl.readyMs.get(w.id)! <= t && w.startMs > t && w.systems.length > 0 && w.systems.every((s) => tl.runningOn(s, k) === 0));
    if (idleWaiting) total += tl.times[k + 1]! - t;
  }
  return total;
}

/** Running count per system just before time t (entries with start < t < end, or ending after t). */
function runningBefore(tl: Timeline, t: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of tl.entries) {
    if (e.startMs < t && e.endMs > t) for (const s of uniqueSorted(e.systems)) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return counts;
}
