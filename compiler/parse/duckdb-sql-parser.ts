// parse/: SqlParser over DuckDB's own parser, via `json_serialize_sql` (exact DuckDB grammar).
// Batches of statements are serialized in one query each (a VARCHAR[] parameter), on two connections
// in parallel, so a 10,000-model project costs a few dozen engine round trips rather than 10,000.
// @see https://duckdb.org/docs/stable/data/json/sql_to_and_from_json
import { DuckDBInstance, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { ParsedQuery, SqlParser, SqlSyntaxError, TableRef } from './sql-parser.js';

/** DuckDB's "no position" marker in serialized ASTs (uint64 max). */
const NO_LOCATION = 18446744073709551615;
const BATCH = 400;
const CONNECTIONS = 2;

type Outcome = { ok: true; value: ParsedQuery } | { ok: false; error: SqlSyntaxError };

/** Opens an in-memory DuckDB used only for parsing. Close it when done. */
export async function openDuckDbSqlParser(): Promise<SqlParser> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(CONNECTIONS) });
  const connections: DuckDBConnection[] = [];
  for (let i = 0; i < CONNECTIONS; i++) connections.push(await instance.connect());
  return new DuckDbSqlParser(instance, connections);
}

class DuckDbSqlParser implements SqlParser {
  private aggregates: ReadonlySet<string> | undefined;
  constructor(private readonly instance: DuckDBInstance, private readonly connections: DuckDBConnection[]) {}

  async parseSelect(sql: string): Promise<Outcome> {
    return (await this.parseMany([sql]))[0]!;
  }

  async parseMany(sqls: readonly string[]): Promise<Outcome[]> {
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

  async aggregateFunctions(): Promise<ReadonlySet<string>> {
    if (!this.aggregates) {
      const reader = await this.connections[0]!.runAndReadAll("SELECT DISTINCT lower(function_name) AS f FROM duckdb_functions() WHERE function_type = 'aggregate'");
      this.aggregates = new Set(reader.getRowObjects().map((r) => String(r['f'])));
    }
    return this.aggregates;
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
  const tableRefs: TableRef[] = [];
  collectTableRefs(statements[0], [], tableRefs);
  // DuckDB serializes fields in a fixed order, so removing positions is enough to normalize.
  const statementText = text.slice(text.indexOf('"statements":[') + 14, text.lastIndexOf(']'));
  return { ok: true, value: { tableRefs, normalizedAst: statementText.replace(/"query_location":\d+,?/g, ''), ast: statements[0] } };
}

/**
 * Walks the serialized AST collecting BASE_TABLE references. A `cte_map` opens a scope whose names
 * hide tables of the same name for the CTE bodies (so recursive CTEs resolve to themselves) and for
 * the query that owns it; unqualified references to a name in scope are CTE references.
 */
function collectTableRefs(node: unknown, scopes: ReadonlySet<string>[], out: TableRef[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectTableRefs(item, scopes, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  let inner = scopes;
  const cteMap = obj['cte_map'] as { map?: { key: string }[] } | undefined;
  if (cteMap?.map?.length) inner = [...scopes, new Set(cteMap.map.map((e) => e.key.toLowerCase()))];
  if (obj['type'] === 'BASE_TABLE' && typeof obj['table_name'] === 'string') {
    const name = obj['table_name'];
    const schema = String(obj['schema_name'] ?? '');
    const isCte = schema === '' && inner.some((s) => s.has(name.toLowerCase()));
    const loc = Number(obj['query_location']);
    if (!isCte) out.push({ name, schema, offset: loc === NO_LOCATION || !Number.isFinite(loc) ? 0 : loc });
  }
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'query_location') continue;
    collectTableRefs(value, inner, out);
  }
}
