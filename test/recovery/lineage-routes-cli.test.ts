// `lakec lineage --routes DATASET`: every route to a dataset's sources in preference order, the one an
// apply would take now marked `*`, unavailable ones with their reason; `--json` gives the listing.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRoutes, type RouteListing } from '../../runtime/recovery/list-routes.js';
import { compileRoutes, fakeActiveRun, putDumps, routeProject } from '../support/route-project.js';
import { runCli } from '../support/run-cli.js';

const ROUTES = {
  items: '- { name: last_published, previous_run: true, cost: 50 }\n- { name: mirror, location: mirror, cost: 2 }',
  prices: '- { name: old, location: old, cost: 5, staleness: 30d }',
};

describe('listRoutes', () => {
  it('lists a bronze dataset\'s source routes in preference order with availability and the chosen one', async () => {
    const project = routeProject(ROUTES);
    const plan = await compileRoutes(project);
    const listing = await listRoutes(plan, 'item_tags', { projectDir: project, now: () => new Date() });
    expect(listing).toEqual({
      dataset: 'item_tags',
      sources: [{
        stage: 'shop.items', routes: [
          { name: 'primary', kind: 'primary', cost: 0, stalenessMs: 0, location: 'dumps', pattern: 'items_*.xml', file: 'dumps/items_1.xml', available: true, chosen: true },
          { name: 'mirror', kind: 'location', cost: 2, stalenessMs: 0, location: 'mirror', pattern: 'items_*.xml', available: false, reason: 'source folder "mirror" not found', chosen: false },
          { name: 'last_published', kind: 'previous_run', cost: 50, stalenessMs: 0, available: false, reason: 'no active run', chosen: false },
        ],
      }],
      cheapest: { cost: 0, stalenessMs: 0 },
    });
  });

  it('lists every upstream source of a joined dataset; the cheapest combination sums costs and takes the stalest', async () => {
    const project = routeProject(ROUTES, false);
    putDumps(project, 'mirror');
    putDumps(project, 'old');
    const plan = await compileRoutes(project);
    const now = new Date('2024-01-03T00:00:00.000Z');
    const listing = await listRoutes(plan, 'priced_items', { projectDir: project, reuse: fakeActiveRun(plan, '2024-01-01T00:00:00.000Z'), now: () => now });
    expect(listing.sources.map((s) => [s.stage, s.routes.map((r) => `${r.chosen ? '*' : ''}${r.name}:${r.available}`)])).toEqual([
      ['shop.items', ['primary:false', '*mirror:true', 'last_published:true']],
      ['shop.prices', ['primary:false', '*old:true']],
    ]);
    expect(listing.sources[0]!.routes[2]).toMatchObject({ stalenessMs: 2 * 86_400_000, fromRun: '20240101T000000000Z-abcdef' });
    expect(listing.cheapest).toEqual({ cost: 7, stalenessMs: 30 * 86_400_000 });
    rmSync(join(project, 'old'), { recursive: true });
    const none = await listRoutes(plan, 'priced_items', { projectDir: project, now: () => now });
    expect(none.cheapest).toBeUndefined();
  });

  it('refuses an unknown dataset with LK3001 and a did-you-mean', async () => {
    const project = routeProject(ROUTES);
    const plan = await compileRoutes(project);
    await expect(listRoutes(plan, 'price', { projectDir: project, now: () => new Date() })).rejects.toMatchObject({ diagnostic: { code: 'LK3001', hint: 'did you mean "prices"?' } });
  });
});

describe('lakec lineage --routes', () => {
  it('prints one block per source, * on the route taken now, reasons for unavailable ones', async () => {
    const project = routeProject(ROUTES);
    putDumps(project, 'old');
    const r = await runCli(['lineage', 'priced_items', '--routes', '--project', project, '--lake', join(project, 'lake')], project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'routes to priced_items (2 sources; preference order: cost, then declaration; * = taken now):',
      '  shop.items',
      '  * primary         primary       cost  0  staleness 0s      dumps/items_1.xml',
      '    mirror          location      cost  2  staleness 0s      unavailable: source folder "mirror" not found',
      '    last_published  previous_run  cost 50  staleness 0s      unavailable: no active run',
      '  shop.prices',
      '  * primary         primary       cost  0  staleness 0s      dumps/prices_1.xml',
      '    old             location      cost  5  staleness 30d     old/prices_1.xml',
      'cheapest combination now: cost 0, staleness 0s (a join needs every source: costs add up, the stalest source counts)',
      '',
    ].join('\n'));
  });

  it('after an apply, with the dumps gone, the active run serves as last_published (JSON)', async () => {
    const project = routeProject(ROUTES);
    const lake = join(project, 'lake');
    const applied = await runCli(['apply', '--project', project, '--lake', lake], project);
    expect(applied.code, applied.stderr).toBe(0);
    rmSync(join(project, 'dumps'), { recursive: true });
    const r = await runCli(['lineage', 'items', '--routes', '--json', '--project', project, '--lake', lake], project);
    expect(r.code, r.stderr).toBe(0);
    const listing = JSON.parse(r.stdout) as RouteListing;
    expect(listing.sources[0]!.routes.map((x) => [x.name, x.available, x.chosen])).toEqual([['primary', false, false], ['mirror', false, false], ['last_published', true, true]]);
    expect(listing.sources[0]!.routes[2]!.fromRun).toMatch(/^\d{8}T/);
    expect(listing.sources[0]!.routes[0]!.reason).toBe('source folder "dumps" not found');
    const text = await runCli(['lineage', 'items', '--routes', '--project', project, '--lake', lake], project);
    expect(text.stdout).toMatch(/\* last_published +previous_run +cost 50 +staleness \S+ +run \d{8}T/);
  });

  it('an unknown dataset is LK3001 (exit 1); a source with no route says the apply would fail', async () => {
    const project = routeProject(ROUTES, false);
    const unknown = await runCli(['lineage', 'nope', '--routes', '--project', project], project);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/LK3001/);
    const r = await runCli(['lineage', 'prices', '--routes', '--project', project, '--lake', join(project, 'lake')], project);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(no route available: an apply now fails with LK6109\)\n$/);
  });
});
