// parse/: the base tables a DuckDB statement tree reads, whichever parser built the tree.
import type { TableRef } from './sql-parser.js';

/** DuckDB's "no position" marker in serialized ASTs (uint64 max, as a JS number). */
const NO_LOCATION = 18446744073709551615;

/**
 * Walks a statement tree in json_serialize_sql's shape collecting BASE_TABLE references, in order of
 * appearance. A `cte_map` opens a scope whose names hide tables of the same name for the CTE bodies
 * (so recursive CTEs resolve to themselves) and for the query that owns it; unqualified references
 * to a name in scope are CTE references and are left out.
 * @see https://duckdb.org/docs/stable/data/json/sql_to_and_from_json
 */
export function collectTableRefs(statement: unknown): TableRef[] {
  const out: TableRef[] = [];
  visit(statement, [], out);
  return out;
}

function visit(node: unknown, scopes: readonly ReadonlySet<string>[], out: TableRef[]): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      if (item !== null && typeof item === 'object') visit(item, scopes, out);
    }
    return;
  }
  const obj = node as Record<string, unknown>;
  let inner = scopes;
  const cteMap = obj['cte_map'] as { map?: { key: string }[] } | undefined;
  if (cteMap?.map?.length) inner = [...scopes, new Set(cteMap.map.map((e) => e.key.toLowerCase()))];
  if (obj['type'] === 'BASE_TABLE' && typeof obj['table_name'] === 'string') {
    const name = obj['table_name'];
    const schema = String(obj['schema_name'] ?? '');
    const isCte = schema === '' && inner.some((s) => s.has(name.toLowerCase()));
    const loc = Number(obj['query_location']);
    if (!isCte) out.push({ name, schema, offset: loc === NO_LOCATION || !Number.isFinite(loc) || loc > Number.MAX_SAFE_INTEGER ? 0 : loc });
  }
  for (const key in obj) {
    const value = obj[key];
    if (value !== null && typeof value === 'object') visit(value, inner, out);
  }
}
