// check/fast-types/: types written in the AST (a CAST target, a constant's value) as LTypes. The parser
// has already resolved aliases (`INT` -> INTEGER, `NUMERIC(10)` -> DECIMAL(10,0), bare `DECIMAL` ->
// DECIMAL(18,3)), so ids map one to one; user and nested types other than lists are declined.
// @see https://duckdb.org/docs/stable/sql/data_types/overview
import { asNode, optNode, str, type AstNode } from './ast.js';
import { decline } from './decline.js';
import { decimal, integerLiteral, listOf, NULL_TYPE, SCALAR, STRING_LITERAL, type LType } from './logical-type.js';

/** The type a serialized LogicalType (`{id, type_info}`) denotes, for a CAST target. */
export function typeFromAst(value: unknown): LType {
  const node = asNode(value);
  const id = str(node, 'id');
  const simple = SCALAR[id];
  if (simple) return simple;
  const info = optNode(node, 'type_info');
  if (id === 'DECIMAL' && info) {
    const width = info['width'];
    const scale = info['scale'];
    if (typeof width !== 'number' || typeof scale !== 'number' || width < 1 || width > 38 || scale < 0 || scale > width) decline();
    return decimal(width, scale);
  }
  if (id === 'LIST' && info) return listOf(typeFromAst(info['child_type']));
  return decline();
}

const INTEGER_CONSTANTS = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT']);

/**
 * The type a VALUE_CONSTANT has while DuckDB binds around it: integers are INTEGER_LITERALs of the type the
 * parser gave them, strings STRING_LITERALs, NULL the NULL type, decimals and doubles their own type.
 */
export function constantType(constant: AstNode): LType {
  const value = asNode(constant['value']);
  if (value['is_null'] === true) return NULL_TYPE;
  const type = asNode(value['type']);
  const id = str(type, 'id');
  if (id === 'VARCHAR') return STRING_LITERAL;
  if (INTEGER_CONSTANTS.has(id)) return integerLiteral(SCALAR[id]!, integerValue(value['value']));
  if (id === 'DECIMAL' || id === 'DOUBLE' || id === 'FLOAT' || id === 'BOOLEAN') return typeFromAst(type);
  return decline();
}

/** A serialized integer: a JSON number, or `{upper, lower}` for HUGEINT (approximated; only its size matters). */
function integerValue(v: unknown): number {
  if (typeof v === 'number') return v;
  const node = asNode(v);
  const upper = node['upper'];
  const lower = node['lower'];
  if (typeof upper !== 'number' || typeof lower !== 'number') decline();
  return upper * 18446744073709551616 + lower;
}
