// test/fast-types/: the bundled DuckDB as the oracle for the fast inferer: declares tables, serializes
// SQL with json_serialize_sql, and answers `DESCRIBE <query>`.
import { DuckDBInstance, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema } from '../../../compiler/types/xml-mapping.js';

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** An in-memory DuckDB with helpers for the oracle tests. Close it when done. */
export class DuckOracle {
  private readonly schemas = new Set(['main']);
  private constructor(private readonly instance: DuckDBInstance, readonly connection: DuckDBConnection) {}

  static async open(): Promise<DuckOracle> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    return new DuckOracle(instance, await instance.connect());
  }

  /** Creates empty table main.`name`, and a view of it in each schema of `layers`. */
  async declare(name: string, columns: readonly ColumnSchema[], layers: readonly string[] = []): Promise<void> {
    const cols = columns.map((c) => `${q(c.name)} ${c.type}`).join(', ');
    await this.connection.run(`CREATE OR REPLACE TABLE main.${q(name)} (${cols})`);
    await this.addViews(name, layers);
  }

  /** Creates main.`name` as the (empty) result of `sql`, plus layer views; returns its columns, or undefined when DuckDB rejects it. */
  async materialize(name: string, sql: string, layers: readonly string[] = []): Promise<ColumnSchema[] | undefined> {
    try {
      await this.connection.run(`CREATE OR REPLACE TABLE main.${q(name)} AS SELECT * FROM (${sql}\n) LIMIT 0`);
    } catch {
      return undefined;
    }
    await this.addViews(name, layers);
    const reader = await this.connection.runAndReadAll(`SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = $1 ORDER BY column_index`, [name]);
    return reader.getRowObjects().map((r) => ({ name: String(r['column_name']), type: String(r['data_type']) }));
  }

  private async addViews(name: string, layers: readonly string[]): Promise<void> {
    for (const layer of layers) {
      if (!this.schemas.has(layer)) {
        await this.connection.run(`CREATE SCHEMA IF NOT EXISTS ${q(layer)}`);
        this.schemas.add(layer);
      }
      await this.connection.run(`CREATE OR REPLACE VIEW ${q(layer)}.${q(name)} AS SELECT * FROM main.${q(name)}`);
    }
  }

  /** DESCRIBE's columns of `sql`, or undefined when DuckDB cannot bind it. */
  async describe(sql: string): Promise<ColumnSchema[] | undefined> {
    try {
      const reader = await this.connection.runAndReadAll(`DESCRIBE ${sql.replace(/[\s;]+$/u, '')}`);
      return reader.getRowObjects().map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
    } catch {
      return undefined;
    }
  }

  /** json_serialize_sql's statements[0] of each SQL text (undefined on a parse error). */
  async serialize(sqls: readonly string[]): Promise<unknown[]> {
    if (!sqls.length) return [];
    const reader = await this.connection.runAndReadAll('SELECT json_serialize_sql(unnest($1::VARCHAR[])) AS j', [listValue([...sqls])]);
    return reader.getRowObjects().map((r) => {
      const parsed = JSON.parse(String(r['j'])) as { error?: boolean; statements?: unknown[] };
      return parsed.error ? undefined : parsed.statements?.[0];
    });
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
