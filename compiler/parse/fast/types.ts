// parse/fast/: type names after `::`, in CAST(... AS type) and before typed literals, mapped to the
// LogicalType DuckDB's TransformTypeName produces. Only built-in scalar types are handled; arrays, user
// types, BLOB (whose string literals DuckDB folds into constants) and type modifiers other than
// DECIMAL(w, s) and VARCHAR(n) decline.
import type { Cursor } from './cursor.js';
import { decline } from './decline.js';
import { T_IDENT, T_NUMBER } from './lexer.js';
import { decimalType, simpleType, type LogicalType } from './nodes.js';

/** Built-in type names (lower case) that need no modifiers, with their LogicalType id. */
const SIMPLE: ReadonlyMap<string, string> = new Map([
  ['int', 'INTEGER'], ['integer', 'INTEGER'], ['int4', 'INTEGER'], ['int32', 'INTEGER'], ['signed', 'INTEGER'],
  ['bigint', 'BIGINT'], ['int8', 'BIGINT'], ['int64', 'BIGINT'], ['long', 'BIGINT'],
  ['smallint', 'SMALLINT'], ['int2', 'SMALLINT'], ['int16', 'SMALLINT'], ['short', 'SMALLINT'],
  ['tinyint', 'TINYINT'], ['int1', 'TINYINT'],
  ['hugeint', 'HUGEINT'], ['int128', 'HUGEINT'],
  ['ubigint', 'UBIGINT'], ['uinteger', 'UINTEGER'], ['usmallint', 'USMALLINT'], ['utinyint', 'UTINYINT'],
  ['uint64', 'UBIGINT'], ['uint32', 'UINTEGER'], ['uint16', 'USMALLINT'], ['uint8', 'UTINYINT'], ['uhugeint', 'UHUGEINT'], ['uint128', 'UHUGEINT'],
  ['double', 'DOUBLE'], ['float8', 'DOUBLE'],
  ['float', 'FLOAT'], ['float4', 'FLOAT'], ['real', 'FLOAT'],
  ['text', 'VARCHAR'], ['string', 'VARCHAR'], ['bpchar', 'VARCHAR'], ['nvarchar', 'VARCHAR'],
  ['boolean', 'BOOLEAN'], ['bool', 'BOOLEAN'], ['logical', 'BOOLEAN'],
  ['date', 'DATE'], ['datetime', 'TIMESTAMP'], ['timestamptz', 'TIMESTAMP WITH TIME ZONE'], ['timetz', 'TIME WITH TIME ZONE'],
  ['timestamp_s', 'TIMESTAMP_S'], ['timestamp_ms', 'TIMESTAMP_MS'], ['timestamp_ns', 'TIMESTAMP_NS'], ['timestamp_us', 'TIMESTAMP'],
  ['interval', 'INTERVAL'], ['uuid', 'UUID'], ['guid', 'UUID'],
]);

/** Unit words of INTERVAL literals and casts (singular and plural). */
export const INTERVAL_UNITS: ReadonlySet<string> = new Set([
  'year', 'years', 'month', 'months', 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'second', 'seconds',
  'millisecond', 'milliseconds', 'microsecond', 'microseconds', 'week', 'weeks', 'quarter', 'quarters',
  'decade', 'decades', 'century', 'centuries', 'millennium', 'millennia',
]);

/** Names that accept an optional length, which DuckDB drops: VARCHAR(10) is VARCHAR. */
const CHARACTER = new Set(['varchar', 'char', 'character']);
const DECIMAL = new Set(['decimal', 'dec', 'numeric']);

/** Parses a type name at the cursor and returns its LogicalType, or declines. */
export function parseTypeName(p: Cursor): LogicalType {
  if (p.kind[p.i] !== T_IDENT) decline();
  const name = p.lower[p.i]!;
  p.i++;
  let type: LogicalType;
  if (DECIMAL.has(name)) type = decimalModifiers(p);
  else if (CHARACTER.has(name)) {
    if (p.isWord('varying')) decline();
    if (p.acceptOp('(')) {
      if (p.kind[p.i] !== T_NUMBER) decline();
      p.i++;
      p.expectOp(')');
    }
    type = simpleType('VARCHAR');
  } else if (name === 'timestamp' || name === 'time') {
    if (p.isOp('(')) decline();
    const zone = timeZoneSuffix(p);
    type = simpleType(name === 'timestamp' ? (zone ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP') : zone ? 'TIME WITH TIME ZONE' : 'TIME');
  } else if (name === 'double' && p.isWord('precision')) {
    p.i++;
    type = simpleType('DOUBLE');
  } else {
    const id = SIMPLE.get(name);
    if (id === undefined || p.isOp('(') || p.isOp('.')) decline();
    if (name === 'interval' && (p.kind[p.i] === T_IDENT && INTERVAL_UNITS.has(p.lower[p.i]!))) decline();
    type = simpleType(id);
  }
  if (p.isOp('[') || p.isWord('array')) decline();
  return type;
}

/** `WITH TIME ZONE` → true, `WITHOUT TIME ZONE` or nothing → false. */
function timeZoneSuffix(p: Cursor): boolean {
  if ((p.isWord('with') || p.isWord('without')) && p.isWord('time', 1) && p.isWord('zone', 2)) {
    const withZone = p.isWord('with');
    p.i += 3;
    return withZone;
  }
  return false;
}

/** Optional `(width[, scale])` after DECIMAL; DuckDB's default is DECIMAL(18, 3). */
function decimalModifiers(p: Cursor): LogicalType {
  if (!p.acceptOp('(')) return decimalType(18, 3);
  const width = smallInt(p);
  const scale = p.acceptOp(',') ? smallInt(p) : 0;
  p.expectOp(')');
  if (width < 1 || width > 38 || scale > width) decline();
  return decimalType(width, scale);
}

function smallInt(p: Cursor): number {
  if (p.kind[p.i] !== T_NUMBER) decline();
  const text = p.text[p.i]!;
  if (text.length > 2 || text.includes('.') || text.includes('e') || text.includes('E')) decline();
  p.i++;
  return Number(text);
}
