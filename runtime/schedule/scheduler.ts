// schedule/: the production scheduling policy: which ready stages start now, under `balanced` or
// `focus`. Pure: no clock, no I/O; the runner (run-dag.ts) calls it at every decision.
import { CriticalReservation } from './critical-reservation.js';
import type { Decision, SchedulingPolicy } from './scheduling-policy.js';
import { ScheduleState } from './schedule-state.js';
import { PRIORITIES, type Priority, type ScheduleProfile, type WaitingTask } from './schedule-types.js';

/** Weight of each priority in the `balanced` score (higher runs sooner). */
export const PRIORITY_WEIGHT: Readonly<Record<Priority, number>> = { critical: 4, high: 2, normal: 1, low: 0.5 };

type Key = readonly (number | string)[];

/**
 * Decides which ready stages start at each decision.
 *
 * Both profiles are work-conserving within throttles: while a worker is free and a ready stage fits
 * every max_concurrent of its systems, something starts — except that `focus` holds back capacity
 * for the critical closure (CriticalReservation). Every ordering ends with the task id, so equal
 * inputs give equal schedules. Deadlines: a stage whose latest start (TaskGraph.latestStartMs) is
 * at or before now is urgent and goes first, earliest latest start first.
 *
 * `balanced` (mean completion latency, systems spread): repeatedly start the fitting candidate with
 * the least key (urgent; all its systems idle; solo ms ÷ (priority weight × (1 + descendants)); id).
 * The ratio is Smith's weighted-shortest-processing-time rule (W. E. Smith, "Various optimizers for
 * single-stage production", 1956; optimal for Σ wC on one machine), weighting a stage by the
 * stages it unblocks. Preferring stages whose systems are idle means a freed worker never goes to
 * a busy system while an idle one has ready work.
 *
 * `focus`: closure stages (critical stages and their ancestors) first, by longest path to a
 * critical stage (HLFET list scheduling, Adam, Chandy & Dickson 1974); then the rest by priority
 * (high, normal, low) and the balanced score, each only if CriticalReservation allows it (the one
 * deliberate exception to work conservation: capacity the closure's as-soon-as-possible plan needs
 * during the stage's estimated run is held back). Urgency orders stages within the closure and
 * within the rest, but never lifts the reservation: under focus, critical work comes first.
 *
 * @throws InternalError from the constructor on an invalid DAG, and from the mutators on an
 *   impossible transition (see ScheduleState).
 */
export class Scheduler extends ScheduleState implements SchedulingPolicy {
  /** Task ids to start now, in order (see `decide`). */
  pick(nowMs: number, profile: ScheduleProfile): string[] {
    return [...this.decide(nowMs, profile).start];
  }

  /**
   * What to start at `nowMs` (ms since run start) under `profile`, and why the rest wait. Pure: the
   * runner calls markStarted for each pick.
   */
  decide(nowMs: number, profile: ScheduleProfile): Decision {
    const ready = this.ready();
    const start: string[] = [];
    const extra = new Map<string, number>();
    const take = (id: string) => {
      start.push(id);
      for (const s of this.systemsOf.get(id)!) extra.set(s, (extra.get(s) ?? 0) + 1);
    };
    const free = () => this.workers - this.startedAt.size - start.length;
    const fits = (id: string) => free() > 0 && this.fullSystem(id, extra) === undefined;
    const reserved = new Set<string>();

    if (profile === 'focus') {
      const closure = this.graph.criticalClosure;
      for (const id of this.sorted(ready.filter((id) => closure.has(id)), (id) => this.focusKey(id, nowMs))) if (fits(id)) take(id);
      const reservation = new CriticalReservation(this, nowMs);
      for (const id of this.sorted(ready.filter((id) => !closure.has(id)), (id) => this.restKey(id, nowMs))) {
        if (!fits(id)) continue;
        if (!reservation.allows(id)) {
          reserved.add(id);
          continue;
        }
        reservation.book(id);
        take(id);
      }
    } else {
      const left = new Set(ready);
      for (;;) {
        let best: { id: string; key: Key } | undefined;
        for (const id of left) {
          if (!fits(id)) continue;
          const key = this.balancedKey(id, nowMs, extra);
          if (!best || compareKeys(key, best.key) < 0) best = { id, key };
        }
        if (!best) break;
        left.delete(best.id);
        take(best.id);
      }
    }
    const started = new Set(start);
    const waiting = ready.filter((id) => !started.has(id)).map((id): WaitingTask => {
      const system = this.fullSystem(id, extra);
      if (system !== undefined) return { id, reason: 'system', system };
      return { id, reason: reserved.has(id) ? 'reserved' : 'workers' };
    });
    return { start, waiting };
  }

  private urgency(id: string, nowMs: number): [number, number] {
    const latest = this.graph.latestStartMs.get(id)!;
    return latest <= nowMs ? [0, latest] : [1, 0];
  }

  private score(id: string): number {
    const weight = PRIORITY_WEIGHT[this.graph.tasks.get(id)!.priority] * (1 + this.graph.descendantCount.get(id)!);
    return this.graph.soloMs.get(id)! / weight;
  }

  private balancedKey(id: string, nowMs: number, extra: ReadonlyMap<string, number>): Key {
    const busy = this.systemsOf.get(id)!.some((s) => this.runningOn(s) + (extra.get(s) ?? 0) > 0);
    return [...this.urgency(id, nowMs), busy ? 1 : 0, this.score(id), id];
  }

  private focusKey(id: string, nowMs: number): Key {
    return [...this.urgency(id, nowMs), -this.graph.criticalBottomLevelMs.get(id)!, id];
  }

  private restKey(id: string, nowMs: number): Key {
    return [...this.urgency(id, nowMs), PRIORITIES.indexOf(this.graph.tasks.get(id)!.priority), this.score(id), id];
  }

  private sorted(ids: readonly string[], key: (id: string) => Key): string[] {
    const keys = new Map(ids.map((id) => [id, key(id)]));
    return [...ids].sort((a, b) => compareKeys(keys.get(a)!, keys.get(b)!));
  }
}

/** Lexicographic comparison of sort keys (numbers numerically, strings by code unit). */
export function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}
