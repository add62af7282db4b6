// executor/: the plan as the scheduler sees it: one task per step with its dependencies, priority,
// deadline, systems and cost estimate, and the throttles of the plan's systems.
import type { Plan } from '../../compiler/index.js';
import { estimateCosts, type CostEstimate, type CostHistoryRecord } from '../schedule/cost-estimates.js';
import type { ScheduleTask, StageEstimate, SystemThrottle } from '../schedule/schedule-types.js';

/**
 * First-run defaults, before the audit log knows a stage. Ingest: 150 ms plus the source file's size
 * at 8 MB/s (compressed Discogs dumps parse at about that on one core: gzip inflate, UTF-8 and XML
 * tokenizing), rows at one per 60 compressed bytes (the 2020 samples: 1000-record dumps of 0.1–1.4 MB
 * give 8–25k rows); model: 150 ms, no rows or bytes known.
 */
export const DEFAULT_COSTS = { fixedMs: 150, ingestBytesPerMs: 8_000, ingestBytesPerRow: 60 } as const;

/** Inputs of scheduleTasks: the audit history and the source file sizes known now. */
export interface ScheduleTaskInputs {
  /** Earlier succeeded attempts (meta/cost-history.ts). */
  readonly history: readonly CostHistoryRecord[];
  /** Ingest step id -> size of the file it would read now, bytes (absent: unknown). */
  readonly sourceSizes: ReadonlyMap<string, number>;
}

/**
 * The plan's steps as schedule tasks, in plan order, with estimates from the history (median of the
 * last 5 succeeded attempts) or DEFAULT_COSTS; and the throttles of every system in the plan.
 */
export function scheduleTasks(plan: Plan, inputs: ScheduleTaskInputs): { tasks: ScheduleTask[]; throttles: SystemThrottle[]; estimates: Map<string, CostEstimate> } {
  const kinds = new Map(plan.steps.map((s) => [s.id, s.kind]));
  const defaults = (id: string): StageEstimate => {
    const size = inputs.sourceSizes.get(id);
    if (kinds.get(id) !== 'ingest' || size === undefined) return { durationMs: DEFAULT_COSTS.fixedMs, rows: 0, bytes: 0 };
    return { durationMs: Math.round(DEFAULT_COSTS.fixedMs + size / DEFAULT_COSTS.ingestBytesPerMs), rows: Math.round(size / DEFAULT_COSTS.ingestBytesPerRow), bytes: size };
  };
  const estimates = estimateCosts(plan.steps.map((s) => s.id), inputs.history, defaults);
  const schedule = new Map(plan.schedule.stages.map((s) => [s.stage, s]));
  const tasks = plan.steps.map((step): ScheduleTask => {
    const s = schedule.get(step.id);
    const e = estimates.get(step.id)!;
    return {
      id: step.id, dependsOn: step.dependsOn, priority: s?.priority ?? 'normal', systems: s?.systems ?? ['lake'],
      ...(s?.deadlineMs !== undefined ? { deadlineMs: s.deadlineMs } : {}),
      estimate: { durationMs: e.durationMs, rows: e.rows, bytes: e.bytes },
    };
  });
  const throttles = plan.schedule.systems.map((sys): SystemThrottle => ({
    name: sys.name, ...(sys.maxConcurrent !== undefined ? { maxConcurrent: sys.maxConcurrent } : {}),
    ...(sys.rowsPerSecond !== undefined ? { rowsPerSecond: sys.rowsPerSecond } : {}),
    ...(sys.bytesPerSecond !== undefined ? { bytesPerSecond: sys.bytesPerSecond } : {}),
  }));
  return { tasks, throttles, estimates };
}

/** Worker pool size: the plan's `schedule.workers`, else the machine's cores clamped to 2..8. */
export function defaultWorkers(plan: Plan, cores: number): number {
  return plan.schedule.workers ?? Math.min(8, Math.max(2, cores));
}
