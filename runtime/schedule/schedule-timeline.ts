// schedule/: a recorded schedule rebuilt as a timeline (what ran on each system at each moment, when
// each stage became ready, which profile held), for the invariant checks. Uses the record and the
// task list only, so it works on a real apply's manifest as well as on a simulation.
import type { ScheduleEntry, ScheduleProfile, RecordedSchedule, ScheduleTask } from './schedule-types.js';
import { uniqueSorted } from './system-throttles.js';

/** A record as elementary intervals [times[k], times[k+1]) over which nothing starts or ends. */
export interface Timeline {
  readonly entries: readonly ScheduleEntry[];
  readonly byId: ReadonlyMap<string, ScheduleEntry>;
  /** For each entry: when every dependency had ended (0 without dependencies), ms. */
  readonly readyMs: ReadonlyMap<string, number>;
  /** Sorted distinct starts, ends and ready times; the last interval is empty (no end). */
  readonly times: readonly number[];
  /** Entries running in interval k (start ≤ times[k] < end). */
  readonly busy: readonly number[];
  /** Per system: entries on it running in interval k. */
  readonly onSystem: ReadonlyMap<string, readonly number[]>;
  /** Profile in effect at time t (ms). */
  profileAt(t: number): ScheduleProfile;
  /** Running count on `system` in interval k. */
  runningOn(system: string, k: number): number;
}

/** Builds the timeline of a record; `tasks` gives each stage's dependencies. O(entries × intervals). */
export function buildTimeline(record: RecordedSchedule, tasks: readonly ScheduleTask[]): Timeline {
  const byId = new Map(record.entries.map((e) => [e.id, e]));
  const readyMs = new Map<string, number>();
  for (const task of tasks) {
    if (!byId.has(task.id)) continue;
    readyMs.set(task.id, Math.max(0, ...task.dependsOn.map((d) => byId.get(d)?.endMs ?? 0)));
  }
  const times = [...new Set([...record.entries.flatMap((e) => [e.startMs, e.endMs]), ...readyMs.values(), 0])].sort((a, b) => a - b);
  const busy = new Array<number>(times.length).fill(0);
  const onSystem = new Map<string, number[]>();
  const index = new Map(times.map((t, i) => [t, i]));
  for (const e of record.entries) {
    const systems = uniqueSorted(e.systems);
    for (const s of systems) if (!onSystem.has(s)) onSystem.set(s, new Array<number>(times.length).fill(0));
    for (let k = index.get(e.startMs)!; k < index.get(e.endMs)!; k++) {
      busy[k]!++;
      for (const s of systems) onSystem.get(s)![k]!++;
    }
  }
  const changes = [...record.profileChanges].sort((a, b) => a.atMs - b.atMs);
  return {
    entries: record.entries, byId, readyMs, times, busy, onSystem,
    profileAt: (t) => changes.filter((c) => c.atMs <= t).at(-1)?.profile ?? record.profile,
    runningOn: (system, k) => onSystem.get(system)?.[k] ?? 0,
  };
}
