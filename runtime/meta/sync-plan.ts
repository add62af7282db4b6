// meta/: brings the store in line with a plan on apply: the catalog and the spec's control rows.
import { dirname, resolve } from 'node:path';
import { buildCatalog, type Plan } from '../../compiler/index.js';
import type { EngineAdapter } from '../engine/engine-adapter.js';
import { upsertSettingSql } from './settings.js';
import { specControlRows } from './control-rows.js';
import { inTransaction } from './in-transaction.js';
import { insertValues, type InsertRow } from './insert-rows.js';
import { CONTROL_TABLES } from './meta-schema.js';
import { replaceCatalog } from './replace-catalog.js';
import { withMetaStore, type MetaStoreOptions } from './with-meta-store.js';

/**
 * In one transaction: replaces the catalog tables with `buildCatalog(plan)` and the `origin = 'spec'`
 * rows of control_flags, retry_policies and healing_actions with `plan.control` (none when absent).
 * Operator rows, audit_log and other settings are left as they are. The catalog is rebuilt only when
 * the plan fingerprint differs from the one recorded with it (setting `catalog_plan_fingerprint`), so
 * re-applying the same plan costs one small transaction. About 0.1 s for the Discogs example; several
 * seconds for a 10,000-model plan with 1.1 million column-lineage edges (see docs/metadata-store.md).
 * @throws LakecError LK6405 when another process holds the store for `options.waitMs`; the engine's
 *   error otherwise (the store is then unchanged).
 */
export async function syncPlanToMeta(dbPath: string, plan: Plan, options?: MetaStoreOptions): Promise<void> {
  const stagingDir = dirname(resolve(dbPath));
  await withMetaStore(dbPath, (engine) => inTransaction(engine, async () => {
    const recorded = await engine.query(`SELECT value FROM settings WHERE key = '${CATALOG_FINGERPRINT_KEY}'`);
    if (recorded[0]?.['value'] !== plan.fingerprint) {
      await replaceCatalog(engine, buildCatalog(plan), stagingDir);
      await engine.run(upsertSettingSql(CATALOG_FINGERPRINT_KEY, plan.fingerprint, 'lakec apply'));
    }
    await replaceSpecControl(engine, plan);
  }), options);
}

/** Settings key holding the fingerprint of the plan the catalog tables were last filled from. */
export const CATALOG_FINGERPRINT_KEY = 'catalog_plan_fingerprint';

async function replaceSpecControl(engine: EngineAdapter, plan: Plan): Promise<void> {
  const rows = specControlRows(plan.control);
  const tables: Record<string, readonly object[]> = { control_flags: rows.flags, retry_policies: rows.retry, healing_actions: rows.healing };
  for (const [table, tableRows] of Object.entries(tables)) {
    await engine.run(`DELETE FROM ${table} WHERE origin = 'spec'`);
    const { updated_at: _stamped, ...columns } = CONTROL_TABLES[table]!.columns;
    await insertValues(engine, table, columns, tableRows as readonly InsertRow[]);
  }
}
