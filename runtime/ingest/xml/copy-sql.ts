// ingest/xml: the DuckDB statements that turn a CSV chunk (or nothing) into one Parquet part.
import type { ColumnSchema } from '../../../compiler/types/xml-mapping.js';
import { quoteIdent, quoteLiteral } from '../../engine/engine-adapter.js';

/** DuckDB's default `max_line_size` (bytes); longer records need it raised. */
const DEFAULT_MAX_LINE = 2 * 1024 * 1024;

/**
 * `COPY` of one CSV chunk to a zstd Parquet file with exactly `columns` (names, order, types).
 * The CSV dialect is row-arena.ts's: `"` quotes and escapes, NULL = empty unquoted field.
 * @param maxLineBytes longest record of the chunk in bytes (sizes DuckDB's line buffer)
 */
export function csvToParquetSql(csvPath: string, partPath: string, columns: readonly ColumnSchema[], maxLineBytes: number): string {
  const cols = columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ');
  const maxLine = Math.max(DEFAULT_MAX_LINE, maxLineBytes + 1024);
  const options = [
    `columns = {${cols}}`,
    'header = false',
    'auto_detect = false',
    "delim = ','",
    `quote = '"'`,
    `escape = '"'`,
    "nullstr = ''",
    'allow_quoted_nulls = false',
    "new_line = '\\n'",
    'strict_mode = true',
    `max_line_size = ${maxLine}`,
    ...(maxLine > DEFAULT_MAX_LINE ? [`buffer_size = ${maxLine * 2}`] : []),
  ].join(', ');
  return `COPY (SELECT * FROM read_csv(${quoteLiteral(csvPath)}, ${options})) TO ${quoteLiteral(partPath)} (FORMAT parquet, COMPRESSION zstd)`;
}

/** `COPY` writing a Parquet file with `columns` and no rows (so downstream SQL can always read the table). */
export function emptyParquetSql(partPath: string, columns: readonly ColumnSchema[]): string {
  const select = columns.map((c) => `CAST(NULL AS ${c.type}) AS ${quoteIdent(c.name)}`).join(', ');
  return `COPY (SELECT ${select} LIMIT 0) TO ${quoteLiteral(partPath)} (FORMAT parquet, COMPRESSION zstd)`;
}
