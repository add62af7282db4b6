// ingest/tables: a files-of-tables source (csv, jsonl, parquet; one file per table) into bronze
// Parquet, each table read by DuckDB with exactly the declared column types (no type sniffing), so the
// bronze datasets are what the compiler typed them as.
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LakecError, type FileTablesSource, type PlanTable } from '../../../compiler/index.js';
import { quoteIdent, quoteLiteral, type EngineAdapter } from '../../engine/engine-adapter.js';

/** One table as read: its dataset, the file, rows written and file bytes. */
export interface IngestedTableFile {
  readonly dataset: string;
  /** Absolute path of the file read. */
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
}

/** Options of {@link ingestTableFiles}. */
export interface IngestTableFilesOptions {
  readonly source: FileTablesSource;
  /** Absolute folder holding the tables' files (a local copy for an s3:// location). */
  readonly folder: string;
  /** How to name the folder in messages (the source's location as written). */
  readonly displayFolder: string;
  /** Receives `<outDir>/<dataset>/part-00000.parquet`. */
  readonly outDir: string;
  readonly engine: EngineAdapter;
  readonly signal?: AbortSignal;
  /** Rate limiting: file bytes taken before a table is read, its rows after (see ingestXml's `throttle`). */
  readonly throttle?: (delta: { readonly bytes: number; readonly rows: number }, signal?: AbortSignal) => Promise<void>;
  /** Called after each table with the cumulative rows and bytes. */
  readonly onProgress?: (p: { readonly rows: number; readonly bytes: number; readonly tables: number }) => void;
}

/**
 * Reads every table of `source` from `folder` into Parquet, in the tables file's order. CSV: header row,
 * `,` delimiter, RFC 4180 quotes, an empty field is NULL (https://duckdb.org/docs/stable/data/csv/overview);
 * JSON lines: one object per line, missing keys NULL; Parquet: columns by name, cast to the declared types.
 * @throws LakecError LK6105 when a table's file is missing; LK6104 when a value does not convert to its
 *   declared type, a CSV file is empty (0 bytes, not even a header) or the file is malformed (DuckDB's message, with its line for CSV); `signal.reason`
 *   when aborted (the running statement is interrupted).
 */
export async function ingestTableFiles(options: IngestTableFilesOptions): Promise<IngestedTableFile[]> {
  const { engine, signal } = options;
  const out: IngestedTableFile[] = [];
  const onAbort = (): void => engine.interrupt();
  signal?.addEventListener('abort', onAbort);
  try {
    let rows = 0;
    let bytes = 0;
    for (const table of options.source.tables) {
      signal?.throwIfAborted();
      const file = join(options.folder, table.from);
      const size = await stat(file).then((s) => s.size, () => {
        throw new LakecError({ code: 'LK6105', severity: 'error', message: `no file "${table.from}" for table "${table.dataset}" in "${options.displayFolder}"`, hint: `put ${table.from} there, or set the table's \`from\` in ${options.source.tablesFile}` });
      });
      if (size === 0 && options.source.type === 'csv') {
        // DuckDB reads an empty file as a table with no rows: a truncated export would pass unnoticed.
        throw new LakecError({ code: 'LK6104', severity: 'error', message: `table "${table.dataset}" (${options.displayFolder}/${table.from}) is an empty file: a CSV file starts with its header row`, hint: 'the export was probably cut short; export the table again' });
      }
      await options.throttle?.({ bytes: size, rows: 0 }, signal);
      const dir = join(options.outDir, table.dataset);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const target = join(dir, 'part-00000.parquet');
      let written: number;
      try {
        const result = await engine.query(`COPY (${selectTable(options.source.type, table, file)}) TO ${quoteLiteral(target)} (FORMAT parquet)`);
        written = Number(result[0]?.['Count'] ?? 0);
      } catch (e) {
        signal?.throwIfAborted();
        throw new LakecError({
          code: 'LK6104', severity: 'error',
          message: `table "${table.dataset}" (${options.displayFolder}/${table.from}) does not read as declared: ${firstLine(e)}`,
          hint: `check the file against the columns in ${options.source.tablesFile}`,
        });
      }
      await options.throttle?.({ bytes: 0, rows: written }, signal);
      rows += written;
      bytes += size;
      out.push({ dataset: table.dataset, file, rows: written, bytes: size });
      options.onProgress?.({ rows, bytes, tables: out.length });
    }
    return out;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The SELECT reading one table's file with exactly its declared columns and types. */
export function selectTable(type: FileTablesSource['type'], table: PlanTable, file: string): string {
  const path = quoteLiteral(file);
  const columns = `{${table.columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ')}}`;
  const list = table.columns.map((c) => quoteIdent(c.name)).join(', ');
  switch (type) {
    case 'csv':
      return `SELECT ${list} FROM read_csv(${path}, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', auto_detect = false, columns = ${columns})`;
    case 'jsonl':
      return `SELECT ${list} FROM read_json(${path}, format = 'newline_delimited', columns = ${columns})`;
    case 'parquet':
      return `SELECT ${table.columns.map((c) => `CAST(${quoteIdent(c.name)} AS ${c.type}) AS ${quoteIdent(c.name)}`).join(', ')} FROM read_parquet(${path})`;
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n').slice(0, 3).join(' ').trim();
}
