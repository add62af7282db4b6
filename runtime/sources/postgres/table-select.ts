// sources/postgres: the SELECT that streams one declared table, and the CSV encoding of its rows.
// Values travel as the server's text output (session settings fixed by SESSION_SETTINGS_SQL), which
// DuckDB's read_csv parses into the declared types.
import { quoteIdent } from '../../engine/engine-adapter.js';
import type { PlanTable } from '../../../compiler/types/table-source.js';
import type { ServerColumn } from './server-type-map.js';

/**
 * Session settings that make the text form of values stable and readable by DuckDB: UTC offsets for
 * timestamptz, ISO dates, shortest exact floats (extra_float_digits 1, PostgreSQL ≥ 12), hex bytea.
 */
export const SESSION_SETTINGS_SQL = "SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, YMD'; SET extra_float_digits TO 1; SET bytea_output TO 'hex'; SET IntervalStyle TO 'postgres'";

/**
 * `SELECT <declared columns> FROM "<schema>"."<from>" [ORDER BY <primary key>]`, or FROM `(<query>)` for a
 * table defined by a query. A bytea column is
 * sent as DuckDB's BLOB text form (`\xHH` per byte) so read_csv parses it as BLOB. Without a declared
 * primary key the order is the server's (stable for an unchanged table, not guaranteed).
 */
export function tableSelectSql(schema: string, table: PlanTable, server: readonly ServerColumn[]): string {
  const exprs = table.columns.map((c) => {
    const col = quoteIdent(c.name);
    const s = server.find((x) => x.name === c.name);
    return s?.udtName === 'bytea' ? `regexp_replace(encode(${col}, 'hex'), '(..)', '\\\\x\\1', 'g') AS ${col}` : col;
  });
  const order = table.primaryKey?.length ? ` ORDER BY ${table.primaryKey.map(quoteIdent).join(', ')}` : '';
  const relation = table.query !== undefined ? `(${table.query}) AS lakec_query` : `${quoteIdent(schema)}.${quoteIdent(table.from)}`;
  return `SELECT ${exprs.join(', ')} FROM ${relation}${order}`;
}

/**
 * One CSV record for a row of server text values, in the dialect of ingest/xml/copy-sql.ts: NULL is an
 * empty unquoted field, every other value is quoted with `"` doubled, `,` between fields, `\n` at the end.
 * Deterministic, so the record bytes also serve as the content hash input.
 */
export function csvRecord(row: readonly (string | null)[]): string {
  let out = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) out += ',';
    const v = row[i];
    if (v === null || v === undefined) continue;
    out += v.includes('"') ? `"${v.replace(/"/g, '""')}"` : `"${v}"`;
  }
  return `${out}\n`;
}
