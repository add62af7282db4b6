// The DuckDB engine adapter over @duckdb/node-api (https://duckdb.org/docs/stable/clients/node_neo/overview).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { EngineAdapter, Row } from './engine-adapter.js';

/** Options for an embedded DuckDB engine. */
export interface DuckDbOptions {
  /** Database file, or `:memory:` (default). */
  readonly path?: string;
  /** DuckDB `threads` setting; default: DuckDB's own (cores). */
  readonly threads?: number;
  /** DuckDB `memory_limit`, e.g. `'1GB'`. */
  readonly memoryLimit?: string;
  /** Directory for DuckDB's spill files. */
  readonly tempDirectory?: string;
}

/**
 * Opens an embedded DuckDB database and one connection to it.
 * @throws the engine's error when the database file cannot be opened.
 */
export async function openDuckDb(options: DuckDbOptions = {}): Promise<EngineAdapter> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config['threads'] = String(options.threads);
  if (options.memoryLimit !== undefined) config['memory_limit'] = options.memoryLimit;
  if (options.tempDirectory !== undefined) config['temp_directory'] = options.tempDirectory;
  const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
  const connection = await instance.connect();
  return new DuckDbAdapter(instance, connection);
}

class DuckDbAdapter implements EngineAdapter {
  readonly name = 'duckdb';
  /** `ownsInstance`: closing this adapter also closes the database (the first connection does). */
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly ownsInstance = true,
  ) {}

  async connect(): Promise<EngineAdapter> {
    return new DuckDbAdapter(this.instance, await this.instance.connect(), false);
  }

  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  async query(sql: string): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjects() as Row[];
  }

  interrupt(): void {
    this.connection.interrupt();
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}
