// recovery/: the plan's lineage as a weighted directed graph with the recovery routes as entry edges,
// and the shortest-path query that picks each source's cheapest available route. Pure: no fs.
//
//   available ──0──> route:<stage>:<name> ──cost──> step:<ingest> ──0──> dataset:<bronze>
//                    (only routes available now)                            │0
//                                                    dataset:<out> <──0── step:<model>
//
// Shortest paths are exact for ingest steps: the distance from `available` to `step:<id>` is the cost
// of the cheapest available route of that source (Infinity when none is). They are NOT the answer for a
// dataset downstream of a join: a model needs every input, so its routes are the product of its
// upstream sources' routes (one route per source), not the one cheapest path into it. A combination
// costs the sum of its routes' costs and is as stale as its stalest route, and the cheapest
// combination is each source's cheapest available route (costs are independent per source), which is
// what combineRoutes computes from cheapestRoutes' per-source answers.
import { isXmlIngest, sourceWhere } from '../../compiler/index.js';
import { alg, Graph, type Edge } from '@dagrejs/graphlib';
import type { Plan } from '../../compiler/index.js';
import { comparePreference, stageRoutes, type RouteOption } from './route-option.js';

/** The virtual start node of the shortest-path query: it has 0-weight edges to the routes available now. */
export const AVAILABLE_NODE = 'available';

/** What a node of the route graph stands for. */
export type RouteGraphNode =
  | { readonly kind: 'available' }
  | { readonly kind: 'route'; readonly option: RouteOption }
  | { readonly kind: 'step'; readonly step: string; readonly stepKind: 'ingest' | 'model' }
  | { readonly kind: 'dataset'; readonly name: string };

/** An edge's weight: a route's cost into its step, 0 everywhere else. */
export interface RouteGraphEdge {
  readonly weight: number;
}

/** The plan's route graph (graphlib, directed, simple). Node ids: see routeNodeId, stepNodeId, datasetNodeId. */
export type RouteGraph = Graph<Record<string, never>, RouteGraphNode, RouteGraphEdge>;

/** `route:<stage>:<name>`. */
export const routeNodeId = (stage: string, name: string): string => `route:${stage}:${name}`;
/** `step:<id>`. */
export const stepNodeId = (id: string): string => `step:${id}`;
/** `dataset:<name>`. */
export const datasetNodeId = (name: string): string => `dataset:${name}`;

/**
 * Builds the route graph of `plan`: every ingest step's routes (stageRoutes: the primary and the
 * declared ones) with an edge of the route's cost into the step; each step to its output datasets and
 * each dataset to the model steps reading it, weight 0. The `available` node has no stored edges: the
 * query supplies them (see cheapestRoutes), so one graph serves any availability.
 */
export function buildRouteGraph(plan: Plan): RouteGraph {
  const g: RouteGraph = new Graph<Record<string, never>, RouteGraphNode, RouteGraphEdge>({ directed: true });
  g.setNode(AVAILABLE_NODE, { kind: 'available' });
  for (const step of plan.steps) {
    const id = stepNodeId(step.id);
    g.setNode(id, { kind: 'step', step: step.id, stepKind: step.kind });
    const outputs = step.kind === 'ingest' ? step.outputs : [step.dataset];
    for (const name of outputs) {
      g.setNode(datasetNodeId(name), { kind: 'dataset', name });
      g.setEdge(id, datasetNodeId(name), { weight: 0 });
    }
    if (step.kind === 'ingest') {
      // Only XML dumps take recovery routes; a tables source has its primary location alone.
      const where = sourceWhere(step.source);
      const options = isXmlIngest(step) ? stageRoutes(plan, step) : [{ stage: step.id, name: 'primary', kind: 'primary' as const, cost: 0, stalenessMs: 0, location: where.location, pattern: where.pattern, order: -1 }];
      for (const option of options) {
        const r = routeNodeId(step.id, option.name);
        g.setNode(r, { kind: 'route', option });
        g.setEdge(r, id, { weight: option.cost });
      }
    } else {
      for (const input of step.inputs) {
        g.setNode(datasetNodeId(input), { kind: 'dataset', name: input });
        g.setEdge(datasetNodeId(input), id, { weight: 0 });
      }
    }
  }
  return g;
}

/** The cheapest available route of one ingest step. */
export interface CheapestRoute {
  /** Ingest step id. */
  readonly stage: string;
  /** Cost of the cheapest available route; Infinity when no route is available. */
  readonly cost: number;
  /** That route; among routes of equal cost, the first in preference order. Absent when none is available. */
  readonly route?: RouteOption;
}

/**
 * For every ingest step, the cheapest route among `available` (route node ids), by Dijkstra's algorithm
 * (graphlib `alg.dijkstra`, O((|E| + |V|) log |V|)) from the virtual `available` node, whose 0-weight
 * edges go to the available routes only. Equal costs are broken by preference order (stageRoutes), not
 * by Dijkstra's arbitrary predecessor.
 * @returns step id -> CheapestRoute, for every ingest step of the graph.
 */
export function cheapestRoutes(graph: RouteGraph, available: ReadonlySet<string>): Map<string, CheapestRoute> {
  const entry: Edge[] = [...available].filter((v) => graph.node(v)?.kind === 'route').map((w) => ({ v: AVAILABLE_NODE, w }));
  const paths = alg.dijkstra(
    graph,
    AVAILABLE_NODE,
    (e) => (e.v === AVAILABLE_NODE ? 0 : graph.edge(e).weight),
    (v) => (v === AVAILABLE_NODE ? entry : graph.outEdges(v) ?? []),
  );
  const out = new Map<string, CheapestRoute>();
  for (const v of graph.nodes()) {
    const node = graph.node(v);
    if (node.kind !== 'step' || node.stepKind !== 'ingest') continue;
    const cost = paths[v]?.distance ?? Number.POSITIVE_INFINITY;
    const route = (graph.predecessors(v) ?? [])
      .filter((r) => available.has(r) && graph.edge(r, v).weight === cost)
      .map((r) => (graph.node(r) as Extract<RouteGraphNode, { kind: 'route' }>).option)
      .sort(comparePreference)[0];
    out.set(node.step, { stage: node.step, cost, ...(route ? { route } : {}) });
  }
  return out;
}

/**
 * The ingest steps `dataset` derives from (itself, for a bronze dataset), sorted by id: the `step:`
 * nodes with routes reachable backwards from `dataset:<name>`.
 * @returns an empty array for an unknown dataset.
 */
export function upstreamSources(graph: RouteGraph, dataset: string): string[] {
  const start = datasetNodeId(dataset);
  if (!graph.hasNode(start)) return [];
  const seen = new Set<string>([start]);
  const queue = [start];
  const sources: string[] = [];
  while (queue.length) {
    const v = queue.shift()!;
    const node = graph.node(v);
    if (node.kind === 'step' && node.stepKind === 'ingest') {
      sources.push(node.step);
      continue;
    }
    for (const p of graph.predecessors(v) ?? []) {
      if (!seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
  return sources.sort();
}

/**
 * Cost and staleness of one combination of routes, one per upstream source of a dataset: a join needs
 * every input, so the combination costs the sum of the costs and is as stale as its stalest route.
 * @param routes one `{ cost, stalenessMs }` per source (stalenessMs in milliseconds).
 * @returns `{ cost: 0, stalenessMs: 0 }` for no routes.
 */
export function combineRoutes(routes: readonly { readonly cost: number; readonly stalenessMs: number }[]): { cost: number; stalenessMs: number } {
  return { cost: routes.reduce((n, r) => n + r.cost, 0), stalenessMs: routes.reduce((n, r) => Math.max(n, r.stalenessMs), 0) };
}
