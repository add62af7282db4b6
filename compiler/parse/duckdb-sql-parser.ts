// parse/: SqlParser over DuckDB's own parser, via `json_serialize_sql` (exact DuckDB grammar).
// @see https://duckdb.org/docs/stable/data/json/sql_to_and_from_json
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ParsedQuery, SqlParser, SqlSyntaxError, TableRef } from './sql-parser.js';
import { canonicalJson } from '../emit/canonical-json.js';

/** DuckDB's "no position" marker in serialized ASTs (uint64 max). */
const NO_LOCATION = 18446744073709551615;

/** Opens an in-memory DuckDB used only for parsing. Close it when done. */
export async function openDuckDbSqlParser(): Promise<SqlParser> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  return new DuckDbSqlParser(instance, connection);
}

class DuckDbSqlParser implements SqlParser {
  private aggregates: ReadonlySet<string> | undefined;
  constructor(private readonly instance: DuckDBInstance, private readonly connection: DuckDBConnection) {}

  async parseSelect(sql: string): Promise<{ ok: true; value: ParsedQuery } | { ok: false; error: SqlSyntaxError }> {
    const reader = await this.connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS j', [sql]);
    const text = String(reader.getRowObjects()[0]?.['j'] ?? '');
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
    return { ok: true, value: { tableRefs, normalizedAst: canonicalJson(stripLocations(statements[0])), ast: statements[0] } };
  }

  async aggregateFunctions(): Promise<ReadonlySet<string>> {
    if (!this.aggregates) {
      const reader = await this.connection.runAndReadAll("SELECT DISTINCT lower(function_name) AS f FROM duckdb_functions() WHERE function_type = 'aggregate'");
      this.aggregates = new Set(reader.getRowObjects().map((r) => String(r['f'])));
    }
    return this.aggregates;
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

interface SerializedResult {
  error: boolean;
  error_message?: string;
  position?: string;
  statements?: unknown[];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

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

function stripLocations(node: unknown): Json {
  if (Array.isArray(node)) return node.map(stripLocations);
  if (node === null || typeof node !== 'object') return node as Json;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) if (k !== 'query_location') out[k] = stripLocations(v);
  return out;
}
