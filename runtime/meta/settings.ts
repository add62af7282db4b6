// meta/: the settings table: named values operators and lakec keep in the store (e.g. the
// scheduling profile). Values are text; callers parse their own.
import { quoteLiteral } from '../engine/engine-adapter.js';
import { NOW_UTC } from './meta-schema.js';
import { withMetaStore, type MetaStoreOptions } from './with-meta-store.js';

/**
 * The value stored under `key`, or undefined when there is no such row (a row holding NULL reads null).
 * @throws LakecError LK6405 when another process holds the store for `options.waitMs`.
 */
export async function readSetting(dbPath: string, key: string, options?: MetaStoreOptions): Promise<string | null | undefined> {
  return withMetaStore(dbPath, async (engine) => {
    const rows = await engine.query(`SELECT value FROM settings WHERE key = ${quoteLiteral(key)}`);
    if (rows.length === 0) return undefined;
    const v = rows[0]!['value'];
    return v === null || v === undefined ? null : String(v);
  }, options);
}

/**
 * Stores `value` under `key` (insert or replace), recording `by` (e.g. `alice@etl-01`) and the time (UTC).
 * @throws LakecError LK6405 when another process holds the store for `options.waitMs`.
 */
export async function writeSetting(dbPath: string, key: string, value: string | null, by: string, options?: MetaStoreOptions): Promise<void> {
  await withMetaStore(dbPath, (engine) => engine.run(upsertSettingSql(key, value, by)), options);
}

/** The statement storing `value` under `key` (insert or replace) with `by` and the time (UTC), for an open store. */
export function upsertSettingSql(key: string, value: string | null, by: string): string {
  return `INSERT INTO settings (key, value, updated_by, updated_at)
    VALUES (${quoteLiteral(key)}, ${value === null ? 'NULL' : quoteLiteral(value)}, ${quoteLiteral(by)}, ${NOW_UTC})
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`;
}
