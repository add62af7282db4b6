// diffPlans on hand-built plans: every change kind and category, downstream impact, datasets, rules.
import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../compiler/index.js';
import type { ModifiedStep, PlanDiff, StepDiff } from '../../compiler/index.js';
import type { PlanStep } from '../../compiler/types/plan.js';
import { buildTestPlan, ingest, model, rule, type ModelSpec } from './plan-builder.js';

const SRC = ingest({ kind: 'ingest', id: 'p.raw', outputs: ['raw'] });
const BASE: ModelSpec = { id: 'p.orders', deps: ['p.raw'], cols: [['id', 'BIGINT'], ['amount', 'DOUBLE'], ['status', 'VARCHAR']] };
/** p.raw -> p.orders -> {p.totals (reads amount), p.statuses (reads status)} -> p.report (reads totals). */
function project(orders: Partial<ModelSpec> = {}): PlanStep[] {
  const o = model({ ...BASE, ...orders });
  // Downstream column tokens are the fingerprints of the order columns they read, as the compiler's are.
  const fpOf = (name: string) => o.columnFingerprints[o.columns.findIndex((c) => c.name === name)] ?? 'gone';
  const totals = model({ id: 'p.totals', layer: 'gold', deps: ['p.orders'], cols: [['total', 'DOUBLE', `sum(${fpOf('amount')})`]], rows: `all-of:${o.fingerprint.rows}` });
  return [
    SRC,
    o,
    model({ id: 'p.statuses', layer: 'gold', deps: ['p.orders'], cols: [['status', 'VARCHAR', fpOf('status')]], rows: `distinct:${o.fingerprint.rows}` }),
    totals,
    model({ id: 'p.report', layer: 'gold', deps: ['p.totals'], cols: [['total', 'DOUBLE', `copy(${totals.columnFingerprints[0]})`]], rows: `report:${totals.fingerprint.rows}` }),
  ];
}

const step = (d: PlanDiff, id: string): StepDiff => d.steps.find((s) => s.id === id)!;
const modified = (d: PlanDiff, id: string): ModifiedStep => {
  const s = step(d, id);
  expect(s.change).toBe('modified');
  return s as ModifiedStep;
};
const changes = (d: PlanDiff) => Object.fromEntries(d.steps.map((s) => [s.id, s.change]));

describe('diffPlans: presence', () => {
  const old = buildTestPlan(project());

  it('without an old plan, every step is added', () => {
    const d = diffPlans(undefined, old);
    expect(d.steps.every((s) => s.change === 'added')).toBe(true);
    expect(d.oldFingerprint).toBeUndefined();
    expect(d.newFingerprint).toBe(old.fingerprint);
    expect(d.summary.steps.added).toBe(5);
    expect(d.summary.hasChanges).toBe(true);
    expect(d.datasets.map((x) => x.change)).toEqual(['added', 'added', 'added', 'added', 'added']);
  });

  it('identical plans: everything unchanged, no changes', () => {
    const d = diffPlans(old, buildTestPlan(project()));
    expect(new Set(Object.values(changes(d)))).toEqual(new Set(['unchanged']));
    expect(d.summary).toMatchObject({ hasChanges: false, pipelinesChanged: false, settingsChanged: [], steps: { unchanged: 5, modified: 0 } });
    expect(d.datasets).toEqual([]);
    expect(d.validations).toEqual([]);
  });

  it('a kill switch, a priority or a publication target changed: a change of settings, no step modified', () => {
    const base = buildTestPlan(project());
    const next = {
      ...base,
      control: { ...base.control, flags: [{ scope: 'p.orders', reason: 'late dump' }] },
      schedule: { ...base.schedule, stages: base.schedule.stages.map((s) => (s.stage === 'p.report' ? { ...s, priority: 'critical' as const } : s)) },
    };
    const d = diffPlans(base, next);
    expect(d.summary).toMatchObject({ hasChanges: true, settingsChanged: ['control', 'schedule'], steps: { modified: 0, unchanged: 5 } });
    const withTarget = { ...base, targets: [{ id: 'p.wh', pipeline: 'p', type: 'postgres' as const, schema: 'mart', dialect: 'postgres' as const, datasets: ['report'], system: 'postgres', connection: { host: 'PGHOST', port: 'PGPORT', user: 'PGUSER', password: 'PGPASSWORD', database: 'PGDATABASE' } }] };
    expect(diffPlans(base, withTarget).summary.settingsChanged).toEqual(['targets']);
  });

  it('lists added and removed steps, sorted by id whatever the plan order', () => {
    const steps = project();
    const next = buildTestPlan([...steps.filter((s) => s.id !== 'p.report'), model({ id: 'p.audit', deps: ['p.orders'], cols: [['id', 'BIGINT']] })].reverse());
    const d = diffPlans(old, next);
    expect(d.steps.map((s) => s.id)).toEqual(['p.audit', 'p.orders', 'p.raw', 'p.report', 'p.statuses', 'p.totals']);
    expect(changes(d)).toMatchObject({ 'p.audit': 'added', 'p.report': 'removed', 'p.orders': 'unchanged' });
    expect(step(d, 'p.report')).toMatchObject({ kind: 'model', layer: 'gold', pipeline: 'p' });
    expect(d.datasets).toEqual([{ name: 'audit', change: 'added', details: [] }, { name: 'report', change: 'removed', details: [] }]);
  });

  it('is pure: frozen inputs, same output twice', () => {
    const next = buildTestPlan(project({ def: 'v2', cols: [...BASE.cols, ['note', 'VARCHAR']] }));
    const freeze = (x: unknown): void => {
      if (x && typeof x === 'object') {
        Object.freeze(x);
        Object.values(x).forEach(freeze);
      }
    };
    freeze(old);
    freeze(next);
    expect(diffPlans(old, next)).toEqual(diffPlans(old, next));
  });
});

describe('diffPlans: categories of a modified model', () => {
  const old = buildTestPlan(project());

  it('a column added is non-breaking and affects nothing downstream', () => {
    const d = diffPlans(old, buildTestPlan(project({ def: 'v2', cols: [...BASE.cols, ['note', 'VARCHAR']] })));
    const m = modified(d, 'p.orders');
    expect(m).toMatchObject({ direct: true, dataChanged: true, category: 'non-breaking', reasons: ['column added: note'], affectedDownstream: [] });
    expect(m.columns).toEqual({ added: ['note'], removed: [], renamed: [], typeChanged: [], valuesChanged: [] });
    expect(changes(d)).toMatchObject({ 'p.totals': 'unchanged', 'p.statuses': 'unchanged', 'p.report': 'unchanged' });
  });

  it('a column removed is breaking', () => {
    const d = diffPlans(old, buildTestPlan(project({ def: 'v2', cols: [['id', 'BIGINT'], ['amount', 'DOUBLE']] })));
    const m = modified(d, 'p.orders');
    expect(m.category).toBe('breaking');
    expect(m.columns.removed).toEqual(['status']);
    expect(m.reasons).toEqual(['column removed: status']);
  });

  it('a removed and an added column at the same position are a rename', () => {
    const d = diffPlans(old, buildTestPlan(project({ def: 'v2', cols: [['id', 'BIGINT'], ['amount_usd', 'DOUBLE', 'amount'], ['status', 'VARCHAR']] })));
    const m = modified(d, 'p.orders');
    expect(m.columns).toMatchObject({ added: [], removed: [], renamed: [{ from: 'amount', to: 'amount_usd' }] });
    expect(m).toMatchObject({ category: 'breaking', reasons: ['column renamed: amount -> amount_usd'] });
  });

  it('a column type change is breaking', () => {
    const d = diffPlans(old, buildTestPlan(project({ def: 'v2', cols: [['id', 'BIGINT'], ['amount', 'DECIMAL(18,2)'], ['status', 'VARCHAR']] })));
    const m = modified(d, 'p.orders');
    expect(m.columns.typeChanged).toEqual([{ name: 'amount', from: 'DOUBLE', to: 'DECIMAL(18,2)' }]);
    expect(m).toMatchObject({ category: 'breaking', reasons: ['column type changed: amount DOUBLE -> DECIMAL(18,2)'] });
  });

  it("an existing column's values changing is breaking, and only the models reading it are affected", () => {
    const d = diffPlans(old, buildTestPlan(project({ def: 'v2', cols: [['id', 'BIGINT'], ['amount', 'DOUBLE', 'amount * 1.1'], ['status', 'VARCHAR']] })));
    const m = modified(d, 'p.orders');
    expect(m.columns.valuesChanged).toEqual(['amount']);
    expect(m).toMatchObject({ category: 'breaking', direct: true, reasons: ['values can change in column amount'] });
    expect(m.affectedDownstream).toEqual(['p.report', 'p.totals']);
    expect(modified(d, 'p.totals')).toMatchObject({ direct: false, category: 'breaking', reasons: ['values can change in column total'], affectedDownstream: [] });
    expect(step(d, 'p.statuses').change).toBe('unchanged');
    expect(d.summary.steps).toMatchObject({ modified: 3, direct: 1, indirect: 2, breaking: 3 });
  });

  it('row logic: "row logic changed" on the edited model, "upstream rows changed" below it', () => {
    const d = diffPlans(old, buildTestPlan(project({ def: 'v2', rows: 'where status <> cancelled' })));
    const m = modified(d, 'p.orders');
    expect(m.reasons).toEqual(['row logic changed', 'values can change in all 3 columns']);
    expect(m.columns.valuesChanged).toEqual(['id', 'amount', 'status']);
    expect(m.affectedDownstream).toEqual(['p.report', 'p.statuses', 'p.totals']);
    const s = modified(d, 'p.statuses');
    expect(s).toMatchObject({ direct: false, category: 'breaking' });
    expect(s.reasons).toEqual(['upstream rows changed', 'values can change in column status']);
  });

  it('a description edit is metadata only: non-breaking, no rebuild, nothing downstream', () => {
    const d = diffPlans(old, buildTestPlan(project({ description: 'all orders' })));
    expect(modified(d, 'p.orders')).toMatchObject({
      direct: true, dataChanged: false, category: 'non-breaking', reasons: ['description changed'], affectedDownstream: [],
    });
    expect(d.summary.steps).toMatchObject({ modified: 1, nonBreaking: 1, unchanged: 4 });
  });

  it('a rule severity in the metadata fingerprint is metadata only too', () => {
    const d = diffPlans(old, buildTestPlan(project({ meta: 'warn' })));
    expect(modified(d, 'p.orders').reasons).toEqual(['metadata changed (validation rule severities)']);
  });

  it('a definition edit that changes no column or rows is non-breaking', () => {
    const d = diffPlans(old, buildTestPlan(project({ def: 'v2 (a CTE extracted)' })));
    expect(modified(d, 'p.orders')).toMatchObject({ category: 'non-breaking', reasons: ["definition changed without changing any column's values or the rows"] });
  });

  it('a column reorder is non-breaking; a layer move is breaking', () => {
    const reordered = diffPlans(old, buildTestPlan(project({ def: 'v2', cols: [['amount', 'DOUBLE'], ['id', 'BIGINT'], ['status', 'VARCHAR']] })));
    expect(modified(reordered, 'p.orders')).toMatchObject({ category: 'non-breaking', reasons: ['column order changed'] });
    const moved = diffPlans(old, buildTestPlan(project({ layer: 'gold' })));
    expect(modified(moved, 'p.orders')).toMatchObject({ category: 'breaking', direct: true, reasons: ['layer changed: silver -> gold'] });
    expect(moved.datasets).toEqual([{ name: 'orders', change: 'modified', details: ['layer silver -> gold'] }]);
  });

  it('several changes at once: breaking reasons first, columns listed in detail', () => {
    const d = diffPlans(old, buildTestPlan(project({ def: 'v2', cols: [['id', 'VARCHAR'], ['amount', 'DOUBLE'], ['total', 'DOUBLE'], ['x', 'INTEGER']] })));
    const m = modified(d, 'p.orders');
    expect(m.columns).toEqual({ added: ['x'], removed: [], renamed: [{ from: 'status', to: 'total' }], typeChanged: [{ name: 'id', from: 'BIGINT', to: 'VARCHAR' }], valuesChanged: [] });
    expect(m.reasons).toEqual(['column renamed: status -> total', 'column type changed: id BIGINT -> VARCHAR', 'column added: x']);
  });
});

describe('diffPlans: ingest steps, datasets and rules', () => {
  it('an ingest definition change is breaking "source definition changed"', () => {
    const old = buildTestPlan([SRC]);
    const d = diffPlans(old, buildTestPlan([ingest({ kind: 'ingest', id: 'p.raw', outputs: ['raw'], def: 'other-pattern' })]));
    expect(modified(d, 'p.raw')).toMatchObject({ kind: 'ingest', direct: true, category: 'breaking', reasons: ['source definition changed'] });
    const meta = diffPlans(old, buildTestPlan([ingest({ kind: 'ingest', id: 'p.raw', outputs: ['raw'], description: 'raw dump' })]));
    expect(modified(meta, 'p.raw')).toMatchObject({ category: 'non-breaking', dataChanged: false, reasons: ['description changed'] });
  });

  it('lists validation rules added, removed and modified with the fields that changed', () => {
    const old = buildTestPlan(project(), [rule('a_nn', 'orders'), rule('b_nn', 'orders'), rule('c_nn', 'orders')]);
    const next = buildTestPlan(project(), [rule('a_nn', 'orders', { severity: 'warn' }), rule('c_nn', 'orders'), rule('d_nn', 'orders', { columns: ['status'] })]);
    const d = diffPlans(old, next);
    expect(d.validations).toEqual([
      { id: 'a_nn', change: 'modified', fields: ['severity'] },
      { id: 'b_nn', change: 'removed', fields: [] },
      { id: 'd_nn', change: 'added', fields: [] },
    ]);
    expect(d.summary.validations).toEqual({ added: 1, removed: 1, modified: 1 });
    expect(d.summary.hasChanges).toBe(true);
  });

  it('a dataset whose columns change is listed as modified', () => {
    const d = diffPlans(buildTestPlan(project()), buildTestPlan(project({ def: 'v2', cols: [['id', 'BIGINT']] })));
    expect(d.datasets).toEqual([{ name: 'orders', change: 'modified', details: ['columns'] }]);
  });
});
