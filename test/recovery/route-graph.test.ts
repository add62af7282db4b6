// The route graph: routes as weighted entry edges into ingest steps, Dijkstra from the `available`
// node picking each source's cheapest available route, ties broken by declaration order, and the
// product semantics of datasets downstream of a join (costs add up, the stalest route counts).
import { describe, expect, it } from 'vitest';
import { buildRouteGraph, cheapestRoutes, combineRoutes, routeNodeId, stepNodeId, datasetNodeId, upstreamSources } from '../../runtime/recovery/route-graph.js';
import { stageRoutes } from '../../runtime/recovery/route-option.js';
import { compileRoutes, ingestStep, routeProject } from '../support/route-project.js';

const ROUTES = {
  items: '- { name: last_published, previous_run: true, cost: 50 }\n- { name: mirror_a, location: mirror_a, cost: 2 }\n- { name: mirror_b, location: mirror_b, cost: 2 }\n- { name: old, location: old, pattern: "items_*.xml", cost: 5, staleness: 30d }',
  prices: '- { name: mirror, location: mirror, cost: 3, staleness: 1h }',
};

describe('route graph', () => {
  it('has route -> step edges weighted by cost, step -> dataset -> model -> dataset edges of weight 0', async () => {
    const plan = await compileRoutes(routeProject(ROUTES));
    const g = buildRouteGraph(plan);
    expect(g.edge(routeNodeId('shop.items', 'primary'), stepNodeId('shop.items'))).toEqual({ weight: 0 });
    expect(g.edge(routeNodeId('shop.items', 'mirror_a'), stepNodeId('shop.items'))).toEqual({ weight: 2 });
    expect(g.edge(routeNodeId('shop.items', 'last_published'), stepNodeId('shop.items'))).toEqual({ weight: 50 });
    expect(g.edge(stepNodeId('shop.items'), datasetNodeId('item_tags'))).toEqual({ weight: 0 });
    expect(g.edge(datasetNodeId('prices'), stepNodeId('shop.priced_items'))).toEqual({ weight: 0 });
    expect(g.edge(stepNodeId('shop.priced_items'), datasetNodeId('priced_items'))).toEqual({ weight: 0 });
    expect(g.outEdges('available')).toEqual([]);
  });

  it('orders a stage\'s routes by cost, then declaration order, the primary first', async () => {
    const plan = await compileRoutes(routeProject(ROUTES));
    expect(stageRoutes(plan, ingestStep(plan, 'shop.items')).map((r) => [r.name, r.cost, r.order])).toEqual([
      ['primary', 0, -1], ['mirror_a', 2, 1], ['mirror_b', 2, 2], ['old', 5, 3], ['last_published', 50, 0],
    ]);
    expect(stageRoutes(plan, ingestStep(plan, 'shop.items'))[3]).toMatchObject({ kind: 'location', location: 'old', pattern: 'items_*.xml', stalenessMs: 30 * 86_400_000 });
    // A location route without a pattern keeps the step's.
    expect(stageRoutes(plan, ingestStep(plan, 'shop.prices'))[1]).toMatchObject({ location: 'mirror', pattern: 'prices_*.xml', stalenessMs: 3_600_000 });
  });

  it.each([
    { available: ['primary', 'mirror_a', 'old'], items: 'primary', cost: 0 },
    { available: ['mirror_b', 'old', 'last_published'], items: 'mirror_b', cost: 2 },
    // Equal costs: declaration order decides, whatever Dijkstra's predecessor.
    { available: ['mirror_b', 'mirror_a'], items: 'mirror_a', cost: 2 },
    { available: ['last_published'], items: 'last_published', cost: 50 },
    { available: [], items: undefined, cost: Number.POSITIVE_INFINITY },
  ])('picks the cheapest available route of each source: $available -> $items', async ({ available, items, cost }) => {
    const plan = await compileRoutes(routeProject(ROUTES));
    const best = cheapestRoutes(buildRouteGraph(plan), new Set([...available.map((n) => routeNodeId('shop.items', n)), routeNodeId('shop.prices', 'mirror')]));
    expect(best.get('shop.items')?.route?.name).toBe(items);
    expect(best.get('shop.items')?.cost).toBe(cost);
    expect(best.get('shop.prices')).toMatchObject({ cost: 3, route: { name: 'mirror' } });
    expect([...best.keys()].sort()).toEqual(['shop.items', 'shop.prices']);
  });

  it('finds a dataset\'s upstream sources: its own for bronze, every joined one downstream', async () => {
    const plan = await compileRoutes(routeProject(ROUTES));
    const g = buildRouteGraph(plan);
    expect(upstreamSources(g, 'item_tags')).toEqual(['shop.items']);
    expect(upstreamSources(g, 'priced_items')).toEqual(['shop.items', 'shop.prices']);
    expect(upstreamSources(g, 'nope')).toEqual([]);
  });

  it('combines one route per source: costs add up, staleness is the maximum', () => {
    expect(combineRoutes([{ cost: 2, stalenessMs: 0 }, { cost: 3, stalenessMs: 3_600_000 }, { cost: 0, stalenessMs: 5 }])).toEqual({ cost: 5, stalenessMs: 3_600_000 });
    expect(combineRoutes([])).toEqual({ cost: 0, stalenessMs: 0 });
  });
});
