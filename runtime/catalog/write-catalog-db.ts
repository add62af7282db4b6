// catalog/: writes the metadata catalog into the metadata store (runtime/meta/), the operators'
// interface readable with plain SQL. Replaces the catalog tables in one transaction; the control
// tables, the audit log and the settings are left alone.
import { dirname, resolve } from 'node:path';
import type { Catalog } from '../../compiler/types/catalog.js';
import { inTransaction } from '../meta/in-transaction.js';
import { replaceCatalog } from '../meta/replace-catalog.js';
import { withMetaStore, type MetaStoreOptions } from '../meta/with-meta-store.js';
import { CATALOG_FINGERPRINT_KEY } from '../meta/sync-plan.js';
import { upsertSettingSql } from '../meta/settings.js';

/** Column definitions of every catalog table; defined once in runtime/meta/meta-schema.ts. */
export { CATALOG_TABLES } from '../meta/meta-schema.js';

/**
 * Writes `catalog` into the metadata store at `dbPath` (created with the whole store schema if
 * absent): each table of CATALOG_TABLES is replaced with the catalog's rows, all in one transaction.
 * @throws LakecError LK6405 when another process holds the store for `options.waitMs` (default 5 s);
 *   the engine's error otherwise (the store is then unchanged).
 */
export async function writeCatalogDb(catalog: Catalog, dbPath: string, options?: MetaStoreOptions): Promise<void> {
  const stagingDir = dirname(resolve(dbPath));
  await withMetaStore(dbPath, (engine) => inTransaction(engine, async () => {
    await replaceCatalog(engine, catalog, stagingDir);
    // The catalog now matches this plan: an apply of the same plan need not fill it again.
    await engine.run(upsertSettingSql(CATALOG_FINGERPRINT_KEY, catalog.plan_fingerprint, 'lakec catalog'));
  }), options);
}
