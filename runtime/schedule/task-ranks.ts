// schedule/: static analysis of a task DAG before scheduling: topological order, solo duration lower
// bounds, bottom and top levels, the critical closure, descendant counts and deadline latest starts.
import { InternalError } from '../../compiler/diagnostics/diagnostic.js';
import type { ScheduleTask, SystemThrottle } from './schedule-types.js';

/** Ranks of every task of a DAG. All maps hold every task id; durations are ms. */
export interface TaskGraph {
  readonly tasks: ReadonlyMap<string, ScheduleTask>;
  /** Topological order (Kahn), ties broken by id. */
  readonly order: readonly string[];
  /** Position of each task in `order`. */
  readonly topoIndex: ReadonlyMap<string, number>;
  /** Direct dependents of each task, in topological order. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Solo duration lower bound (soloLowerBoundMs), ms. */
  readonly soloMs: ReadonlyMap<string, number>;
  /** Longest solo path from the task to any sink, the task included, ms. */
  readonly bottomLevelMs: ReadonlyMap<string, number>;
  /** Earliest start with unlimited workers: longest solo path over the task's ancestors, ms. */
  readonly topLevelMs: ReadonlyMap<string, number>;
  /** Tasks with priority `critical` and every ancestor of one. */
  readonly criticalClosure: ReadonlySet<string>;
  /** For closure tasks: longest solo path from the task to a critical task, both included, ms. */
  readonly criticalBottomLevelMs: ReadonlyMap<string, number>;
  /** Number of transitive dependents. */
  readonly descendantCount: ReadonlyMap<string, number>;
  /**
   * Latest start that still meets every deadline downstream (critical-path method backward pass over
   * solo bounds): min over deadline-carrying tasks d reachable from t (t included) of
   * deadline(d) − longest solo path t→d. Infinity when no deadline is downstream.
   */
  readonly latestStartMs: ReadonlyMap<string, number>;
}

/**
 * Lower bound of a task's duration when it runs alone: max(durationMs, rows/rowsPerSecond,
 * bytes/bytesPerSecond) over the rate limits of its systems, ms. (A full bucket's burst lets a stage
 * run up to burstSeconds faster than its rate term; the bound ignores that.)
 */
export function soloLowerBoundMs(task: ScheduleTask, throttles: ReadonlyMap<string, SystemThrottle>): number {
  let ms = task.estimate.durationMs;
  for (const s of task.systems) {
    const t = throttles.get(s);
    if (t?.rowsPerSecond) ms = Math.max(ms, (task.estimate.rows * 1000) / t.rowsPerSecond);
    if (t?.bytesPerSecond) ms = Math.max(ms, (task.estimate.bytes * 1000) / t.bytesPerSecond);
  }
  return ms;
}

/** Throttles by system name (first one wins on duplicates). */
export function throttlesByName(throttles: readonly SystemThrottle[]): Map<string, SystemThrottle> {
  const map = new Map<string, SystemThrottle>();
  for (const t of throttles) if (!map.has(t.name)) map.set(t.name, t);
  return map;
}

/**
 * Analyses a task DAG. Deterministic: every order breaks ties by id.
 * @throws InternalError on a duplicate id, an unknown dependency, a cycle, or a negative or
 *   non-finite estimate (the plan is checked before it is scheduled, so these are bugs).
 */
export function analyzeTasks(tasks: readonly ScheduleTask[], throttles: readonly SystemThrottle[]): TaskGraph {
  const byId = indexTasks(tasks);
  const order = topologicalOrder(byId);
  const topoIndex = new Map(order.map((id, i) => [id, i]));
  const children = new Map<string, string[]>(order.map((id) => [id, []]));
  for (const id of order) for (const dep of new Set(byId.get(id)!.dependsOn)) children.get(dep)!.push(id);
  const limits = throttlesByName(throttles);
  const soloMs = new Map(order.map((id) => [id, soloLowerBoundMs(byId.get(id)!, limits)]));
  const solo = (id: string) => soloMs.get(id)!;

  const topLevelMs = new Map<string, number>();
  for (const id of order) {
    let start = 0;
    for (const dep of byId.get(id)!.dependsOn) start = Math.max(start, topLevelMs.get(dep)! + solo(dep));
    topLevelMs.set(id, start);
  }
  const bottomLevelMs = new Map<string, number>();
  const latestStartMs = new Map<string, number>();
  for (const id of [...order].reverse()) {
    const task = byId.get(id)!;
    let below = 0;
    let latest = task.deadlineMs ?? Infinity;
    for (const c of children.get(id)!) {
      below = Math.max(below, bottomLevelMs.get(c)!);
      latest = Math.min(latest, latestStartMs.get(c)!);
    }
    bottomLevelMs.set(id, solo(id) + below);
    latestStartMs.set(id, latest - solo(id));
  }
  const { closure, criticalBottomLevelMs } = criticalClosureOf(byId, order, children, solo);
  return {
    tasks: byId, order, topoIndex, children, soloMs, bottomLevelMs, topLevelMs, criticalClosure: closure,
    criticalBottomLevelMs, descendantCount: countDescendants(order, children), latestStartMs,
  };
}

/**
 * The lower bound the focus acceptance test uses: the longest path of solo lower bounds ending at
 * `id` (its top level plus its own solo bound), ms. No schedule can finish the task earlier.
 * @throws InternalError when `id` is not a task of the graph.
 */
export function criticalPathLowerBound(graph: TaskGraph, id: string): number {
  const top = graph.topLevelMs.get(id);
  if (top === undefined) throw new InternalError(`unknown task "${id}"`);
  return top + graph.soloMs.get(id)!;
}

function indexTasks(tasks: readonly ScheduleTask[]): Map<string, ScheduleTask> {
  const byId = new Map<string, ScheduleTask>();
  for (const t of tasks) {
    if (byId.has(t.id)) throw new InternalError(`duplicate task "${t.id}"`);
    const { durationMs, rows, bytes } = t.estimate;
    if (![durationMs, rows, bytes].every((v) => Number.isFinite(v) && v >= 0)) {
      throw new InternalError(`task "${t.id}" has a negative or non-finite estimate`);
    }
    byId.set(t.id, t);
  }
  for (const t of tasks) {
    for (const dep of t.dependsOn) if (!byId.has(dep)) throw new InternalError(`task "${t.id}" depends on unknown task "${dep}"`);
  }
  return byId;
}

/** Kahn's algorithm with the ready set kept sorted by id (as in SQLMesh `utils/dag.py`). */
function topologicalOrder(byId: ReadonlyMap<string, ScheduleTask>): string[] {
  const pending = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const t of byId.values()) {
    const deps = new Set(t.dependsOn);
    pending.set(t.id, deps.size);
    for (const d of deps) (dependents.get(d) ?? dependents.set(d, []).get(d)!).push(t.id);
  }
  const ready = [...byId.keys()].filter((id) => pending.get(id) === 0).sort();
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const c of dependents.get(id) ?? []) {
      const left = pending.get(c)! - 1;
      pending.set(c, left);
      if (left === 0) ready.splice(sortedIndex(ready, c), 0, c);
    }
  }
  if (order.length < byId.size) {
    const stuck = [...byId.keys()].filter((id) => pending.get(id)! > 0).sort();
    throw new InternalError(`task dependencies form a cycle among: ${stuck.join(', ')}`);
  }
  return order;
}

function sortedIndex(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function criticalClosureOf(
  byId: ReadonlyMap<string, ScheduleTask>, order: readonly string[], children: ReadonlyMap<string, readonly string[]>,
  solo: (id: string) => number,
): { closure: Set<string>; criticalBottomLevelMs: Map<string, number> } {
  const closure = new Set<string>();
  const level = new Map<string, number>();
  for (const id of [...order].reverse()) {
    const critical = byId.get(id)!.priority === 'critical';
    let below = critical ? 0 : -Infinity;
    for (const c of children.get(id)!) if (closure.has(c)) below = Math.max(below, level.get(c)!);
    if (below === -Infinity) continue;
    closure.add(id);
    level.set(id, solo(id) + below);
  }
  return { closure, criticalBottomLevelMs: level };
}

/** Transitive dependent counts, with one bitset per task (O(n²/32) words). */
function countDescendants(order: readonly string[], children: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const index = new Map(order.map((id, i) => [id, i]));
  const words = Math.ceil(order.length / 32);
  const sets = new Map<string, Uint32Array>();
  const counts = new Map<string, number>();
  for (const id of [...order].reverse()) {
    const set = new Uint32Array(words);
    for (const c of children.get(id)!) {
      const i = index.get(c)!;
      set[i >>> 5]! |= 1 << (i & 31);
      const below = sets.get(c)!;
      for (let w = 0; w < words; w++) set[w]! |= below[w]!;
    }
    sets.set(id, set);
    let n = 0;
    for (let w = 0; w < words; w++) n += popcount(set[w]!);
    counts.set(id, n);
  }
  return counts;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
