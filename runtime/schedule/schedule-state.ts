// schedule/: the bookkeeping every scheduling policy shares: which tasks are blocked, ready, running,
// finished or dropped, when each became ready or started, and how many run on each system.
import { InternalError } from '../../compiler/diagnostics/diagnostic.js';
import type { ScheduleTask, SystemThrottle, TaskStatus } from './schedule-types.js';
import { uniqueSorted } from './system-throttles.js';
import { analyzeTasks, throttlesByName, type TaskGraph } from './task-ranks.js';

/** Life cycle of a task inside a run. */
export type TaskState = 'blocked' | 'ready' | 'running' | 'succeeded' | 'failed' | 'stopped' | 'dropped';

/** Inputs of every scheduling policy. */
export interface PolicyInit {
  readonly tasks: readonly ScheduleTask[];
  /** Worker count, ≥ 1. */
  readonly workers: number;
  readonly throttles: readonly SystemThrottle[];
}

/**
 * Task states of one run, updated by the runner (markStarted, markFinished, drop).
 * @throws InternalError from the constructor on an invalid DAG (see analyzeTasks), and from the
 *   mutators when a transition is impossible (starting a task that is not ready, and so on).
 */
export class ScheduleState {
  readonly graph: TaskGraph;
  readonly workers: number;
  readonly limits: ReadonlyMap<string, SystemThrottle>;
  private readonly state = new Map<string, TaskState>();
  private readonly pendingDeps = new Map<string, number>();
  /** Ready tasks -> ms they became ready. */
  readonly readyAt = new Map<string, number>();
  /** Running tasks -> ms they started. */
  readonly startedAt = new Map<string, number>();
  private readonly onSystem = new Map<string, number>();
  /** Sorted systems of each task. */
  readonly systemsOf = new Map<string, readonly string[]>();

  /** @throws RangeError when workers is not a positive integer. */
  constructor(init: PolicyInit) {
    if (!(Number.isInteger(init.workers) && init.workers >= 1)) throw new RangeError(`workers must be a positive integer, got ${init.workers}`);
    this.graph = analyzeTasks(init.tasks, init.throttles);
    this.workers = init.workers;
    this.limits = throttlesByName(init.throttles);
    for (const id of this.graph.order) {
      const task = this.graph.tasks.get(id)!;
      const deps = new Set(task.dependsOn).size;
      this.pendingDeps.set(id, deps);
      this.systemsOf.set(id, uniqueSorted(task.systems));
      this.state.set(id, deps === 0 ? 'ready' : 'blocked');
      if (deps === 0) this.readyAt.set(id, 0);
    }
  }

  stateOf(id: string): TaskState {
    const s = this.state.get(id);
    if (!s) throw new InternalError(`unknown task "${id}"`);
    return s;
  }

  /** Ready task ids in topological order. */
  ready(): string[] {
    return this.graph.order.filter((id) => this.state.get(id) === 'ready');
  }

  /** Running tasks on `system`. */
  runningOn(system: string): number {
    return this.onSystem.get(system) ?? 0;
  }

  /** max_concurrent of a system (Infinity when unthrottled). */
  maxOn(system: string): number {
    return this.limits.get(system)?.maxConcurrent ?? Infinity;
  }

  /** The first system of the task already at max_concurrent given `extra` more running per system, if any. */
  fullSystem(id: string, extra: ReadonlyMap<string, number> = new Map()): string | undefined {
    return this.systemsOf.get(id)!.find((s) => this.runningOn(s) + (extra.get(s) ?? 0) >= this.maxOn(s));
  }

  markStarted(id: string, nowMs: number): void {
    if (this.stateOf(id) !== 'ready') throw new InternalError(`task "${id}" started while ${this.stateOf(id)}`);
    if (this.startedAt.size >= this.workers) throw new InternalError(`task "${id}" started with every worker busy`);
    const full = this.fullSystem(id);
    if (full) throw new InternalError(`task "${id}" started on system "${full}" at max_concurrent`);
    this.state.set(id, 'running');
    this.readyAt.delete(id);
    this.startedAt.set(id, nowMs);
    for (const s of this.systemsOf.get(id)!) this.onSystem.set(s, this.runningOn(s) + 1);
  }

  /**
   * Records a running task's end. Success makes dependents whose dependencies all succeeded ready;
   * failure or stop drops every transitive dependent.
   * @returns the dropped dependents in topological order (empty on success).
   */
  markFinished(id: string, nowMs: number, status: TaskStatus = 'succeeded'): string[] {
    if (this.stateOf(id) !== 'running') throw new InternalError(`task "${id}" finished while ${this.stateOf(id)}`);
    this.state.set(id, status);
    this.startedAt.delete(id);
    for (const s of this.systemsOf.get(id)!) this.onSystem.set(s, this.runningOn(s) - 1);
    if (status !== 'succeeded') return this.dropDependents(id);
    for (const c of this.graph.children.get(id)!) {
      const left = this.pendingDeps.get(c)! - 1;
      this.pendingDeps.set(c, left);
      if (left === 0 && this.state.get(c) === 'blocked') {
        this.state.set(c, 'ready');
        this.readyAt.set(c, nowMs);
      }
    }
    return [];
  }

  /**
   * Marks a task that has not started as never running, with every transitive dependent.
   * @returns the dropped ids in topological order, `id` first (already dropped ones left out).
   * @throws InternalError when the task is running or finished.
   */
  drop(id: string): string[] {
    const s = this.stateOf(id);
    if (s === 'dropped') return [];
    if (s !== 'ready' && s !== 'blocked') throw new InternalError(`task "${id}" dropped while ${s}`);
    this.state.set(id, 'dropped');
    this.readyAt.delete(id);
    return [id, ...this.dropDependents(id)];
  }

  /** No task is ready or running: nothing more can start. */
  done(): boolean {
    return this.startedAt.size === 0 && this.readyAt.size === 0;
  }

  private dropDependents(id: string): string[] {
    const out: string[] = [];
    const queue = [...this.graph.children.get(id)!];
    while (queue.length > 0) {
      const c = queue.pop()!;
      const s = this.state.get(c);
      if (s !== 'blocked' && s !== 'ready') continue;
      this.state.set(c, 'dropped');
      this.readyAt.delete(c);
      out.push(c);
      queue.push(...this.graph.children.get(c)!);
    }
    return out.sort((a, b) => this.graph.topoIndex.get(a)! - this.graph.topoIndex.get(b)!);
  }
}
