// meta/: inserts JS rows into a store table. Small batches go inline as VALUES; large ones are
// staged as newline-delimited JSON next to the database and read with DuckDB's read_json.
import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InternalError } from '../../compiler/index.js';
import type { EngineAdapter } from '../engine/engine-adapter.js';
import { quoteIdent, quoteLiteral } from '../engine/engine-adapter.js';
import type { ColumnTypes } from './meta-schema.js';

/** A row to insert: column name -> value (missing or undefined = NULL). */
export type InsertRow = Readonly<Record<string, unknown>>;

/**
 * Inserts `rows` into `table` with one INSERT … VALUES statement; values are cast to the column types.
 * Meant for tens to hundreds of rows (audit batches, control rows); use insertJsonLines for bulk.
 * @param verb `INSERT` or `INSERT OR IGNORE` (skip rows whose primary key exists).
 * @throws InternalError for a value SQL cannot hold (non-finite number, object in a scalar column).
 */
export async function insertValues(engine: EngineAdapter, table: string, columns: ColumnTypes, rows: readonly InsertRow[], verb: 'INSERT' | 'INSERT OR IGNORE' = 'INSERT'): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const tuples = rows.map((r) => `(${names.map((c) => sqlValue(r[c], columns[c]!)).join(', ')})`);
  await engine.run(`${verb} INTO ${quoteIdent(table)} (${names.map(quoteIdent).join(', ')}) VALUES ${tuples.join(',\n')}`);
}

/**
 * Inserts `rows` into `table` by staging them as newline-delimited JSON in `stagingDir` and reading
 * that with `read_json` (fast for 100,000s of rows; JSON field names are the column names). The
 * staged file is removed before returning.
 */
export async function insertJsonLines(engine: EngineAdapter, table: string, columns: ColumnTypes, rows: readonly unknown[], stagingDir: string): Promise<void> {
  if (rows.length === 0) return;
  const file = join(stagingDir, `.${table}.${randomUUID()}.jsonl`);
  try {
    await writeJsonLines(file, rows);
    const spec = Object.entries(columns).map(([c, t]) => `${quoteLiteral(c)}: ${quoteLiteral(t)}`).join(', ');
    const names = Object.keys(columns).map(quoteIdent).join(', ');
    await engine.run(`INSERT INTO ${quoteIdent(table)} (${names}) SELECT ${names} FROM read_json(${quoteLiteral(file)}, format = 'newline_delimited', columns = {${spec}})`);
  } finally {
    await rm(file, { force: true });
  }
}

/** Rows per write while staging: bounds memory and keeps clear of V8's maximum string length. */
const STAGE_CHUNK_ROWS = 20_000;

async function writeJsonLines(file: string, rows: readonly unknown[]): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (let i = 0; i < rows.length; i += STAGE_CHUNK_ROWS) {
      let text = '';
      for (const row of rows.slice(i, i + STAGE_CHUNK_ROWS)) text += JSON.stringify(row) + '\n';
      await handle.write(text);
    }
  } finally {
    await handle.close();
  }
}

/** SQL literal of `value` cast to `type` (a DuckDB type; `…[]` for lists of scalars). */
export function sqlValue(value: unknown, type: string): string {
  if (value === null || value === undefined) return `NULL::${type}`;
  if (Array.isArray(value)) {
    const item = type.endsWith('[]') ? type.slice(0, -2) : 'VARCHAR';
    return `[${value.map((v) => sqlValue(v, item)).join(', ')}]::${type}`;
  }
  switch (typeof value) {
    case 'boolean':
      return `${value ? 'TRUE' : 'FALSE'}::${type}`;
    case 'bigint':
      return `${value}::${type}`;
    case 'number':
      if (!Number.isFinite(value)) throw new InternalError(`cannot store ${value} in a ${type} column`);
      return `${value}::${type}`;
    case 'string':
      return `${quoteLiteral(value)}::${type}`;
    default:
      throw new InternalError(`cannot store a ${typeof value} in a ${type} column`);
  }
}
