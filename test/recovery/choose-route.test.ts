// Availability and choice of routes on temp folders: the primary first, then the cheapest available
// route (declaration order among equal costs), previous_run against a hand-made active run (staleness,
// definition mismatch), and LK6109 naming every route tried when none is available.
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LakecError } from '../../compiler/index.js';
import { classifyError } from '../../runtime/control/classify-error.js';
import { checkRoute } from '../../runtime/recovery/check-route.js';
import { chooseIngestRoute } from '../../runtime/recovery/choose-route.js';
import { formatStaleness } from '../../runtime/recovery/format-staleness.js';
import { routeAuditMessage } from '../../runtime/recovery/route-message.js';
import { stageRoutes } from '../../runtime/recovery/route-option.js';
import { compileRoutes, fakeActiveRun, ingestStep, ITEMS_XML, putDumps, routeProject } from '../support/route-project.js';

const NOW = new Date('2024-01-03T00:00:00.000Z');
const now = () => NOW;
const DAY = 86_400_000;

async function setup(routes: { items?: string; prices?: string }, dumps = true) {
  const project = routeProject(routes, dumps);
  const plan = await compileRoutes(project);
  return { project, plan, items: ingestStep(plan, 'shop.items') };
}

async function thrown(p: Promise<unknown>): Promise<LakecError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(LakecError);
  return e as LakecError;
}

describe('checkRoute', () => {
  it('a location route is available when its folder holds a matching file; else the LK6105 message says why', async () => {
    const { project, plan, items } = await setup({ items: '- { name: mirror, location: mirror, cost: 2 }\n- { name: old, location: old, pattern: "old_items_*.xml", cost: 3 }' });
    const [primary, mirror, old] = stageRoutes(plan, items);
    const ctx = { projectDir: project, now };
    expect(await checkRoute(primary!, items, ctx)).toMatchObject({ available: true, kind: 'file', file: join(project, 'dumps', 'items_1.xml'), displayPath: 'dumps/items_1.xml', stalenessMs: 0 });
    expect(await checkRoute(mirror!, items, ctx)).toMatchObject({ available: false, reason: 'source folder "mirror" not found' });
    putDumps(project, 'old');
    // The route's own pattern replaces the step's: items_1.xml does not match old_items_*.xml.
    expect(await checkRoute(old!, items, ctx)).toMatchObject({ available: false, reason: 'no file matching "old_items_*.xml" in "old"' });
    renameSync(join(project, 'old', 'items_1.xml'), join(project, 'old', 'old_items_1.xml'));
    expect(await checkRoute(old!, items, ctx)).toMatchObject({ available: true, displayPath: 'old/old_items_1.xml' });
  });

  it('previous_run: available from an active run built from the same definition; staleness = its age + inherited + declared', async () => {
    const { project, plan, items } = await setup({ items: '- { name: last_published, previous_run: true, cost: 50, staleness: 1h }' });
    const route = stageRoutes(plan, items)[1]!;
    const active = fakeActiveRun(plan, '2024-01-01T00:00:00.000Z');
    const ok = await checkRoute(route, items, { projectDir: project, reuse: active, now });
    expect(ok).toMatchObject({ available: true, kind: 'previous_run', fromRun: active.runId, stalenessMs: 2 * DAY + 3_600_000, input: { step: 'shop.items' } });
    expect(ok.available && ok.kind === 'previous_run' && ok.datasets.map((d) => d.name)).toEqual(['items', 'item_tags']);
    // The active run itself took the step from an older run 5 days stale: the data is that much older.
    const inherited = await checkRoute(route, items, { projectDir: project, reuse: fakeActiveRun(plan, '2024-01-01T00:00:00.000Z', { step: 'shop.items', routeStalenessMs: 5 * DAY }), now });
    expect(inherited).toMatchObject({ available: true, stalenessMs: 7 * DAY + 3_600_000 });
  });

  it.each([
    [{}, undefined, 'no active run'],
    [{ step: 'shop.items', definition: true }, true, 'active run 20240101T000000000Z-abcdef built "items" from another definition of the source'],
    [{ step: 'shop.items', missing: true }, true, 'active run 20240101T000000000Z-abcdef has no dataset "items"'],
    [{ step: 'shop.items', noInput: true }, true, 'active run 20240101T000000000Z-abcdef recorded no input for shop.items'],
  ])('previous_run is unavailable when %j: %s', async (change, withRun, reason) => {
    const { project, plan, items } = await setup({ items: '- { name: last_published, previous_run: true, cost: 50 }' });
    const reuse = withRun ? { reuse: fakeActiveRun(plan, '2024-01-01T00:00:00.000Z', change) } : {};
    expect(await checkRoute(stageRoutes(plan, items)[1]!, items, { projectDir: project, ...reuse, now })).toMatchObject({ available: false, reason });
  });
});

describe('chooseIngestRoute', () => {
  it('without declared routes behaves as before: the primary, or its own LK6105 error unchanged', async () => {
    const { project, plan, items } = await setup({});
    expect(await chooseIngestRoute(items, plan, { projectDir: project, now })).toMatchObject({ kind: 'primary', displayPath: 'dumps/items_1.xml', size: Buffer.byteLength(ITEMS_XML) });
    rmSync(join(project, 'dumps', 'items_1.xml'));
    const e = await thrown(chooseIngestRoute(items, plan, { projectDir: project, now }));
    expect(e.diagnostic).toMatchObject({ code: 'LK6105', message: 'no file matching "items_*.xml" in "dumps"' });
    expect(classifyError(e).code).toBe('SOURCE_UNAVAILABLE');
  });

  it('takes the primary when it is there, whatever the routes', async () => {
    const { project, plan, items } = await setup({ items: '- { name: mirror, location: mirror, cost: 2 }' });
    putDumps(project, 'mirror');
    const chosen = await chooseIngestRoute(items, plan, { projectDir: project, now });
    expect(chosen).toMatchObject({ kind: 'primary', displayPath: 'dumps/items_1.xml' });
    expect('route' in chosen).toBe(false);
  });

  it('with the primary missing, takes the cheapest available route and records every cheaper one as tried', async () => {
    const { project, plan, items } = await setup({ items: '- { name: far, location: far, cost: 9, staleness: 2d }\n- { name: mirror, location: mirror, cost: 2 }\n- { name: old, location: old, cost: 5, staleness: 30d }' }, false);
    putDumps(project, 'old');
    putDumps(project, 'far');
    const chosen = await chooseIngestRoute(items, plan, { projectDir: project, now });
    expect(chosen).toMatchObject({ kind: 'location', file: join(project, 'old', 'items_1.xml'), displayPath: 'old/items_1.xml', size: Buffer.byteLength(ITEMS_XML) });
    expect(chosen.kind === 'location' && chosen.route).toEqual({
      name: 'old', kind: 'location', cost: 5, stalenessMs: 30 * DAY, file: 'old/items_1.xml',
      tried: [{ name: 'primary', reason: 'no file matching "items_*.xml" in "dumps"' }, { name: 'mirror', reason: 'source folder "mirror" not found' }],
    });
    expect(routeAuditMessage((chosen as { route: Parameters<typeof routeAuditMessage>[0] }).route)).toBe(
      'used route old (cost 5, staleness 30d) after primary: no file matching "items_*.xml" in "dumps"; mirror: source folder "mirror" not found',
    );
  });

  it('breaks equal costs by declaration order', async () => {
    const { project, plan, items } = await setup({ items: '- { name: second, location: b, cost: 2 }\n- { name: first, location: a, cost: 2 }\n- { name: third, location: c, cost: 2 }' }, false);
    putDumps(project, 'a');
    putDumps(project, 'b');
    putDumps(project, 'c');
    const chosen = await chooseIngestRoute(items, plan, { projectDir: project, now });
    expect(chosen.kind === 'location' && [chosen.route.name, chosen.route.tried.map((t) => t.name)]).toEqual(['second', ['primary']]);
    rmSync(join(project, 'b'), { recursive: true });
    const next = await chooseIngestRoute(items, plan, { projectDir: project, now });
    expect(next.kind === 'location' && [next.route.name, next.route.tried.map((t) => t.name)]).toEqual(['first', ['primary', 'second']]);
  });

  it('previous_run: the active run\'s datasets and input, from that run, as stale as it is old', async () => {
    const { project, plan, items } = await setup({ items: '- { name: mirror, location: mirror, cost: 2 }\n- { name: last_published, previous_run: true, cost: 50 }' }, false);
    const reuse = fakeActiveRun(plan, '2024-01-02T00:00:00.000Z');
    const chosen = await chooseIngestRoute(items, plan, { projectDir: project, reuse, now });
    expect(chosen.kind).toBe('previous_run');
    if (chosen.kind !== 'previous_run') return;
    expect(chosen.datasets.map((d) => d.name)).toEqual(['items', 'item_tags']);
    expect(chosen.input).toEqual(reuse.inputs.get('shop.items'));
    expect(chosen.fromRun).toBe(reuse.runId);
    expect(chosen.route).toEqual({
      name: 'last_published', kind: 'previous_run', cost: 50, stalenessMs: DAY, fromRun: reuse.runId,
      tried: [{ name: 'primary', reason: 'no file matching "items_*.xml" in "dumps"' }, { name: 'mirror', reason: 'source folder "mirror" not found' }],
    });
    expect(routeAuditMessage(chosen.route)).toMatch(/^used route last_published from run 20240101T000000000Z-abcdef \(cost 50, staleness 1d\) after primary: /);
  });

  it('with no route available throws LK6109 naming every route and its reason, classified SOURCE_UNAVAILABLE', async () => {
    const { project, plan, items } = await setup({ items: '- { name: last_published, previous_run: true, cost: 50 }\n- { name: mirror, location: mirror, cost: 2 }' }, false);
    const e = await thrown(chooseIngestRoute(items, plan, { projectDir: project, now }));
    expect(e.diagnostic).toMatchObject({
      code: 'LK6109', severity: 'error',
      message: 'no route to source shop.items is available: primary (no file matching "items_*.xml" in "dumps"), mirror (source folder "mirror" not found), last_published (no active run)',
    });
    expect(e.diagnostic.hint).toMatch(/restore the dump in "dumps".*mirror.*lakec lineage --routes items/);
    expect((e as unknown as { details: unknown }).details).toMatchObject({ stage: 'shop.items', tried: [{ name: 'primary' }, { name: 'mirror' }, { name: 'last_published' }] });
    expect(classifyError(e)).toMatchObject({ code: 'SOURCE_UNAVAILABLE', transient: true });
  });
});

describe('formatStaleness', () => {
  it.each([[0, '0s'], [999, '0s'], [42_000, '42s'], [330_000, '5m30s'], [3_600_000, '1h'], [7_500_000, '2h5m'], [30 * DAY, '30d'], [3 * DAY + 4 * 3_600_000, '3d4h'], [-5, '0s']])('%i ms -> %s', (ms, text) => {
    expect(formatStaleness(ms)).toBe(text);
  });
});
