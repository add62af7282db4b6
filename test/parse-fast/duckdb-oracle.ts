// parse-fast tests: DuckDB's json_serialize_sql as the oracle the fast parser must match byte for byte.
// Batches go through one query each (a VARCHAR[] parameter), like compiler/parse/duckdb-sql-parser.ts.
import { DuckDBInstance, listValue, type DuckDBConnection } from '@duckdb/node-api';

/** Serializes SQL texts with DuckDB. */
export interface Oracle {
  /**
   * For each text, JSON.stringify of `JSON.parse(json_serialize_sql(text)).statements[0]`, or undefined when
   * DuckDB reports an error or the text is not exactly one statement.
   */
  serialize(sqls: readonly string[]): Promise<(string | undefined)[]>;
  close(): void;
}

const BATCH = 400;

/** Opens an in-memory DuckDB for serializing. */
export async function openOracle(): Promise<Oracle> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  return {
    async serialize(sqls) {
      const out: (string | undefined)[] = [];
      for (let i = 0; i < sqls.length; i += BATCH) {
        const reader = await connection.runAndReadAll('SELECT json_serialize_sql(unnest($1::VARCHAR[])) AS j', [listValue(sqls.slice(i, i + BATCH))]);
        for (const row of reader.getRowObjects()) out.push(statementText(String(row['j'])));
      }
      return out;
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function statementText(json: string): string | undefined {
  const parsed = JSON.parse(json) as { error?: boolean; statements?: unknown[] };
  if (parsed.error || parsed.statements?.length !== 1) return undefined;
  return JSON.stringify(parsed.statements[0]);
}
