// check/fast-types/: the fast schema inferer. Types a SELECT's output columns from DuckDB's serialized AST
// and the schemas of the tables it reads, in pure TypeScript, reproducing DuckDB's binder for the SQL it
// models (see the module files) and declining everything else. DuckDB stays the fallback and the oracle:
// test/fast-types compares every answer with `DESCRIBE <query>` on the bundled DuckDB.
// @see https://duckdb.org/docs/stable/guides/meta/describe
import type { ColumnSchema } from '../../types/xml-mapping.js';
import { asNode } from './ast.js';
import { bindStatement } from './bind-query.js';
import { UNNAMED } from './expr-env.js';
import type { TableLookup } from './query-context.js';
import { recordExpressionTypes } from './type-expression.js';
import type { LType } from './logical-type.js';

export type { TableLookup } from './query-context.js';

/**
 * Output columns of the SELECT statement `ast` (json_serialize_sql's `statements[0]`) in order, with
 * DuckDB's exact DESCRIBE names and types; undefined when any part is outside what this module is sure
 * about (unknown function, unknown column, ambiguous reference, unsupported construct…). Never throws.
 *
 * @example
 * const cols = inferColumnsFast(statements[0], (schema, name) => catalog.get(name.toLowerCase()));
 * // [{ name: 'customer_id', type: 'BIGINT' }, { name: 'total', type: 'DECIMAL(38,2)' }]
 * @see https://duckdb.org/docs/stable/sql/data_types/typecasting (implicit casts, literal types)
 * @see https://duckdb.org/docs/stable/sql/functions/overview (overload resolution)
 */
export function inferColumnsFast(ast: unknown, lookup: TableLookup): ColumnSchema[] | undefined {
  try {
    const columns = bindStatement(asNode(ast), { lookup, ctes: undefined }, undefined);
    if (columns.some((c) => c.name === UNNAMED)) return undefined;
    return columns.map((c) => ({ name: c.name, type: c.type.text }));
  } catch {
    return undefined;
  }
}

/**
 * The DuckDB type of each expression node of the SELECT statement `ast` (json_serialize_sql's
 * `statements[0]`), keyed by node object: DESCRIBE spellings (`INTEGER`, `DECIMAL(10,2)`, `VARCHAR[]`),
 * with literals as the type they would take on their own (an integer constant -> its INTEGER/BIGINT…, a
 * string constant -> VARCHAR, NULL -> NULL). Partial when the inferer declines part of the query: nodes
 * it did not reach are absent. Never throws.
 */
export function inferExpressionTypes(ast: unknown, lookup: TableLookup): ReadonlyMap<object, string> {
  const types = new Map<object, LType>();
  try {
    recordExpressionTypes(types, () => bindStatement(asNode(ast), { lookup, ctes: undefined }, undefined));
  } catch {
    // declined: keep what was typed before
  }
  const out = new Map<object, string>();
  for (const [node, t] of types) out.set(node, t.id === 'INTEGER_LITERAL' ? (t.base?.text ?? 'INTEGER') : t.id === 'NULL' ? 'NULL' : t.text);
  return out;
}
