// recovery/: the routes of one ingest step in preference order: the step's own location (the implicit
// route `primary`) first, then the plan's declared routes (plan.recovery.routes). Pure: no fs.
import type { XmlIngestStep, Plan, PlanRoute } from '../../compiler/index.js';

/** The name of the implicit route that reads the step's own `source.location`/`source.pattern`. */
export const PRIMARY_ROUTE = 'primary';

/**
 * One way to obtain an ingest step's data: the primary location or a declared PlanRoute.
 * - `primary`: the step's own location and pattern, cost 0, staleness 0, order -1 (before every route).
 * - `location`: another folder (and maybe pattern) holding the same dump.
 * - `previous_run`: the step's datasets as published by the active run.
 */
export interface RouteOption {
  /** Step id of the ingest step. */
  readonly stage: string;
  readonly name: string;
  readonly kind: 'primary' | 'location' | 'previous_run';
  /** Preference weight, >= 0 (primary: 0). */
  readonly cost: number;
  /** Declared staleness, milliseconds (primary: 0; `previous_run` adds the active run's age at check time). */
  readonly stalenessMs: number;
  /** `primary`/`location`: folder, POSIX, relative to the project folder (or absolute, as configured). */
  readonly location?: string;
  /** `primary`/`location`: file-name glob inside the folder (a route without one keeps the step's). */
  readonly pattern?: string;
  /** Declaration order within the stage; -1 for the primary. */
  readonly order: number;
}

/**
 * The routes of `step`, in preference order: cost ascending, then declaration order, the primary first
 * among equal costs (order -1). A step without declared routes has the primary alone.
 * @returns a new array; never empty.
 */
export function stageRoutes(plan: Plan, step: XmlIngestStep): RouteOption[] {
  const primary: RouteOption = {
    stage: step.id, name: PRIMARY_ROUTE, kind: 'primary', cost: 0, stalenessMs: 0,
    location: step.source.location, pattern: step.source.pattern, order: -1,
  };
  const declared = plan.recovery.routes.filter((r) => r.stage === step.id).map((r) => fromPlanRoute(r, step));
  return [primary, ...declared].sort(comparePreference);
}

/** Whether the plan declares any route for the step (beyond its implicit primary). */
export function hasDeclaredRoutes(plan: Plan, stepId: string): boolean {
  return plan.recovery.routes.some((r) => r.stage === stepId);
}

/** Orders routes by cost, then declaration order (the primary, order -1, first among equal costs). */
export function comparePreference(a: RouteOption, b: RouteOption): number {
  return a.cost - b.cost || a.order - b.order;
}

function fromPlanRoute(r: PlanRoute, step: XmlIngestStep): RouteOption {
  return {
    stage: r.stage, name: r.name, kind: r.kind, cost: r.cost, stalenessMs: r.stalenessMs ?? 0, order: r.order,
    ...(r.kind === 'location' ? { location: r.location ?? step.source.location, pattern: r.pattern ?? step.source.pattern } : {}),
  };
}
