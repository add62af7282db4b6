// parse/: SqlParser over DuckDB's own parser, via `json_serialize_sql` (exact DuckDB grammar). The
// fallback and the oracle of the fast parser (parse/fast/). Batches of statements are serialized in
// one query each (a VARCHAR[] parameter), on two connections in parallel, so a 10,000-model project
// costs a few dozen engine round trips rather than 10,000. The engine package is imported on open,
// so a compile that never needs it never loads it.
// @see https://duckdb.org/docs/stable/data/json/sql_to_and_from_json
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { fingerprintStatement } from './ast-fingerprint.js';
import type { ParsedQuery, SqlParser, SqlSyntaxError } from './sql-parser.js';
import { collectTableRefs } from './table-refs.js';

const BATCH = 400;
const CONNECTIONS = 2;

type Outcome = { ok: true; value: ParsedQuery } | { ok: false; error: SqlSyntaxError };

/** Opens an in-memory DuckDB used only for parsing. Close it when done. */
export async function openDuckDbSqlParser(): Promise<SqlParser> {
  const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
  const instance = await Instance.create(':memory:', { threads: String(CONNECTIONS) });
  const connections: DuckDBConnection[] = [];
  for (let i = 0; i < CONNECTIONS; i++) connections.push(await instance.connect());
  return new DuckDbSqlParser(instance, connections);
}

class DuckDbSqlParser implements SqlParser {
  constructor(private readonly instance: DuckDBInstance, private readonly connections: DuckDBConnection[]) {}

  async parseSelect(sql: string): Promise<Outcome> {
    return (await this.parseMany([sql]))[0]!;
  }

  async parseMany(sqls: readonly string[]): Promise<Outcome[]> {
    const { listValue } = await import('@duckdb/node-api');
    const batches: string[][] = [];
    for (let i = 0; i < sqls.length; i += BATCH) batches.push(sqls.slice(i, i + BATCH));
    const results: string[][] = new Array(batches.length);
    let next = 0;
    const worker = async (connection: DuckDBConnection): Promise<void> => {
      for (let b = next++; b < batches.length; b = next++) {
        const reader = await connection.runAndReadAll('SELECT json_serialize_sql(unnest($1::VARCHAR[])) AS j', [listValue(batches[b]!)]);
        results[b] = reader.getRowObjects().map((r) => String(r['j']));
      }
    };
    await Promise.all(this.connections.map(worker));
    return results.flat().map(toOutcome);
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.closeSync();
    this.instance.closeSync();
  }
}

interface SerializedResult {
  error: boolean;
  error_message?: string;
  position?: string;
  statements?: unknown[];
}

function toOutcome(text: string): Outcome {
  const result = JSON.parse(text) as SerializedResult;
  if (result.error) {
    const offset = result.position !== undefined ? Number(result.position) : undefined;
    return { ok: false, error: { message: result.error_message ?? 'syntax error', ...(offset !== undefined && Number.isFinite(offset) ? { offset } : {}) } };
  }
  const statements = result.statements ?? [];
  if (statements.length !== 1) {
    return { ok: false, error: { message: statements.length === 0 ? 'no SELECT statement found' : `expected one statement, found ${statements.length}` } };
  }
  const statement = statements[0];
  return { ok: true, value: { tableRefs: collectTableRefs(statement), ...fingerprintStatement(statement), statement: () => statement } };
}
