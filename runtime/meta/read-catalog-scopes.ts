// meta/: the scopes a control flag may name, as the store's catalog knows them.
import { withMetaStore, type MetaStoreOptions } from './with-meta-store.js';

/** Pipeline names and stage ids (`<pipeline>.<stage>`) of the catalog tables, each sorted. */
export interface CatalogScopes {
  readonly pipelines: string[];
  readonly stages: string[];
}

/**
 * Reads the pipelines and stages tables (filled by the last apply or `lakec catalog`); both are empty
 * in a store nothing has synced yet.
 * @throws LakecError LK6405 when another process holds the store for `options.waitMs`.
 */
export async function readCatalogScopes(dbPath: string, options?: MetaStoreOptions): Promise<CatalogScopes> {
  return withMetaStore(dbPath, async (engine) => ({
    pipelines: (await engine.query('SELECT pipeline FROM pipelines ORDER BY 1')).map((r) => String(r['pipeline'])),
    stages: (await engine.query('SELECT stage FROM stages ORDER BY 1')).map((r) => String(r['stage'])),
  }), options);
}
