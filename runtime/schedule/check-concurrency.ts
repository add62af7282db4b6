// schedule/: structural checks of a recorded schedule: per-system and worker concurrency, worker
// double-booking, dependency order and task coverage.
import type { RecordedSchedule, ScheduleTask, SystemThrottle } from './schedule-types.js';
import type { ScheduleViolation } from './schedule-violation.js';
import { uniqueSorted } from './system-throttles.js';
import { throttlesByName } from './task-ranks.js';

/**
 * Moments where more entries overlap on a system than its max_concurrent, more entries run than
 * `record.workers`, or two overlapping entries share a worker index. Entries are half-open
 * [startMs, endMs): one ending when another starts does not overlap it. One violation per breach
 * start, in time order.
 */
export function concurrencyViolations(record: RecordedSchedule, throttles: readonly SystemThrottle[]): ScheduleViolation[] {
  const limits = throttlesByName(throttles);
  const events = record.entries.flatMap((e) => [
    { at: e.startMs, delta: 1, e },
    { at: e.endMs, delta: -1, e },
  ]).filter((ev) => ev.e.endMs > ev.e.startMs);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta || (a.e.id < b.e.id ? -1 : 1));
  const out: ScheduleViolation[] = [];
  const onSystem = new Map<string, number>();
  const onWorker = new Map<number, string>();
  let running = 0;
  for (const { at, delta, e } of events) {
    running += delta;
    if (delta > 0 && running > record.workers) {
      out.push({ check: 'workers', atMs: at, stage: e.id, message: `${running} stages running with ${record.workers} workers` });
    }
    if (delta > 0 && onWorker.has(e.worker)) {
      out.push({ check: 'workers', atMs: at, stage: e.id, message: `worker ${e.worker} already runs "${onWorker.get(e.worker)}"` });
    }
    if (delta > 0) onWorker.set(e.worker, e.id);
    else if (onWorker.get(e.worker) === e.id) onWorker.delete(e.worker);
    for (const s of uniqueSorted(e.systems)) {
      const n = (onSystem.get(s) ?? 0) + delta;
      onSystem.set(s, n);
      const max = limits.get(s)?.maxConcurrent;
      if (delta > 0 && max !== undefined && n > max) {
        out.push({ check: 'concurrency', atMs: at, stage: e.id, system: s, message: `system "${s}": ${n} stages running, max_concurrent ${max}` });
      }
    }
  }
  return out;
}

/** Entries that started before a dependency ended, or whose dependency did not succeed. */
export function dependencyViolations(record: RecordedSchedule, tasks: readonly ScheduleTask[]): ScheduleViolation[] {
  const byId = new Map(record.entries.map((e) => [e.id, e]));
  const out: ScheduleViolation[] = [];
  for (const task of tasks) {
    const e = byId.get(task.id);
    if (!e) continue;
    for (const dep of task.dependsOn) {
      const d = byId.get(dep);
      if (!d || d.status !== 'succeeded') {
        out.push({ check: 'dependency', atMs: e.startMs, stage: e.id, message: `"${e.id}" ran although dependency "${dep}" ${d ? d.status : 'never ran'}` });
      } else if (e.startMs < d.endMs) {
        out.push({ check: 'dependency', atMs: e.startMs, stage: e.id, message: `"${e.id}" started at ${e.startMs} ms before dependency "${dep}" ended at ${d.endMs} ms` });
      }
    }
  }
  return out;
}

/** Tasks neither run nor skipped, run or skipped twice, skipped without a reason, or unknown. */
export function coverageViolations(record: RecordedSchedule, tasks: readonly ScheduleTask[]): ScheduleViolation[] {
  const seen = new Map<string, number>();
  const out: ScheduleViolation[] = [];
  for (const id of [...record.entries.map((e) => e.id), ...record.skipped.map((s) => s.id)]) seen.set(id, (seen.get(id) ?? 0) + 1);
  for (const s of record.skipped) {
    if (!s.reason) out.push({ check: 'coverage', atMs: 0, stage: s.id, message: `"${s.id}" skipped without a reason` });
  }
  const known = new Set(tasks.map((t) => t.id));
  for (const id of known) {
    const n = seen.get(id) ?? 0;
    if (n !== 1) out.push({ check: 'coverage', atMs: 0, stage: id, message: n === 0 ? `"${id}" neither ran nor was skipped` : `"${id}" recorded ${n} times` });
  }
  for (const id of seen.keys()) if (!known.has(id)) out.push({ check: 'coverage', atMs: 0, stage: id, message: `"${id}" is not a task` });
  return out;
}
