// Data only: sources made of tables — a folder (or s3:// prefix) of CSV, JSON-lines or Parquet files,
// one per table, or the tables of a PostgreSQL schema — declared in a tables file
// (schemas/tables.schema.json) so their bronze datasets are typed at compile time.
import type { ColumnSchema } from './xml-mapping.js';

/** Tabular source types. */
export const TABLE_SOURCE_TYPES = ['csv', 'jsonl', 'parquet', 'postgres'] as const;
export type TableSourceType = (typeof TABLE_SOURCE_TYPES)[number];

/** One table of a tabular source: its bronze dataset, where it comes from, and its declared columns. */
export interface PlanTable {
  /** Bronze dataset name (the table's key in the tables file). */
  readonly dataset: string;
  /**
   * Where the rows come from: for file sources the file name (`pattern` with `{table}` replaced, e.g.
   * `album.csv`); for postgres the table name in `schema`.
   */
  readonly from: string;
  /** postgres only: a SELECT whose rows are the table, instead of the server table `from` (which then names it in messages). */
  readonly query?: string;
  /** Columns in order, DuckDB types (`INTEGER`, `VARCHAR`, `DECIMAL(10,2)`, `TIMESTAMP`, …). */
  readonly columns: readonly ColumnSchema[];
  /** Declared primary key columns (they become unique + not_null rules on the dataset). */
  readonly primaryKey?: readonly string[];
}

/**
 * The libpq environment variables a postgres source reads its connection from (never values: a plan
 * holds no credentials). Defaults are the standard names, PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.
 */
export interface PostgresConnectionEnv {
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

/** The standard libpq variable names (https://www.postgresql.org/docs/current/libpq-envars.html). */
export const LIBPQ_ENV: PostgresConnectionEnv = { host: 'PGHOST', port: 'PGPORT', user: 'PGUSER', password: 'PGPASSWORD', database: 'PGDATABASE' };

/** A source of CSV, JSON-lines or Parquet files, one per table, in a folder or under an `s3://bucket/prefix`. */
export interface FileTablesSource {
  readonly type: 'csv' | 'jsonl' | 'parquet';
  /** Folder (POSIX, relative to the project folder) or `s3://bucket/prefix`. */
  readonly location: string;
  /** File name of each table with `{table}` for its name, e.g. `{table}.csv`. */
  readonly pattern: string;
  /** Tables file, project-relative POSIX path. */
  readonly tablesFile: string;
  readonly tables: readonly PlanTable[];
}

/** The tables of one PostgreSQL schema, read with a streaming cursor. */
export interface PostgresTablesSource {
  readonly type: 'postgres';
  /** Schema on the server, default `public`. */
  readonly schema: string;
  readonly connection: PostgresConnectionEnv;
  readonly tablesFile: string;
  readonly tables: readonly PlanTable[];
}

/** A tabular source as the plan holds it. */
export type TablesSource = FileTablesSource | PostgresTablesSource;
