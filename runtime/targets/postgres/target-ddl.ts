// targets/postgres: the DDL and table names of a published dataset. Pure, so golden tests pin the SQL.
import { createHash } from 'node:crypto';
import type { ColumnSchema } from '../../../compiler/types/xml-mapping.js';
import type { TargetDialect } from '../../../compiler/types/target.js';
import { InternalError } from '../../../compiler/diagnostics/diagnostic.js';
import { quoteIdent } from '../../engine/engine-adapter.js';
import { targetColumn } from './target-types.js';

/** PostgreSQL's (and Redshift's) identifier limit: NAMEDATALEN - 1 bytes; longer names are truncated. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * `CREATE TABLE "<schema>"."<table>" (…)` for `columns` (DuckDB types, mapped by targetColumn), one
 * column per line, no constraints (the lake's validation rules own keys). Redshift DDL differs only in
 * column types (VARCHAR(65535) for text, VARBYTE, CHAR(36) for UUID).
 * @example targetDdl('totals', [{ name: 'id', type: 'INTEGER' }, { name: 'total', type: 'DECIMAL(10,2)' }], 'postgres', 'gold')
 *   // CREATE TABLE "gold"."totals" (\n  "id" INTEGER,\n  "total" NUMERIC(10,2)\n)
 */
export function targetDdl(table: string, columns: readonly ColumnSchema[], dialect: TargetDialect, schema?: string): string {
  const name = schema === undefined ? quoteIdent(table) : `${quoteIdent(schema)}.${quoteIdent(table)}`;
  const lines = columns.map((c) => `  ${quoteIdent(c.name)} ${targetColumn(c.name, c.type, dialect).type}`);
  return `CREATE TABLE ${name} (\n${lines.join(',\n')}\n)`;
}

/** The names one publication uses in the target schema. */
export interface TargetTableNames {
  /** The published table: the dataset name. */
  readonly table: string;
  /** Where rows are loaded before the swap: `<dataset>__lakec_staging`. */
  readonly staging: string;
  /** What the previous table is renamed to inside the swap, then dropped: `<dataset>__lakec_old`. */
  readonly old: string;
}

/**
 * Table names for `dataset`. When `<dataset>__lakec_staging` would exceed 63 bytes the dataset part is
 * shortened and an 8-hex sha256 prefix of the dataset name keeps it unique.
 * @throws InternalError when the dataset name itself exceeds 63 bytes (the compiler must reject it).
 */
export function targetTableNames(dataset: string): TargetTableNames {
  if (Buffer.byteLength(dataset) > MAX_IDENTIFIER_BYTES) throw new InternalError(`dataset name "${dataset}" is longer than PostgreSQL's 63-byte identifier limit`);
  const named = (suffix: string): string => {
    const full = `${dataset}${suffix}`;
    if (Buffer.byteLength(full) <= MAX_IDENTIFIER_BYTES) return full;
    const tag = `_${createHash('sha256').update(dataset).digest('hex').slice(0, 8)}${suffix}`;
    let head = dataset;
    while (Buffer.byteLength(head + tag) > MAX_IDENTIFIER_BYTES) head = head.slice(0, -1);
    return head + tag;
  };
  return { table: dataset, staging: named('__lakec_staging'), old: named('__lakec_old') };
}
