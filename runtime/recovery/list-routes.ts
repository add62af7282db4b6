// recovery/: every route to a dataset's data, in preference order, with its availability now: what
// `lakec lineage --routes DATASET` prints. Reads route folders and the active run's manifest only.
import type { Plan } from '../../compiler/index.js';
import { isXmlIngest, LakecError, suggestName } from '../../compiler/index.js';
import { checkStageRoutes, type RouteCheck, type RouteContext } from './check-route.js';
import type { RouteOption } from './route-option.js';
import { buildRouteGraph, cheapestRoutes, combineRoutes, routeNodeId, upstreamSources } from './route-graph.js';

/**
 * One route of a source as listed: the route (without its stage and order), and for an available one
 * how stale its data would be now (`stalenessMs`; previous_run measured from the active run's age).
 */
export interface ListedRoute extends Omit<RouteOption, 'stage' | 'order'> {
  /** primary/location when available: the file that would be read, `<location>/<name>`. */
  readonly file?: string;
  /** previous_run when available: the run whose datasets would be linked. */
  readonly fromRun?: string;
  readonly available: boolean;
  /** Why the route is unavailable (absent when available). */
  readonly reason?: string;
  /** Whether an apply now would take this route (the cheapest available; see chooseIngestRoute). */
  readonly chosen: boolean;
}

/** The routes of one source (ingest step) in preference order: cost, then declaration order, the primary first. */
export interface SourceRoutes {
  /** Ingest step id. */
  readonly stage: string;
  readonly routes: readonly ListedRoute[];
}

/** Every route to a dataset's data. */
export interface RouteListing {
  readonly dataset: string;
  /** One entry per upstream source (the dataset's own for a bronze dataset), sorted by stage. */
  readonly sources: readonly SourceRoutes[];
  /**
   * The combination an apply would take now (each source's chosen route): costs summed, staleness the
   * maximum (ms), since a join needs every input. Absent when some source has no available route.
   */
  readonly cheapest?: { readonly cost: number; readonly stalenessMs: number };
}

/**
 * Lists the routes to `dataset`: for a bronze dataset its source's, for a downstream one those of
 * every source upstream of it (route-graph.ts upstreamSources), each checked now (checkRoute) and the
 * one chooseIngestRoute would take marked `chosen`.
 * @throws LakecError LK3001 when `dataset` is not a dataset of the plan (with a did-you-mean hint).
 */
export async function listRoutes(plan: Plan, dataset: string, ctx: RouteContext): Promise<RouteListing> {
  if (!plan.datasets.some((d) => d.name === dataset)) {
    throw new LakecError({
      code: 'LK3001', severity: 'error', message: `unknown dataset "${dataset}"`,
      hint: suggestName(dataset, plan.datasets.map((d) => d.name), 'dataset') ?? 'write a dataset name as in lakec plan',
    });
  }
  const graph = buildRouteGraph(plan);
  const steps = new Map(plan.steps.filter(isXmlIngest).map((s) => [s.id, s]));
  // Routes are an XML dump's; tables sources (csv, postgres, …) have their primary location only and are not listed.
  const stages = upstreamSources(graph, dataset).filter((stage) => steps.has(stage));
  const checks = await Promise.all(stages.map((stage) => checkStageRoutes(plan, steps.get(stage)!, ctx)));
  const available = new Set(checks.flat().filter((c) => c.available).map((c) => routeNodeId(c.option.stage, c.option.name)));
  const best = cheapestRoutes(graph, available);
  const sources = stages.map((stage, i): SourceRoutes => ({
    stage, routes: checks[i]!.map((c) => listed(c, best.get(stage)?.route?.name)),
  }));
  const chosen = sources.map((s) => s.routes.find((r) => r.chosen));
  const all = chosen.every((r) => r !== undefined);
  return { dataset, sources, ...(all ? { cheapest: combineRoutes(chosen as ListedRoute[]) } : {}) };
}

function listed(c: RouteCheck, chosenName: string | undefined): ListedRoute {
  const o = c.option;
  const base = {
    name: o.name, kind: o.kind, cost: o.cost,
    ...(o.location !== undefined ? { location: o.location } : {}), ...(o.pattern !== undefined ? { pattern: o.pattern } : {}),
  };
  if (!c.available) return { ...base, stalenessMs: o.stalenessMs, available: false, reason: c.reason, chosen: false };
  const where = c.kind === 'file' ? { file: c.displayPath } : { fromRun: c.fromRun };
  return { ...base, stalenessMs: c.stalenessMs, ...where, available: true, chosen: o.name === chosenName };
}
