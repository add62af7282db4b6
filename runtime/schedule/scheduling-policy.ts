// schedule/: the seam between the runner (run-dag.ts) and a decision maker. The Scheduler is the
// production policy; tests plug in baselines (a FIFO list scheduler) through the same interface.
import type { PolicyInit } from './schedule-state.js';
import type { ScheduleProfile, TaskStatus, WaitingTask } from './schedule-types.js';
import type { TaskGraph } from './task-ranks.js';

/** What to start now, and why every other ready task waits. */
export interface Decision {
  /** Task ids to start now, in order. Together they fit the free workers and every max_concurrent. */
  readonly start: readonly string[];
  /** Ready tasks left waiting, with the reason (topological order). */
  readonly waiting: readonly WaitingTask[];
}

/**
 * A scheduling policy: pure decisions over task states. The runner calls `decide` at the run start
 * and after every task end, then `markStarted` for each task it starts.
 */
export interface SchedulingPolicy {
  readonly graph: TaskGraph;
  /** Decides what to start at `nowMs` (ms since run start) under `profile`; does not change state. */
  decide(nowMs: number, profile: ScheduleProfile): Decision;
  markStarted(id: string, nowMs: number): void;
  /** @returns transitive dependents dropped because the task did not succeed. */
  markFinished(id: string, nowMs: number, status?: TaskStatus): string[];
  /** Drops a task that has not started and its dependents; returns them, `id` first. */
  drop(id: string): string[];
  /** Ready task ids in topological order. */
  ready(): string[];
  /** Nothing is ready or running. */
  done(): boolean;
}

/** Builds a policy for one run. */
export type PolicyFactory = (init: PolicyInit) => SchedulingPolicy;
