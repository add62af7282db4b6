// Every SQL example of docs/metadata-store.md runs against a real store (like Kysely's test:jsdocs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, readControl, syncPlanToMeta, withMetaStore } from '../../runtime/meta/meta-store.js';
import { REPO } from '../support/paths.js';
import { auditRecord, tempStore, tinyPlan } from './meta-fixtures.js';

const doc = readFileSync(join(REPO, 'docs', 'metadata-store.md'), 'utf8');
const examples = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());

describe('docs/metadata-store.md SQL examples', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThan(8));

  it('all run, in order, on one store', async () => {
    const db = tempStore();
    await syncPlanToMeta(db, tinyPlan({ flags: [{ scope: 'shop.orders', reason: 'spec says no' }], retry: [], healing: [], timeouts: [] }));
    await appendAudit(db, [auditRecord('r1', 1), auditRecord('r1', 2, { status: 'failed', error_code: 'DATA_INVALID', started_at: new Date().toISOString() })]);
    for (const sql of examples) {
      await withMetaStore(db, (e) => e.query(sql)).catch((err: unknown) => {
        throw new Error(`example failed: ${sql}\n${String(err)}`);
      });
    }
    await withMetaStore(db, (e) => e.run("INSERT INTO control_flags (scope, origin, disabled) VALUES ('shop', 'operator', true), ('shop.order_totals', 'spec', true), ('shop.order_totals', 'operator', false)"));
    const inForce = await withMetaStore(db, (e) => e.query(examples[0]!));
    expect(inForce.map((r) => [r['stage'], r['disabled_by'], r['origin']])).toEqual([
      ['shop.order_totals', 'shop', 'operator'], ['shop.orders', 'shop', 'operator'], ['shop.orders', 'shop.orders', 'spec'],
    ]);
    const c = await readControl(db);
    expect(c.flags.find((f) => f.scope === 'discogs' && f.origin === 'operator')?.disabled).toBe(true);
    expect(c.retry).toContainEqual({ scope: 'discogs.releases', maxAttempts: 6, delayMs: 5000 });
    expect(c.healing[0]).toMatchObject({ action: 'raise_memory_limit', maxMemory: '16GB', maxTimes: 2 });
  });
});
