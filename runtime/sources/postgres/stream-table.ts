// sources/postgres: streams one table through a server-side cursor into CSV batches (see TableParts),
// hashing every record and taking throttle tokens per batch.
import type { Hash } from 'node:crypto';
import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { ParquetConverter } from '../../ingest/xml/parquet-converter.js';
import { csvRecord } from './table-select.js';
import type { TableParts } from './table-parts.js';

/** Every value as the server's text (no JS parsing of numbers, dates or bytea). */
const TEXT_TYPES = { getTypeParser: () => (value: string) => value };

/** How one table is streamed; counters are shared over the tables of one ingest. */
export interface StreamContext {
  readonly client: pg.Client;
  readonly converter: ParquetConverter;
  readonly hash: Hash;
  /** Rows per cursor fetch. */
  readonly batchRows: number;
  readonly signal?: AbortSignal;
  readonly throttle?: (delta: { readonly rows: number; readonly bytes: number }, signal?: AbortSignal) => Promise<void>;
  /** Called after each batch with the rows and CSV bytes of that batch. */
  readonly onBatch: (rows: number, bytes: number) => void;
}

/**
 * Runs `sql` (from tableSelectSql) with a cursor, appending each fetched batch to `parts` as CSV records
 * and to `ctx.hash`; after each batch waits for conversion room and for throttle tokens (that batch's
 * rows and CSV bytes). Closes the cursor when done.
 * @throws the driver's error (the caller maps it, see postgresFailure); the converter's first failure;
 *   `signal.reason` when aborted while waiting.
 */
export async function streamTable(ctx: StreamContext, sql: string, parts: TableParts): Promise<void> {
  const cursor = ctx.client.query(new Cursor<(string | null)[]>(sql, [], { rowMode: 'array', types: TEXT_TYPES }));
  for (;;) {
    ctx.signal?.throwIfAborted();
    const rows = await cursor.read(ctx.batchRows);
    if (rows.length > 0) {
      let text = '';
      let maxLine = 0;
      for (const row of rows) {
        const record = csvRecord(row);
        if (record.length > maxLine) maxLine = record.length;
        text += record;
      }
      const bytes = Buffer.from(text, 'utf8');
      ctx.hash.update(bytes);
      // UTF-8 needs at most 3 bytes per UTF-16 unit: a safe bound for DuckDB's line buffer.
      parts.append(bytes, rows.length, maxLine * 3);
      ctx.onBatch(rows.length, bytes.length);
      if (!ctx.converter.hasRoom) await ctx.converter.waitForRoom(ctx.signal);
      if (ctx.throttle) await ctx.throttle({ rows: rows.length, bytes: bytes.length }, ctx.signal);
    }
    if (rows.length < ctx.batchRows) break;
  }
  await cursor.close();
}
