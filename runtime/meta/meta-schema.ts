// meta/: the one definition of the metadata store's tables (`<lake>/_meta/lakec.duckdb`). Every table
// is documented column by column in docs/metadata-store.md; keep the two in step.
import { LakecError } from '../../compiler/index.js';
import type { EngineAdapter } from '../engine/engine-adapter.js';
import { quoteIdent } from '../engine/engine-adapter.js';
import { AUDIT_LOG_COLUMNS } from '../control/audit-record.js';

/** Column name -> DuckDB type, in column order. */
export type ColumnTypes = Readonly<Record<string, string>>;

/**
 * One table of the store. `columns` holds bare types (they double as `read_json` column specs);
 * `clauses` adds per-column constraints (`NOT NULL`, `DEFAULT`, `CHECK`).
 */
export interface MetaTable {
  readonly columns: ColumnTypes;
  readonly primaryKey?: readonly string[];
  readonly clauses?: Readonly<Record<string, string>>;
}

/**
 * The catalog tables, derived from the plan alone (compiler/plan/build-catalog.ts); field names of
 * compiler/types/catalog.ts map 1:1 to columns. Replaced as a whole by `lakec catalog` and every sync.
 */
export const CATALOG_TABLES: Readonly<Record<string, ColumnTypes>> = {
  pipelines: { pipeline: 'VARCHAR', description: 'VARCHAR', stage_count: 'INTEGER' },
  stages: { stage: 'VARCHAR', pipeline: 'VARCHAR', kind: 'VARCHAR', layer: 'VARCHAR', file: 'VARCHAR', description: 'VARCHAR', depends_on: 'VARCHAR[]', data_fingerprint: 'VARCHAR' },
  sources: { source: 'VARCHAR', pipeline: 'VARCHAR', stage: 'VARCHAR', type: 'VARCHAR', location: 'VARCHAR', pattern: 'VARCHAR', mapping_file: 'VARCHAR', tables: 'VARCHAR[]' },
  targets: { dataset: 'VARCHAR', stage: 'VARCHAR', pipeline: 'VARCHAR', layer: 'VARCHAR', format: 'VARCHAR', path: 'VARCHAR' },
  datasets: { dataset: 'VARCHAR', layer: 'VARCHAR', pipeline: 'VARCHAR', stage: 'VARCHAR', columns: 'STRUCT(name VARCHAR, type VARCHAR)[]' },
  validation_rules: { rule_id: 'VARCHAR', pipeline: 'VARCHAR', dataset: 'VARCHAR', kind: 'VARCHAR', severity: 'VARCHAR', definition: 'JSON' },
  dataset_lineage: { from_dataset: 'VARCHAR', to_dataset: 'VARCHAR' },
  column_lineage: { from_dataset: 'VARCHAR', from_column: 'VARCHAR', to_dataset: 'VARCHAR', to_column: 'VARCHAR', type: 'VARCHAR', subtype: 'VARCHAR' },
};

const ORIGIN = `NOT NULL CHECK (origin IN ('spec', 'operator'))`;
/** SQL for "now" as a UTC TIMESTAMP; every `updated_at` in the store is UTC. */
export const NOW_UTC = `(now() AT TIME ZONE 'UTC')`;
const UPDATED_AT = `NOT NULL DEFAULT ${NOW_UTC}`;

/** The control tables: kill switches, retry policies, healing actions, audit log, settings. */
export const CONTROL_TABLES: Readonly<Record<string, MetaTable>> = {
  control_flags: {
    columns: { scope: 'VARCHAR', origin: 'VARCHAR', disabled: 'BOOLEAN', reason: 'VARCHAR', updated_by: 'VARCHAR', updated_at: 'TIMESTAMP' },
    primaryKey: ['scope', 'origin'],
    clauses: { scope: 'NOT NULL', origin: ORIGIN, disabled: 'NOT NULL', updated_at: UPDATED_AT },
  },
  retry_policies: {
    columns: { scope: 'VARCHAR', origin: 'VARCHAR', max_attempts: 'INTEGER', backoff: 'VARCHAR', delay_ms: 'BIGINT', max_delay_ms: 'BIGINT', jitter: 'DOUBLE', updated_at: 'TIMESTAMP' },
    primaryKey: ['scope', 'origin'],
    clauses: {
      scope: 'NOT NULL', origin: ORIGIN, max_attempts: 'CHECK (max_attempts >= 1)', backoff: `CHECK (backoff IN ('fixed', 'linear', 'exponential'))`,
      delay_ms: 'CHECK (delay_ms >= 0)', max_delay_ms: 'CHECK (max_delay_ms >= 0)', jitter: 'CHECK (jitter BETWEEN 0 AND 1)', updated_at: UPDATED_AT,
    },
  },
  healing_actions: {
    columns: {
      origin: 'VARCHAR', ord: 'INTEGER', scope: 'VARCHAR', on_code: 'VARCHAR', message_pattern: 'VARCHAR', action: 'VARCHAR', command: 'VARCHAR[]',
      timeout_ms: 'BIGINT', max_memory: 'VARCHAR', max_ratio: 'DOUBLE', max_times: 'INTEGER', updated_at: 'TIMESTAMP',
    },
    primaryKey: ['origin', 'ord'],
    clauses: { origin: ORIGIN, scope: 'NOT NULL', on_code: 'NOT NULL', action: 'NOT NULL', max_times: 'NOT NULL DEFAULT 1 CHECK (max_times >= 1)', updated_at: UPDATED_AT },
  },
  audit_log: { columns: AUDIT_LOG_COLUMNS, primaryKey: ['run_id', 'seq'] },
  settings: {
    columns: { key: 'VARCHAR', value: 'VARCHAR', updated_by: 'VARCHAR', updated_at: 'TIMESTAMP' },
    primaryKey: ['key'],
    clauses: { updated_at: UPDATED_AT },
  },
  schema_version: { columns: { version: 'INTEGER', migrated_at: 'TIMESTAMP' }, clauses: { version: 'NOT NULL', migrated_at: UPDATED_AT } },
};

/**
 * Version of the table layout above. Bump it when a table changes and add the migration to
 * `ensureMetaSchema`; the single row of `schema_version` records the version a store was written with.
 */
export const META_SCHEMA_VERSION = 1;

/** `CREATE TABLE IF NOT EXISTS` for one table. */
export function createTableSql(name: string, table: MetaTable): string {
  const cols = Object.entries(table.columns).map(([c, t]) => `${quoteIdent(c)} ${t}${table.clauses?.[c] ? ` ${table.clauses[c]}` : ''}`);
  if (table.primaryKey) cols.push(`PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(name)} (${cols.join(', ')});`;
}

/** DDL of the whole store: every table, then the version row when there is none. Idempotent. */
export function metaSchemaSql(): string {
  const tables = [
    ...Object.entries(CATALOG_TABLES).map(([name, columns]) => createTableSql(name, { columns })),
    ...Object.entries(CONTROL_TABLES).map(([name, table]) => createTableSql(name, table)),
  ];
  return [...tables, `INSERT INTO schema_version (version) SELECT ${META_SCHEMA_VERSION} WHERE NOT EXISTS (SELECT 1 FROM schema_version);`].join('\n');
}

/**
 * Creates whatever part of the schema is missing. Cheap on a current store: one query of
 * `schema_version`, no DDL.
 * @throws LakecError LK6404 when the store was written by a newer lakec (a higher schema version).
 */
export async function ensureMetaSchema(engine: EngineAdapter, dbPath: string): Promise<void> {
  const version = await storedVersion(engine);
  if (version === META_SCHEMA_VERSION) return;
  if (version !== undefined && version > META_SCHEMA_VERSION) {
    throw new LakecError({
      code: 'LK6404', severity: 'error',
      message: `metadata store "${dbPath}" has schema version ${version}; this lakec knows up to ${META_SCHEMA_VERSION}`,
      hint: 'upgrade lakec, or move the file away to start a fresh store (operator flags and the audit log are then lost)',
    });
  }
  await engine.run(metaSchemaSql());
}

async function storedVersion(engine: EngineAdapter): Promise<number | undefined> {
  try {
    const rows = await engine.query('SELECT max(version) AS v FROM schema_version');
    const v = rows[0]?.['v'];
    return v === null || v === undefined ? undefined : Number(v);
  } catch {
    return undefined;
  }
}
