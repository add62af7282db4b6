// targets/postgres: the postgres target entry point. After promotion, each chosen dataset is loaded into
// a staging table and swapped in by renames in one transaction; re-publishing a run is a no-op per table.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { InternalError } from '../../../compiler/diagnostics/diagnostic.js';
import type { ColumnSchema } from '../../../compiler/types/xml-mapping.js';
import type { PlanTarget } from '../../../compiler/types/target.js';
import { quoteIdent, type EngineAdapter } from '../../engine/engine-adapter.js';
import { connectPostgres, resolvePostgresConnection, type EnvValues, type ResolvedConnection } from '../../sources/postgres/postgres-connection.js';
import { isPostgresError, postgresFailure } from '../../sources/postgres/postgres-failure.js';
import { exportSql, parquetParts, parquetRowCount } from './export-rows.js';
import { copyCsvIntoTable, insertJsonLinesIntoTable } from './load-staging.js';
import { runComment, swapTable, tableComment } from './swap-table.js';
import { targetDdl, targetTableNames } from './target-ddl.js';
import { targetColumn } from './target-types.js';

/** One dataset to publish: its name (the table name), its Parquet folder in the promoted run, its columns. */
export interface PublishDataset {
  readonly name: string;
  /** Absolute folder of the dataset's `*.parquet` parts (e.g. `<lake>/_runs/<run>/gold/<name>`). */
  readonly dir: string;
  /** Columns in order with DuckDB types (the plan's dataset schema). */
  readonly columns: readonly ColumnSchema[];
}

/** Options of {@link publishToPostgres}. */
export interface PublishToPostgresOptions {
  readonly target: PlanTarget;
  readonly datasets: readonly PublishDataset[];
  /** DuckDB, to read the Parquet parts; one statement at a time. */
  readonly engine: EngineAdapter;
  /** Where the variables named by `target.connection` are looked up (usually `process.env`). */
  readonly env: EnvValues;
  /** The promoted run: recorded in each table's comment; a table already naming it is skipped. */
  readonly runId: string;
  /** Aborting closes the connection (an open swap rolls back) and rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /** Directory for the temporary export files (a private subdirectory is made and removed); default os.tmpdir(). */
  readonly tmpDir?: string;
}

/** What one dataset's publication did. */
export interface PublishedTable {
  readonly dataset: string;
  /** Rows of the dataset (loaded, or already there when skipped). */
  readonly rows: number;
  /** Wall time for this table, milliseconds. */
  readonly ms: number;
  /** True when the table already carried this run's comment, so nothing was written. */
  readonly skipped: boolean;
}

/**
 * Publishes each dataset as table `<target.schema>.<name>`: CREATE SCHEMA IF NOT EXISTS; then per
 * dataset (in the given order) unless its table's comment already names `runId`: drop a leftover
 * staging table, create `<name>__lakec_staging` (targetDdl), load it (PostgreSQL: COPY FROM STDIN of a
 * DuckDB CSV export; Redshift dialect: multi-row INSERTs), ANALYZE it, and swap it in (swapTable).
 * Readers of the published table see the old rows or the new ones, never an empty or partial table.
 * @throws LakecError LK6105 when the server is unreachable or refuses the login, LK6201 for other server
 *   errors (e.g. no privilege, a view depending on the table); an InternalError for a dataset that
 *   `target.datasets` does not list or a folder without Parquet parts; `signal.reason` when aborted. No message holds the password.
 * @example
 * await publishToPostgres({ target, datasets: [{ name: 'sales', dir: '/lake/_runs/r1/gold/sales', columns }],
 *   engine, env: process.env, runId: 'r1' });
 */
export async function publishToPostgres(options: PublishToPostgresOptions): Promise<{ tables: PublishedTable[] }> {
  const { target, signal } = options;
  signal?.throwIfAborted();
  const stray = options.datasets.find((d) => !target.datasets.includes(d.name));
  if (stray) throw new InternalError(`dataset "${stray.name}" is not published by target "${target.id}"`);
  const conn = resolvePostgresConnection(target.connection, options.env);
  const label = `postgres target "${target.id}"`;
  const client = await connectPostgres(conn, label, signal);
  const onAbort = (): void => void client.end().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const workDir = await mkdtemp(join(options.tmpDir ?? tmpdir(), 'lakec-publish-'));
  const tables: PublishedTable[] = [];
  let current = '';
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(target.schema)}`);
    for (const dataset of options.datasets) {
      signal?.throwIfAborted();
      current = dataset.name;
      tables.push(await publishOne(options, client, dataset, workDir));
    }
    return { tables };
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw isPostgresError(e) ? postgresFailure(e, { conn, label, doing: current ? `publishing "${current}" failed` : 'preparing the schema failed' }) : e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  }
}

async function publishOne(options: PublishToPostgresOptions, client: pg.Client, dataset: PublishDataset, workDir: string): Promise<PublishedTable> {
  const { target, engine } = options;
  const started = performance.now();
  const names = targetTableNames(dataset.name);
  const parts = await parquetParts(dataset.dir);
  if ((await tableComment(client, target.schema, names.table)) === runComment(options.runId)) {
    return { dataset: dataset.name, rows: await parquetRowCount(engine, parts), ms: performance.now() - started, skipped: true };
  }
  const staging = `${quoteIdent(target.schema)}.${quoteIdent(names.staging)}`;
  const columns = dataset.columns.map((c) => targetColumn(c.name, c.type, target.dialect));
  await client.query(`DROP TABLE IF EXISTS ${staging}`);
  await client.query(targetDdl(names.staging, dataset.columns, target.dialect, target.schema));
  const file = join(workDir, `${dataset.name}.${target.dialect === 'postgres' ? 'csv' : 'jsonl'}`);
  let rows: number;
  try {
    await engine.run(exportSql(parts, columns, file, target.dialect === 'postgres' ? 'csv' : 'json'));
    options.signal?.throwIfAborted();
    rows = target.dialect === 'postgres'
      ? await copyCsvIntoTable(client, staging, columns, file)
      : await insertJsonLinesIntoTable(client, staging, columns, file, options.signal);
  } finally {
    await rm(file, { force: true });
  }
  await client.query(`ANALYZE ${staging}`);
  await swapTable(client, target.schema, names, options.runId, target.dialect);
  return { dataset: dataset.name, rows, ms: performance.now() - started, skipped: false };
}
