// check/fast-types/: DuckDB's implicit cast costs, which decide function overloads and type unification.
// A port of CastRules::ImplicitCast (src/function/cast_rules.cpp) for the types this module models:
// a lower cost is a preferred cast, -1 means no implicit cast exists.
// @see https://duckdb.org/docs/stable/sql/data_types/typecasting#implicit-casting
// Verified against the bundled DuckDB by test/fast-types (signature sweep and property test).
import type { LType, TypeId } from './logical-type.js';

/** DuckDB's TargetTypeCost: how much a cast *to* `to` costs, which ranks the preferred targets. */
export function targetTypeCost(to: LType): number {
  switch (to.id) {
    case 'BIGINT': return 101;
    case 'INTEGER': return 102;
    case 'HUGEINT': return 103;
    case 'DOUBLE': return 104;
    case 'DECIMAL': return 105;
    case 'TIMESTAMP_NS': return 119;
    case 'TIMESTAMP': return 120;
    case 'TIMESTAMP_MS': return 121;
    case 'TIMESTAMP_S': return 122;
    case 'TIMESTAMP WITH TIME ZONE': return 123;
    case 'VARCHAR': return 149;
    case 'LIST': return 160;
    case 'ANY': case 'TEMPLATE': return ANY_CAST_SCORE;
    case 'OTHER': return isNestedText(to.text) ? 160 : 110;
    default: return 110;
  }
}

/** AnyType's default cast score: binding any argument to an `ANY` parameter. */
const ANY_CAST_SCORE = 5;

function isNestedText(text: string): boolean {
  return text.startsWith('STRUCT') || text.startsWith('MAP') || text.startsWith('UNION') || text.endsWith(']');
}

/** Implicit targets of each numeric/temporal source (DuckDB's ImplicitCast<Source> switches). */
const IMPLICIT_TARGETS: Partial<Record<TypeId, ReadonlySet<TypeId>>> = {
  TINYINT: new Set(['SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'FLOAT', 'DOUBLE', 'DECIMAL']),
  SMALLINT: new Set(['INTEGER', 'BIGINT', 'HUGEINT', 'FLOAT', 'DOUBLE', 'DECIMAL']),
  INTEGER: new Set(['BIGINT', 'HUGEINT', 'FLOAT', 'DOUBLE', 'DECIMAL']),
  BIGINT: new Set(['FLOAT', 'DOUBLE', 'HUGEINT', 'DECIMAL']),
  UTINYINT: new Set(['USMALLINT', 'UINTEGER', 'UBIGINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UHUGEINT', 'FLOAT', 'DOUBLE', 'DECIMAL']),
  USMALLINT: new Set(['UINTEGER', 'UBIGINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UHUGEINT', 'FLOAT', 'DOUBLE', 'DECIMAL']),
  UINTEGER: new Set(['UBIGINT', 'BIGINT', 'UHUGEINT', 'HUGEINT', 'FLOAT', 'DOUBLE', 'DECIMAL']),
  UBIGINT: new Set(['FLOAT', 'DOUBLE', 'UHUGEINT', 'HUGEINT', 'DECIMAL']),
  HUGEINT: new Set(['FLOAT', 'DOUBLE', 'DECIMAL']),
  UHUGEINT: new Set(['FLOAT', 'DOUBLE', 'DECIMAL']),
  FLOAT: new Set(['DOUBLE']),
  DECIMAL: new Set(['FLOAT', 'DOUBLE']),
  DATE: new Set(['TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP_MS', 'TIMESTAMP_NS', 'TIMESTAMP_S']),
  TIMESTAMP_S: new Set(['TIMESTAMP', 'TIMESTAMP_MS', 'TIMESTAMP_NS']),
  TIMESTAMP_MS: new Set(['TIMESTAMP', 'TIMESTAMP_NS']),
  TIMESTAMP_NS: new Set(['TIMESTAMP']),
  TIMESTAMP: new Set(['TIMESTAMP_NS', 'TIMESTAMP WITH TIME ZONE']),
};

/** Inclusive value ranges of the integer types, for "does this integer literal fit" checks. */
const INTEGER_RANGES: Partial<Record<TypeId, readonly [number, number]>> = {
  TINYINT: [-128, 127], SMALLINT: [-32768, 32767], INTEGER: [-2147483648, 2147483647],
  BIGINT: [-9223372036854775808, 9223372036854775807], HUGEINT: [-Infinity, Infinity],
  UTINYINT: [0, 255], USMALLINT: [0, 65535], UINTEGER: [0, 4294967295],
  UBIGINT: [0, 18446744073709551615], UHUGEINT: [0, Infinity],
};

/** Whether `t` is one of the integer types (signed or unsigned). */
export function isIntegral(t: LType): boolean {
  return INTEGER_RANGES[t.id] !== undefined;
}

/** Whether `t` is numeric in DuckDB's sense (integers, FLOAT, DOUBLE, DECIMAL). */
export function isNumeric(t: LType): boolean {
  return isIntegral(t) || t.id === 'FLOAT' || t.id === 'DOUBLE' || t.id === 'DECIMAL';
}

/**
 * IntegerLiteral::FitsInType: an integer literal casts cheaply to FLOAT/DOUBLE and to any integer type
 * its value fits. Beyond 2^53 the value is approximate, so the answer comes from the literal's parsed
 * type (BIGINT or HUGEINT, which the value fits by construction) and its sign.
 */
function literalFits(literal: LType, to: LType): boolean {
  if (to.id === 'FLOAT' || to.id === 'DOUBLE') return true;
  const range = INTEGER_RANGES[to.id];
  if (!range) return false;
  const v = literal.value;
  if (Math.abs(v) <= Number.MAX_SAFE_INTEGER) return v >= range[0] && v <= range[1];
  const bigint = literal.base!.id === 'BIGINT';
  switch (to.id) {
    case 'BIGINT': return bigint;
    case 'HUGEINT': return true;
    case 'UBIGINT': return v > 0 && (bigint || v < 18446744073709551615);
    case 'UHUGEINT': return v > 0;
    default: return false;
  }
}

/** LogicalTypeIsValid: whether a string literal may be cast to a signature type (no generic DECIMAL, no ANY inside). */
function isValidTarget(to: LType): boolean {
  if (to.id === 'ANY' || to.id === 'TEMPLATE') return false;
  if (to.id === 'DECIMAL') return to.width > 0;
  if (to.id === 'LIST') return isValidTarget(to.child!);
  if (to.id === 'OTHER') {
    let valid = validOther.get(to.text);
    if (valid === undefined) validOther.set(to.text, (valid = !/\bANY\b|\b[TKV]\b|^(STRUCT|MAP|LIST|UNION|ARRAY)$/.test(to.text)));
    return valid;
  }
  return true;
}

const validOther = new Map<string, boolean>();

/**
 * DuckDB's implicit cast cost from `from` to `to`, or -1 when there is no implicit cast. `to` may be a
 * signature type (generic DECIMAL, ANY, template, LIST of those).
 */
export function implicitCastCost(from: LType, to: LType): number {
  if (from.id === 'NULL' || to.id === 'ANY' || to.id === 'TEMPLATE') return targetTypeCost(to);
  if (from.id === 'STRING_LITERAL') {
    if (!isValidTarget(to)) return -1;
    return to.id === 'VARCHAR' ? 1 : 20;
  }
  if (from.id === 'INTEGER_LITERAL') {
    const base = from.base!;
    if (base.id === to.id) return 0;
    if (literalFits(from, to)) return targetTypeCost(to) - 90;
    return implicitCastCost(base, to);
  }
  if (from.id === 'LIST' && to.id === 'LIST') {
    const child = implicitCastCost(from.child!, to.child!);
    return child >= 1 ? child - 1 : child;
  }
  if (from.id === 'OTHER' || to.id === 'OTHER') return from.id === to.id && from.text === to.text ? 0 : -1;
  if (from.id === to.id) return 0;
  return IMPLICIT_TARGETS[from.id]?.has(to.id) ? targetTypeCost(to) : -1;
}
