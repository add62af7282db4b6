// meta/: replaces the catalog tables of an open store with one catalog's rows. The caller owns the
// transaction (syncPlanToMeta and writeCatalogDb both wrap this in inTransaction).
import type { Catalog } from '../../compiler/index.js';
import type { EngineAdapter } from '../engine/engine-adapter.js';
import { quoteIdent } from '../engine/engine-adapter.js';
import { insertJsonLines } from './insert-rows.js';
import { CATALOG_TABLES } from './meta-schema.js';

/**
 * Empties every table of CATALOG_TABLES and fills it from `catalog` (bulk, via staged JSON lines in
 * `stagingDir`, normally the store's folder). Other tables are not touched.
 * @throws the engine's error; the caller rolls its transaction back.
 */
export async function replaceCatalog(engine: EngineAdapter, catalog: Catalog, stagingDir: string): Promise<void> {
  for (const [table, columns] of Object.entries(CATALOG_TABLES)) {
    const rows = (catalog as unknown as Record<string, readonly unknown[] | undefined>)[table] ?? [];
    await engine.run(`DELETE FROM ${quoteIdent(table)}`);
    await insertJsonLines(engine, table, columns, rows, stagingDir);
  }
}

