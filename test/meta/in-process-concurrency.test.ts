// withMetaStore in one process: calls on one file take turns, never overlap, never fail.
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appendAudit, readAuditLog, withMetaStore } from '../../runtime/meta/meta-store.js';
import { auditRecord, tempStore } from './meta-fixtures.js';

describe('withMetaStore in one process', () => {
  it('serialises 40 parallel calls on one file', async () => {
    const db = tempStore();
    let active = 0;
    let maxActive = 0;
    const calls = Array.from({ length: 40 }, (_, i) => withMetaStore(db, async (e) => {
      active++;
      maxActive = Math.max(maxActive, active);
      await e.run(`INSERT INTO settings (key, value) VALUES ('k${i}', '${i}')`);
      if (i % 5 === 0) await sleep(5);
      active--;
      return i;
    }));
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(maxActive).toBe(1);
    expect(await withMetaStore(db, async (e) => Number((await e.query('SELECT count(*) n FROM settings'))[0]!['n']))).toBe(40);
  });

  it('treats a path through a symlinked folder as the same file', async () => {
    const db = tempStore();
    await withMetaStore(db, async () => undefined);
    const alias = join(dirname(dirname(db)), 'alias');
    symlinkSync(dirname(db), alias);
    let active = 0;
    let maxActive = 0;
    const use = (path: string) => withMetaStore(path, async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await sleep(10);
      active--;
    });
    await Promise.all([use(db), use(join(alias, 'lakec.duckdb')), use(db), use(join(alias, 'lakec.duckdb'))]);
    expect(maxActive).toBe(1);
  });

  it('moves on after a call throws', async () => {
    const db = tempStore();
    const failing = withMetaStore(db, async () => {
      throw new Error('boom');
    });
    const next = appendAudit(db, [auditRecord('r', 1)]);
    await expect(failing).rejects.toThrow('boom');
    await next;
    expect(await readAuditLog(db)).toHaveLength(1);
  });
});
