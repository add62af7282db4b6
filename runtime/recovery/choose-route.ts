// recovery/: picks the route an ingest step reads its data through: the primary location when it is
// there, else the cheapest available recovery route (shortest path in the route graph), else LK6109.
import type { XmlIngestStep, Plan } from '../../compiler/index.js';
import type { ManifestDataset, ManifestInput, ManifestRoute } from '../lake/manifest.js';
import { checkRoute, checkStageRoutes, type AvailableFileRoute, type AvailableRunRoute, type RouteCheck, type RouteContext } from './check-route.js';
import { NoRouteError } from './no-route-error.js';
import { buildRouteGraph, cheapestRoutes, routeNodeId } from './route-graph.js';
import { hasDeclaredRoutes, stageRoutes } from './route-option.js';

/** The dump file of a primary or location route: absolute path, manifest path, bytes, mtime (ms since the epoch). */
export interface RouteFile {
  readonly file: string;
  /** `<location>/<name>`: what the manifest's input records. */
  readonly displayPath: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The route chosen for an ingest step.
 * - `primary`: read `file` as always; nothing to record (ManifestStep.route stays absent).
 * - `location`: read `file` (another folder's dump) and record `route` on the manifest step.
 * - `previous_run`: read nothing; link `datasets` from run `fromRun` (like reuseStep), record `input` as
 *   the step's manifest input (so the effective fingerprint, the datasets' own, carries over) and `route`.
 */
export type ChosenRoute =
  | ({ readonly kind: 'primary' } & RouteFile)
  | ({ readonly kind: 'location'; readonly route: ManifestRoute } & RouteFile)
  | {
    readonly kind: 'previous_run';
    /** The active run's datasets of the step, in the step's output order. */
    readonly datasets: readonly ManifestDataset[];
    /** The input the active run recorded for the step. */
    readonly input: ManifestInput;
    /** The active run the datasets are linked from. */
    readonly fromRun: string;
    readonly route: ManifestRoute;
  };

/**
 * Chooses how `step` obtains its data now.
 * - No declared routes: exactly the former behaviour — the primary's file, or the primary's own error
 *   (LakecError LK6105) rethrown unchanged.
 * - With routes: checks every route (checkRoute), then picks the cheapest available by shortest path in
 *   the route graph (cheapestRoutes: cost, then declaration order, the primary first at cost 0). The
 *   result's `route.tried` lists every route preferred over the chosen one, with why it was unavailable.
 * @param ctx.reuse the active run (reuseBase), needed by previous_run routes; ctx.now measures staleness.
 * @throws NoRouteError (LakecError LK6109, SOURCE_UNAVAILABLE) naming every route tried and its reason
 *   when none is available.
 * @example
 * const chosen = await chooseIngestRoute(step, plan, { projectDir, reuse, now: () => new Date() });
 * if (chosen.kind !== 'previous_run') ingest(chosen.file, chosen.displayPath);
 */
export async function chooseIngestRoute(step: XmlIngestStep, plan: Plan, ctx: RouteContext): Promise<ChosenRoute> {
  if (!hasDeclaredRoutes(plan, step.id)) {
    const primary = await checkRoute(stageRoutes(plan, step)[0]!, step, ctx);
    if (!primary.available) throw primary.error;
    return { kind: 'primary', ...fileOf(primary as AvailableFileRoute) };
  }
  const checks = await checkStageRoutes(plan, step, ctx);
  const available = new Set(checks.filter((c) => c.available).map((c) => routeNodeId(step.id, c.option.name)));
  const best = cheapestRoutes(buildRouteGraph(plan), available).get(step.id)?.route;
  const at = best ? checks.findIndex((c) => c.option.name === best.name) : -1;
  const chosen = checks[at];
  if (!chosen?.available) throw new NoRouteError(step, checks.map(triedOf));
  const tried = checks.slice(0, at).map(triedOf);
  if (chosen.kind === 'previous_run') return previousRun(chosen, tried);
  if (chosen.option.kind === 'primary') return { kind: 'primary', ...fileOf(chosen) };
  const { option } = chosen;
  const route: ManifestRoute = { name: option.name, kind: 'location', cost: option.cost, stalenessMs: chosen.stalenessMs, file: chosen.displayPath, tried };
  return { kind: 'location', ...fileOf(chosen), route };
}

function previousRun(chosen: AvailableRunRoute, tried: ManifestRoute['tried']): ChosenRoute {
  const { option } = chosen;
  const route: ManifestRoute = { name: option.name, kind: 'previous_run', cost: option.cost, stalenessMs: chosen.stalenessMs, fromRun: chosen.fromRun, tried };
  return { kind: 'previous_run', datasets: chosen.datasets, input: chosen.input, fromRun: chosen.fromRun, route };
}

function fileOf(c: AvailableFileRoute): RouteFile {
  return { file: c.file, displayPath: c.displayPath, size: c.size, mtimeMs: c.mtimeMs };
}

function triedOf(c: RouteCheck): { name: string; reason: string } {
  return { name: c.option.name, reason: c.available ? 'available' : c.reason };
}
