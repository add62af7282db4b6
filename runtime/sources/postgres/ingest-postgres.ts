// sources/postgres: the postgres source entry point: one connection, one read-only snapshot, each
// declared table checked against the catalog and streamed through a cursor into typed bronze Parquet.
// Owns cleanup: on failure or abort the connection is closed, temporary chunks and the parts written
// are removed.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import type { PostgresTablesSource } from '../../../compiler/types/table-source.js';
import type { EngineAdapter } from '../../engine/engine-adapter.js';
import { ParquetConverter } from '../../ingest/xml/parquet-converter.js';
import { checkServerColumns } from './check-server-columns.js';
import { connectPostgres, resolvePostgresConnection, type EnvValues, type ResolvedConnection } from './postgres-connection.js';
import { isPostgresError, postgresFailure } from './postgres-failure.js';
import { streamTable } from './stream-table.js';
import { TableParts } from './table-parts.js';
import { SESSION_SETTINGS_SQL, tableSelectSql } from './table-select.js';

/** Progress counters (cumulative); the names match the XML ingester's so the executor can share them. */
export interface PostgresIngestProgress {
  /** Rows streamed over all tables. */
  readonly rows: number;
  /** Same as `rows` (a row is a record here). */
  readonly records: number;
  /** CSV bytes of the streamed rows (the server's text form; stands in for bytes read). */
  readonly compressedBytes: number;
  /** Same as `compressedBytes`. */
  readonly xmlBytes: number;
}

/** Options of {@link ingestPostgres}. */
export interface IngestPostgresOptions {
  readonly source: PostgresTablesSource;
  /** Where the connection variables named by `source.connection` are looked up (usually `process.env`). */
  readonly env: EnvValues;
  /** Receives `<outDir>/<dataset>/part-NNNNN.parquet` (the run's bronze folder). */
  readonly outDir: string;
  /** Engine converting CSV chunks to Parquet, one statement at a time; reserve it for this call. */
  readonly engine: EngineAdapter;
  /** Directory for temporary CSV chunks (a private subdirectory is made and removed). */
  readonly tmpDir: string;
  /** Aborting closes the connection, removes what was written and rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /** Awaited after each fetched batch with its rows and CSV bytes (rate limiting). */
  readonly throttle?: (delta: { readonly rows: number; readonly bytes: number }, signal?: AbortSignal) => Promise<void>;
  /** Called at most every ~100 ms while streaming, and once at the end. */
  readonly onProgress?: (p: PostgresIngestProgress) => void;
  /** Rows per cursor fetch; default 10,000. */
  readonly batchRows?: number;
  /** CSV bytes per Parquet part; default 32 MiB. */
  readonly chunkBytes?: number;
  /** Label for messages; default `postgres source`. */
  readonly label?: string;
}

/** What {@link ingestPostgres} wrote. */
export interface IngestPostgresResult {
  /** One entry per declared table, in `source.tables` order; each has at least one Parquet file. */
  readonly tables: { dataset: string; rows: number; files: string[] }[];
  readonly rows: number;
  /** CSV bytes of all streamed rows (see PostgresIngestProgress.compressedBytes). */
  readonly bytes: number;
  /**
   * Lowercase hex sha256 of the streamed content: for each table in `source.tables` order, the line
   * `-- <dataset>\n`, then its rows as CSV records (csvRecord) in stream order. Deterministic for
   * unchanged data when the tables declare primary keys (rows are ordered by them).
   */
  readonly sha256: string;
  /** `postgres://HOST:PORT/DATABASE?schema=SCHEMA`: no user, no password. */
  readonly display: string;
}

const DEFAULT_BATCH_ROWS = 10_000;
const DEFAULT_CHUNK_BYTES = 32 * 1024 * 1024;
const PROGRESS_MS = 100;

/**
 * Reads every declared table of `source` in one REPEATABLE READ, READ ONLY transaction (one snapshot
 * for all tables) into Parquet parts with exactly the declared columns and types.
 * @throws LakecError LK6105 (SOURCE_UNAVAILABLE) when the server is unreachable, refuses the login,
 *   the database or a table is missing; LK6409 (SCHEMA_DRIFT) when a declared column is missing or its
 *   server type does not fit the declared type; LK6201 for other server errors; an InternalError when a
 *   conversion to Parquet fails; `signal.reason` when aborted. No message holds the password.
 * @example
 * const r = await ingestPostgres({ source, env: process.env, outDir: '/lake/_runs/r1/bronze',
 *   engine: await openDuckDb(), tmpDir: os.tmpdir() });
 */
export async function ingestPostgres(options: IngestPostgresOptions): Promise<IngestPostgresResult> {
  const { source, signal } = options;
  signal?.throwIfAborted();
  const conn = resolvePostgresConnection(source.connection, options.env);
  const label = options.label ?? 'postgres source';
  const client = await connectPostgres(conn, label, signal);
  const onAbort = (): void => void client.end().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const chunkBytes = Math.max(1024, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  const converter = new ParquetConverter(options.engine, 3 * chunkBytes);
  const parts: TableParts[] = [];
  let workDir: string | undefined;
  try {
    workDir = await mkdtemp(join(options.tmpDir, 'lakec-pg-'));
    const result = await readSnapshot(options, client, conn, label, converter, parts, workDir, chunkBytes);
    await converter.drain(signal);
    return result;
  } catch (e) {
    for (const p of parts) p.abort();
    await converter.stop();
    await removeParts(options.outDir, parts);
    if (signal?.aborted) throw signal.reason;
    throw isPostgresError(e) ? postgresFailure(e, { conn, label, doing: 'reading failed' }) : e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
    if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
  }
}

async function readSnapshot(options: IngestPostgresOptions, client: pg.Client, conn: ResolvedConnection, label: string,
  converter: ParquetConverter, parts: TableParts[], workDir: string, chunkBytes: number): Promise<IngestPostgresResult> {
  const { source } = options;
  const where = `${label} (${conn.display})`;
  await client.query(SESSION_SETTINGS_SQL);
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  const server = await checkServerColumns(client, source.schema, source.tables, where, source.tablesFile);
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  let lastProgress = 0;
  const progress = (force: boolean): void => {
    const now = performance.now();
    if (!options.onProgress || (!force && now - lastProgress < PROGRESS_MS)) return;
    lastProgress = now;
    options.onProgress({ rows, records: rows, compressedBytes: bytes, xmlBytes: bytes });
  };
  const ctx = {
    client, converter, hash, batchRows: options.batchRows ?? DEFAULT_BATCH_ROWS,
    ...(options.signal ? { signal: options.signal } : {}), ...(options.throttle ? { throttle: options.throttle } : {}),
    onBatch: (r: number, b: number) => { rows += r; bytes += b; progress(false); },
  };
  for (const table of source.tables) {
    const tableParts = new TableParts(table.dataset, table.columns, workDir, options.outDir, converter, chunkBytes);
    parts.push(tableParts);
    hash.update(`-- ${table.dataset}\n`);
    await streamTable(ctx, tableSelectSql(source.schema, table, server.get(table.from) ?? []), tableParts);
    tableParts.finish();
  }
  await client.query('COMMIT');
  progress(true);
  return {
    tables: source.tables.map((t, i) => ({ dataset: t.dataset, rows: parts[i]!.rows, files: [...parts[i]!.files] })),
    rows, bytes, sha256: hash.digest('hex'), display: `${conn.display}?schema=${encodeURIComponent(source.schema)}`,
  };
}

/** Removes every part written and each dataset folder this ingest created. Never rejects. */
async function removeParts(outDir: string, parts: readonly TableParts[]): Promise<void> {
  for (const p of parts) {
    for (const f of p.files) await rm(join(outDir, f), { force: true }).catch(() => undefined);
    if (p.createdDir !== undefined) await rm(p.createdDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
