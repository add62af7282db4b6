// syncPlanToMeta: catalog and spec rows replaced, operator rows, audit log and settings kept.
import { describe, expect, it } from 'vitest';
import type { PlanControl } from '../../compiler/types/control.js';
import { appendAudit, readAuditLog, readControl, readSetting, setControlFlag, syncPlanToMeta, withMetaStore, writeSetting } from '../../runtime/meta/meta-store.js';
import { auditRecord, tempStore, tinyPlan } from './meta-fixtures.js';

const control = (over: Partial<PlanControl>): PlanControl => ({ flags: [], retry: [], healing: [], timeouts: [], ...over });
const count = (db: string, table: string) => withMetaStore(db, async (e) => Number((await e.query(`SELECT count(*) n FROM ${table}`))[0]!['n']));

describe('syncPlanToMeta', () => {
  it('fills the catalog tables from the plan', async () => {
    const db = tempStore();
    await syncPlanToMeta(db, tinyPlan());
    expect(await count(db, 'stages')).toBe(2);
    expect(await count(db, 'pipelines')).toBe(1);
    const edge = await withMetaStore(db, (e) => e.query('SELECT from_dataset, from_column, to_column, subtype FROM column_lineage'));
    expect(edge).toEqual([{ from_dataset: 'orders', from_column: 'amount', to_column: 'total', subtype: 'AGGREGATION' }]);
    const ds = await withMetaStore(db, (e) => e.query("SELECT columns[1].name AS c FROM datasets WHERE dataset = 'orders'"));
    expect(ds).toEqual([{ c: 'amount' }]);
  });

  it('replaces spec rows and keeps operator rows, the audit log and settings', async () => {
    const db = tempStore();
    await syncPlanToMeta(db, tinyPlan(control({
      flags: [{ scope: 'shop.orders', reason: 'dump late' }],
      retry: [{ scope: 'shop', maxAttempts: 5 }],
      healing: [{ order: 0, scope: '*', on: 'TIMEOUT', action: 'command', command: ['./fix.sh', '--now'], timeoutMs: 2000, maxTimes: 2 }],
    })));
    await setControlFlag(db, { scope: 'shop.order_totals', disabled: true, reason: 'bad numbers', by: 'alice@etl' });
    await appendAudit(db, [auditRecord('r1', 1)]);
    await writeSetting(db, 'profile', 'night', 'bob@etl');
    let c = await readControl(db);
    expect(c.flags.map((f) => [f.scope, f.origin, f.disabled, f.reason])).toEqual([['shop.order_totals', 'operator', true, 'bad numbers'], ['shop.orders', 'spec', true, 'dump late']]);
    expect(c.healing).toEqual([{ order: 0, scope: '*', on: 'TIMEOUT', action: 'command', command: ['./fix.sh', '--now'], timeoutMs: 2000, maxTimes: 2 }]);

    await syncPlanToMeta(db, tinyPlan(control({ flags: [{ scope: 'shop' }] })));
    c = await readControl(db);
    expect(c.flags.map((f) => [f.scope, f.origin, f.reason, f.updated_by])).toEqual([['shop', 'spec', null, 'pipelines.yaml'], ['shop.order_totals', 'operator', 'bad numbers', 'alice@etl']]);
    expect(c.retry).toEqual([]);
    expect(c.healing).toEqual([]);
    expect(await readAuditLog(db)).toHaveLength(1);
    expect(await readSetting(db, 'profile')).toBe('night');

    await syncPlanToMeta(db, tinyPlan()); // a plan without control: no spec rows
    expect((await readControl(db)).flags.map((f) => f.origin)).toEqual(['operator']);
    expect(await count(db, 'stages')).toBe(2);
  });

  it('leaves the store unchanged when the sync fails', async () => {
    const db = tempStore();
    await syncPlanToMeta(db, tinyPlan(control({ flags: [{ scope: 'shop' }] })));
    const broken = tinyPlan(control({ retry: [{ scope: 'shop', maxAttempts: 0 }] })); // violates CHECK (max_attempts >= 1)
    await expect(syncPlanToMeta(db, broken)).rejects.toThrow(/CHECK constraint/);
    expect((await readControl(db)).flags.map((f) => f.scope)).toEqual(['shop']);
    expect(await count(db, 'stages')).toBe(2);
  });
});
