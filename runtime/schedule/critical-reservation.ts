// schedule/: the capacity `focus` holds back for the critical closure. At each decision it plans the
// rest of the closure as soon as possible (every closure task starts when its dependencies end, at
// its solo duration) and lets a non-critical task start only if, over its whole estimated run, it
// fits next to that plan: a free worker, a free slot on each of its systems, and no more than the
// rate left on a rate-limited system the closure still needs.
import type { ScheduleState } from './schedule-state.js';

/** Relative slack in rate-share sums. */
const SHARE_EPSILON = 1e-9;

/**
 * Fraction of `system`'s rate limit a task uses when it runs at its solo duration: the larger of
 * rows/s ÷ rowsPerSecond and bytes/s ÷ bytesPerSecond; 0 when the system has no rate limit or the
 * task takes no time. At most 1 when soloMs is the task's solo lower bound.
 */
export function rateShare(state: ScheduleState, id: string, system: string): number {
  const limit = state.limits.get(system);
  const task = state.graph.tasks.get(id)!;
  const seconds = state.graph.soloMs.get(id)! / 1000;
  if (!limit || seconds <= 0) return 0;
  const rows = limit.rowsPerSecond ? task.estimate.rows / seconds / limit.rowsPerSecond : 0;
  const bytes = limit.bytesPerSecond ? task.estimate.bytes / seconds / limit.bytesPerSecond : 0;
  return Math.max(rows, bytes);
}

interface Load {
  readonly id: string;
  readonly from: number;
  readonly to: number;
  readonly closure: boolean;
}

/**
 * Conservative backfilling against an as-soon-as-possible plan of the critical closure. Resource
 * use is a step function of time from `now`: workers (`w`), slots per system (`s:<name>`), rate
 * share per rate-limited system (`r:<name>`, everyone running or planned). A non-critical task may
 * start if every step it overlaps keeps workers ≤ W and slots ≤ max_concurrent, and, on each of its
 * rate-limited systems that the remaining closure plan uses at all, the summed share ≤ 1: focus
 * never oversubscribes a rate the closure needs, since oversubscribed stages slow down, overrun
 * their estimates and would run into the closure's reserved window.
 *
 * Running tasks count until their estimated end (start + solo bound); one already past it is
 * assumed to need half its elapsed time again (an overrun means the estimate was low). The plan
 * assumes estimates hold: it reserves for the closure's ideal start times, which is what bounds
 * critical completion near the critical path.
 *
 * @see D. Lifka, "The ANL/IBM SP scheduling system" (1995) and Mu'alem & Feitelson, "Utilization,
 *   predictability, workloads, and user runtime estimates in scheduling the IBM SP2 with
 *   backfilling" (IEEE TPDS 2001): backfilling that never delays reserved jobs.
 */
export class CriticalReservation {
  private readonly times: number[];
  private readonly series = new Map<string, number[]>();
  /** Rate-limited systems the remaining closure plan uses. */
  private readonly closureSystems = new Set<string>();
  /** Whether any closure task is still unfinished (otherwise nothing is reserved). */
  readonly active: boolean;

  /**
   * @param state task states before this decision's starts (closure tasks it starts are ready, and
   *   planned from now like every ready closure task).
   * @param nowMs decision time, ms since run start.
   */
  constructor(private readonly state: ScheduleState, private readonly nowMs: number) {
    const loads = this.planLoads();
    this.active = loads.some((l) => l.closure);
    for (const l of loads) {
      if (l.closure) for (const s of this.state.systemsOf.get(l.id)!) if (rateShare(this.state, l.id, s) > 0) this.closureSystems.add(s);
    }
    this.times = [...new Set([nowMs, ...loads.flatMap((l) => [l.from, l.to])])].sort((a, b) => a - b);
    const index = new Map(this.times.map((t, i) => [t, i]));
    for (const load of loads) {
      const i = index.get(load.from)!;
      const j = index.get(load.to)!;
      for (const [key, amount] of this.usage(load.id)) {
        const diff = this.seriesOf(key);
        diff[i]! += amount;
        if (j < diff.length) diff[j]! -= amount;
      }
    }
    for (const diff of this.series.values()) for (let k = 1; k < diff.length; k++) diff[k]! += diff[k - 1]!;
  }

  /** Whether non-closure task `id` may start now without taking capacity the closure plan needs. */
  allows(id: string): boolean {
    if (!this.active) return true;
    const end = this.endOf(id);
    const systems = this.state.systemsOf.get(id)!;
    for (let k = 0; k < this.times.length && (k === 0 || this.times[k]! < end); k++) {
      if (this.at('w', k) + 1 > this.state.workers) return false;
      for (const s of systems) {
        if (this.at(`s:${s}`, k) + 1 > this.state.maxOn(s)) return false;
        const share = rateShare(this.state, id, s);
        if (share > 0 && this.closureSystems.has(s) && this.at(`r:${s}`, k) + share > 1 + SHARE_EPSILON) return false;
      }
    }
    return true;
  }

  /** Books an allowed non-closure task as running from now to its estimated end. */
  book(id: string): void {
    const j = this.split(this.endOf(id));
    for (const [key, amount] of this.usage(id)) {
      const values = this.seriesOf(key);
      for (let k = 0; k < j; k++) values[k]! += amount;
    }
  }

  private endOf(id: string): number {
    return this.nowMs + Math.max(this.state.graph.soloMs.get(id)!, 1e-6);
  }

  /** The closure's ASAP plan and the running non-closure tasks, as [from, to) loads from now. */
  private planLoads(): Load[] {
    const { graph } = this.state;
    const now = this.nowMs;
    const end = new Map<string, number>();
    const loads: Load[] = [];
    for (const id of graph.order) {
      const s = this.state.stateOf(id);
      const solo = graph.soloMs.get(id)!;
      const closure = graph.criticalClosure.has(id);
      if (s === 'running') {
        const started = this.state.startedAt.get(id)!;
        const to = started + solo > now ? started + solo : now + Math.max(0.5 * (now - started), 1e-3);
        end.set(id, to);
        if (to > now) loads.push({ id, from: now, to, closure });
        continue;
      }
      if (!closure || (s !== 'ready' && s !== 'blocked')) continue;
      let from = now;
      if (s === 'blocked') for (const dep of graph.tasks.get(id)!.dependsOn) from = Math.max(from, end.get(dep) ?? now);
      end.set(id, from + solo);
      if (solo > 0) loads.push({ id, from, to: from + solo, closure: true });
    }
    return loads;
  }

  private usage(id: string): [string, number][] {
    const out: [string, number][] = [['w', 1]];
    for (const s of this.state.systemsOf.get(id)!) {
      if (this.state.maxOn(s) !== Infinity) out.push([`s:${s}`, 1]);
      const share = rateShare(this.state, id, s);
      if (share > 0) out.push([`r:${s}`, share]);
    }
    return out;
  }

  private seriesOf(key: string): number[] {
    let values = this.series.get(key);
    if (!values) this.series.set(key, (values = new Array<number>(this.times.length).fill(0)));
    return values;
  }

  private at(key: string, k: number): number {
    return this.series.get(key)?.[k] ?? 0;
  }

  /** Index of breakpoint `t`, inserted (copying the step it falls in) when missing. */
  private split(t: number): number {
    let k = this.times.length - 1;
    while (k > 0 && this.times[k]! > t) k--;
    if (this.times[k] === t) return k;
    this.times.splice(k + 1, 0, t);
    for (const values of this.series.values()) values.splice(k + 1, 0, values[k]!);
    return k + 1;
  }
}
