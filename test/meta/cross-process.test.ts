// The store held by another process (an operator's duckdb shell): retried until waitMs, then LK6405.
import { describe, expect, it } from 'vitest';
import { LakecError } from '../../compiler/index.js';
import { parseLockError } from '../../runtime/meta/lock-error.js';
import { exchangeWithMeta, readAuditLog, setControlFlag, withMetaStore } from '../../runtime/meta/meta-store.js';
import { auditRecord, holdStore, tempStore } from './meta-fixtures.js';

describe('metadata store held by another process', () => {
  it('waits for the other process and then succeeds', async () => {
    const db = tempStore();
    await withMetaStore(db, async () => undefined);
    const { exited } = await holdStore(db, 1000);
    const t0 = Date.now();
    const n = await withMetaStore(db, async (e) => Number((await e.query('SELECT count(*) n FROM control_flags'))[0]!['n']), { waitMs: 3000 });
    expect(n).toBe(0);
    expect(Date.now() - t0).toBeGreaterThan(300);
    expect(await exited).toBe(0);
  });

  it('gives up after waitMs with LK6405 naming the file and the holder', async () => {
    const db = tempStore();
    await withMetaStore(db, async () => undefined);
    const { child, exited } = await holdStore(db, 3000);
    const t0 = Date.now();
    const err = await withMetaStore(db, async () => 'opened', { waitMs: 200 }).catch((e: unknown) => e);
    const waited = Date.now() - t0;
    expect(err).toBeInstanceOf(LakecError);
    const d = (err as LakecError).diagnostic;
    expect(d.code).toBe('LK6405');
    expect(d.message).toContain(db);
    expect(d.message).toContain(`PID ${child.pid}`);
    expect(d.hint).toMatch(/duckdb shell/);
    expect(waited).toBeGreaterThanOrEqual(190);
    expect(waited).toBeLessThan(2500); // gave up well before the holder let go
    await exited;
  });

  it('exchangeWithMeta returns undefined while locked and writes nothing; the next exchange delivers', async () => {
    const db = tempStore();
    await setControlFlag(db, { scope: 'shop', disabled: true, reason: 'stop', by: 'op@h' });
    const { exited } = await holdStore(db, 1500);
    const records = [auditRecord('r1', 1), auditRecord('r1', 2)];
    expect(await exchangeWithMeta(db, records, { waitMs: 0 })).toBeUndefined();
    expect(await exchangeWithMeta(db, records, { waitMs: 100 })).toBeUndefined();
    await exited;
    expect(await readAuditLog(db)).toEqual([]);
    const exchanged = await exchangeWithMeta(db, records, { waitMs: 0 });
    expect(exchanged?.flags.map((f) => [f.scope, f.disabled])).toEqual([['shop', true]]);
    expect(exchanged?.profile).toBeUndefined();
    expect(await readAuditLog(db)).toEqual(records);
  });
});

describe('parseLockError', () => {
  it('reads the holder from DuckDB 1.5 wording and ignores other errors', () => {
    const msg = 'IO Error: Could not set lock on file "/l/_meta/lakec.duckdb": Conflicting lock is held in /usr/bin/duckdb (PID 4242). See also https://duckdb.org/docs/stable/connect/concurrency';
    expect(parseLockError(new Error(msg))).toEqual({ program: '/usr/bin/duckdb', pid: 4242 });
    expect(parseLockError(new Error('IO Error: Could not set lock on file "x": Resource temporarily unavailable'))).toEqual({});
    expect(parseLockError(new Error('Catalog Error: Table with name x does not exist!'))).toBeUndefined();
  });
});
