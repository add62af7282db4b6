// parse/fast/: a hand-written parser for the common subset of DuckDB's SELECT syntax that produces exactly
// the AST DuckDB's json_serialize_sql produces, so lakec can skip the engine round trip for most models.
// It declines (undefined) on anything else; the caller then asks DuckDB, which stays the oracle and owns
// error messages. Pipeline: lexer.ts → select-parser.ts / expr-parser.ts → nodes.ts shapes.
// @see https://duckdb.org/docs/stable/data/json/sql_to_and_from_json
import { Cursor } from './cursor.js';
import { tokenize } from './lexer.js';
import { parseStatement } from './select-parser.js';

/**
 * Parses one SELECT statement (optionally WITH …) into the object DuckDB 1.5's json_serialize_sql emits as
 * statements[0]; undefined when the text uses syntax outside the supported subset or is not valid SQL (the
 * caller then asks DuckDB, which also owns error messages).
 *
 * The result is `{ node: QueryNode, named_param_map: [] }` with keys in DuckDB's order and query_location
 * values as UTF-8 byte offsets into `sql`; DuckDB's "no location" (uint64 max) is the number
 * 18446744073709552000, as after JSON.parse. Never throws.
 *
 * @example
 * JSON.stringify(fastParseSelect('SELECT a FROM t'))
 * // '{"node":{"type":"SELECT_NODE","modifiers":[],"cte_map":{"map":[]},"select_list":[{"class":"COLUMN_REF",...'
 */
export function fastParseSelect(sql: string): unknown | undefined {
  try {
    return parseStatement(new Cursor(tokenize(sql)));
  } catch {
    return undefined;
  }
}
