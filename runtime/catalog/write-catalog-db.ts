// catalog/: writes the metadata catalog as tables of a DuckDB database (the operators' interface:
// readable with plain SQL). Replaces the catalog tables in one transaction; other tables are left alone.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Catalog } from '../../compiler/types/catalog.js';
import { openDuckDb } from '../engine/duckdb-adapter.js';
import { quoteIdent, quoteLiteral } from '../engine/engine-adapter.js';

/** Column definitions of every catalog table (DuckDB types), in column order. Documented in README.md. */
export const CATALOG_TABLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  pipelines: { pipeline: 'VARCHAR', description: 'VARCHAR', stage_count: 'INTEGER' },
  stages: { stage: 'VARCHAR', pipeline: 'VARCHAR', kind: 'VARCHAR', layer: 'VARCHAR', file: 'VARCHAR', description: 'VARCHAR', depends_on: 'VARCHAR[]', data_fingerprint: 'VARCHAR' },
  sources: { source: 'VARCHAR', pipeline: 'VARCHAR', stage: 'VARCHAR', type: 'VARCHAR', location: 'VARCHAR', pattern: 'VARCHAR', mapping_file: 'VARCHAR', tables: 'VARCHAR[]' },
  targets: { dataset: 'VARCHAR', stage: 'VARCHAR', pipeline: 'VARCHAR', layer: 'VARCHAR', format: 'VARCHAR', path: 'VARCHAR' },
  datasets: { dataset: 'VARCHAR', layer: 'VARCHAR', pipeline: 'VARCHAR', stage: 'VARCHAR', columns: 'STRUCT(name VARCHAR, type VARCHAR)[]' },
  validation_rules: { rule_id: 'VARCHAR', pipeline: 'VARCHAR', dataset: 'VARCHAR', kind: 'VARCHAR', severity: 'VARCHAR', definition: 'JSON' },
  dataset_lineage: { from_dataset: 'VARCHAR', to_dataset: 'VARCHAR' },
  column_lineage: { from_dataset: 'VARCHAR', from_column: 'VARCHAR', to_dataset: 'VARCHAR', to_column: 'VARCHAR', type: 'VARCHAR', subtype: 'VARCHAR' },
};

/**
 * Writes `catalog` into the DuckDB database at `dbPath` (created if absent): each table of
 * CATALOG_TABLES is replaced with the catalog's rows, all in one transaction.
 * @throws the engine's error (e.g. the database is locked by another process).
 */
export async function writeCatalogDb(catalog: Catalog, dbPath: string): Promise<void> {
  await mkdir(dirname(dbPath), { recursive: true });
  const engine = await openDuckDb({ path: dbPath });
  const staged: string[] = [];
  try {
    await engine.run('BEGIN TRANSACTION');
    for (const [table, columns] of Object.entries(CATALOG_TABLES)) {
      const rows = (catalog as unknown as Record<string, unknown[]>)[table] ?? [];
      const file = join(dirname(dbPath), `.${table}.${randomUUID()}.json`);
      await writeFile(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
      staged.push(file);
      const spec = Object.entries(columns).map(([c, t]) => `${quoteLiteral(c)}: ${quoteLiteral(t)}`).join(', ');
      const cols = Object.entries(columns).map(([c, t]) => `${quoteIdent(c)} ${t}`).join(', ');
      await engine.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} (${cols})`);
      if (rows.length) await engine.run(`INSERT INTO ${quoteIdent(table)} SELECT * FROM read_json(${quoteLiteral(file)}, format = 'newline_delimited', columns = {${spec}})`);
    }
    await engine.run('COMMIT');
  } catch (e) {
    await engine.run('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await engine.close();
    await Promise.all(staged.map((f) => rm(f, { force: true })));
  }
}
