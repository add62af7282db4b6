// plan/: the plan's `schedule` and `recovery` sections from the loaded schedule spec and the plan's
// steps: every step gets its priority, deadline and systems resolved (stage over pipeline over
// default), so the runtime needs no defaults of its own. Pure; arrays in a stable order.
import type { PlanStep } from '../types/plan.js';
import type { ScheduleSpec } from '../types/project.js';
import type { PlanRecovery, PlanSchedule, PlanStageSchedule, PlanSystem } from '../types/schedule.js';

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The schedule section: the default profile and workers, one entry per step (sorted by step id) and
 * every system a step uses or a throttle names (sorted by name, limits from the spec).
 */
export function buildSchedule(spec: ScheduleSpec, steps: readonly PlanStep[]): PlanSchedule {
  const plans = new Map(spec.stagePlans.map((p) => [p.scope, p]));
  const stages: PlanStageSchedule[] = steps.map((step) => {
    const own = plans.get(step.id);
    const pipeline = plans.get(step.pipeline);
    const deadlineMs = own?.deadlineMs ?? pipeline?.deadlineMs;
    const target = spec.targetSystems.get(step.pipeline)!;
    const systems = step.kind === 'ingest' ? [...new Set([spec.sourceSystems.get(step.id)!, target])].sort(byName) : [target];
    return { stage: step.id, priority: own?.priority ?? pipeline?.priority ?? 'normal', ...(deadlineMs !== undefined ? { deadlineMs } : {}), systems };
  }).sort((a, b) => byName(a.stage, b.stage));
  const declared = new Map(spec.systems.map(({ span: _span, ...s }) => [s.name, s]));
  const names = new Set([...declared.keys(), ...stages.flatMap((s) => s.systems)]);
  const systems: PlanSystem[] = [...names].sort(byName).map((name) => declared.get(name) ?? { name });
  return { profile: spec.profile, ...(spec.workers !== undefined ? { workers: spec.workers } : {}), systems, stages };
}

/** The recovery section: routes sorted by stage, then cost, then declaration order. */
export function buildRecovery(spec: ScheduleSpec): PlanRecovery {
  const routes = spec.routes.map(({ span: _span, ...r }) => r)
    .sort((a, b) => byName(a.stage, b.stage) || a.cost - b.cost || a.order - b.order);
  return { routes };
}
