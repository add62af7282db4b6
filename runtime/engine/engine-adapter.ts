// engine/: the seam between the runtime and whatever executes SQL. Everything engine-specific
// lives in an adapter; the executor sees only this interface (SQLMesh's EngineAdapter pattern).

/** A row as returned by `query`: column name -> JS value (BIGINT as bigint, DATE/TIMESTAMP as string). */
export type Row = Record<string, unknown>;

/**
 * The engine operations the runtime needs. One adapter is one connection: calls on it must be sequential;
 * concurrent work uses one adapter per worker from `connect()`.
 */
export interface EngineAdapter {
  /** Engine name, e.g. `duckdb`. */
  readonly name: string;
  /** Executes one or more statements; rejects with the engine's error. */
  run(sql: string): Promise<void>;
  /** Executes a query and returns every row as an object keyed by column name. */
  query(sql: string): Promise<Row[]>;
  /** Interrupts the statement in flight, if any (used by cancellation). */
  interrupt(): void;
  /**
   * Opens another connection to the same database: it sees the same tables and views and settings,
   * runs its own statement concurrently with this one's, and its `interrupt` stops only its own. Its
   * `close` closes only that connection. The executor gives each worker of its pool one.
   */
  connect(): Promise<EngineAdapter>;
  /** Releases the connection and the database instance. */
  close(): Promise<void>;
}

/** Quotes an SQL identifier for DuckDB/PostgreSQL (`"` doubled). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes an SQL string literal (`'` doubled). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
