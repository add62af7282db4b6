// targets/postgres: streams exported rows into the staging table. PostgreSQL: the CSV file through
// `COPY … FROM STDIN` (pg-copy-streams). Redshift has no COPY from a client stream, so there the
// JSON-lines export goes through multi-row INSERTs with bind parameters, in one transaction.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { quoteIdent } from '../../engine/engine-adapter.js';
import type { TargetColumn } from './target-types.js';

/** PostgreSQL's bind-parameter limit per statement is 65535; stay well under it (and Redshift's 16 MB statements). */
const MAX_PARAMS = 32_000;
const MAX_ROWS_PER_INSERT = 1000;

/**
 * `COPY <table> (<columns>) FROM STDIN WITH (FORMAT csv)` fed from `csvPath` (written by DuckDB with
 * FORCE_QUOTE, so NULL is an empty unquoted field and '' is `""`, matching PostgreSQL's CSV rules:
 * https://www.postgresql.org/docs/current/sql-copy.html#COPY-FILE-FORMATS-CSV).
 * @param table already quoted, schema-qualified name
 * @returns rows loaded, as the server counted them
 * @throws the driver's error (the caller maps it)
 */
export async function copyCsvIntoTable(client: pg.Client, table: string, columns: readonly TargetColumn[], csvPath: string): Promise<number> {
  const sql = `COPY ${table} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  const stream = client.query(copyFrom(sql));
  await pipeline(createReadStream(csvPath), stream);
  return stream.rowCount;
}

/**
 * Inserts the rows of `jsonlPath` (one JSON object per line, column name → text or null, as DuckDB's
 * `COPY … (FORMAT json)` writes it) with multi-row `INSERT … VALUES ($1, …), …` statements of at most
 * 1,000 rows, inside one transaction (rolled back on failure). Memory: one statement's rows.
 * @returns rows inserted
 * @throws the driver's error (the caller maps it); `signal.reason` when aborted between statements
 */
export async function insertJsonLinesIntoTable(client: pg.Client, table: string, columns: readonly TargetColumn[], jsonlPath: string, signal?: AbortSignal): Promise<number> {
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMS / Math.max(1, columns.length))));
  const head = `INSERT INTO ${table} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) VALUES `;
  let values: (string | null)[] = [];
  let rows = 0;
  const flush = async (): Promise<void> => {
    if (values.length === 0) return;
    const n = values.length / columns.length;
    const tuples: string[] = [];
    for (let r = 0; r < n; r++) tuples.push(`(${columns.map((c, i) => c.insertParam(`$${r * columns.length + i + 1}`)).join(', ')})`);
    await client.query(head + tuples.join(', '), values);
    rows += n;
    values = [];
  };
  await client.query('BEGIN');
  try {
    const lines = createInterface({ input: createReadStream(jsonlPath, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === '') continue;
      const obj = JSON.parse(line) as Record<string, string | null>;
      for (const c of columns) values.push(obj[c.name] ?? null);
      if (values.length >= perStatement * columns.length) {
        signal?.throwIfAborted();
        await flush();
      }
    }
    await flush();
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return rows;
}
