// The store's schema: created on first open, idempotent, versioned.
import { describe, expect, it } from 'vitest';
import { LakecError } from '../../compiler/index.js';
import { CATALOG_TABLES, CONTROL_TABLES, META_SCHEMA_VERSION, withMetaStore } from '../../runtime/meta/meta-store.js';
import { tempStore } from './meta-fixtures.js';

const tablesOf = (db: string) => withMetaStore(db, async (e) => (await e.query('SELECT table_name FROM duckdb_tables() ORDER BY 1')).map((r) => String(r['table_name'])));

describe('metadata store schema', () => {
  it('creates every table once, folder included, and keeps one version row', async () => {
    const db = tempStore();
    const first = await tablesOf(db);
    expect(first).toEqual([...Object.keys(CATALOG_TABLES), ...Object.keys(CONTROL_TABLES)].sort());
    await withMetaStore(db, (e) => e.run(`DROP TABLE schema_version; CREATE TABLE schema_version (version INTEGER NOT NULL, migrated_at TIMESTAMP)`));
    expect(await tablesOf(db)).toEqual(first); // re-running the DDL over existing tables is harmless
    const versions = await withMetaStore(db, (e) => e.query('SELECT version FROM schema_version'));
    expect(versions).toEqual([{ version: META_SCHEMA_VERSION }]);
  });

  it('columns follow the definitions', async () => {
    const db = tempStore();
    const cols = await withMetaStore(db, (e) => e.query("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'control_flags' ORDER BY column_index"));
    expect(cols.map((c) => [c['column_name'], c['data_type']])).toEqual(Object.entries(CONTROL_TABLES['control_flags']!.columns));
  });

  it('refuses a store written by a newer lakec (LK6404)', async () => {
    const db = tempStore();
    await withMetaStore(db, (e) => e.run(`UPDATE schema_version SET version = ${META_SCHEMA_VERSION + 1}`));
    const err = await withMetaStore(db, async () => 0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LakecError);
    expect((err as LakecError).diagnostic.code).toBe('LK6404');
  });

  it('rejects an origin other than spec or operator', async () => {
    const db = tempStore();
    await expect(withMetaStore(db, (e) => e.run("INSERT INTO control_flags (scope, origin, disabled) VALUES ('shop', 'admin', true)"))).rejects.toThrow(/CHECK constraint/);
  });
});
