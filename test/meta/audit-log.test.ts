// audit_log and settings: round trips through the store.
import { describe, expect, it } from 'vitest';
import { appendAudit, readAuditLog, readSetting, writeSetting } from '../../runtime/meta/meta-store.js';
import { auditRecord, tempStore } from './meta-fixtures.js';

describe('audit log', () => {
  it('round-trips records, nulls included, ordered by run then seq', async () => {
    const db = tempStore();
    const failed = auditRecord('r2', 1, {
      stage: 'shop.order_totals', attempt: 2, status: 'failed', rows: 12_345_678_901, bytes: 0, error_code: 'ENGINE_OUT_OF_MEMORY', transient: true,
      message: "it's gone", original_error: 'Out of Memory Error: failed to allocate', healing_action: 'raise_memory_limit', healing_outcome: 'healed',
      healing_detail: 'memory_limit 1GB -> 2GB', retry_delay_ms: 0,
    });
    await appendAudit(db, [failed, auditRecord('r1', 2), auditRecord('r1', 1, { transient: false })]);
    const all = await readAuditLog(db);
    expect(all).toEqual([auditRecord('r1', 1, { transient: false }), auditRecord('r1', 2), failed]);
    expect(await readAuditLog(db, { runId: 'r2' })).toEqual([failed]);
    expect(await readAuditLog(db, { stage: 'shop.orders' })).toHaveLength(2);
    expect(await readAuditLog(db, { runId: 'r1', stage: 'shop.order_totals' })).toEqual([]);
  });

  it('is idempotent per (run_id, seq)', async () => {
    const db = tempStore();
    await appendAudit(db, [auditRecord('r1', 1)]);
    await appendAudit(db, [auditRecord('r1', 1, { status: 'failed' }), auditRecord('r1', 2)]);
    expect((await readAuditLog(db)).map((r) => [r.seq, r.status])).toEqual([[1, 'succeeded'], [2, 'succeeded']]);
    await appendAudit(db, []);
  });
});

describe('settings', () => {
  it('reads what was written, last write wins, absent is undefined', async () => {
    const db = tempStore();
    expect(await readSetting(db, 'profile')).toBeUndefined();
    await writeSetting(db, 'profile', 'day', 'a@h');
    await writeSetting(db, 'profile', "night's", 'b@h');
    expect(await readSetting(db, 'profile')).toBe("night's");
    await writeSetting(db, 'profile', null, 'b@h');
    expect(await readSetting(db, 'profile')).toBeNull();
  });
});
