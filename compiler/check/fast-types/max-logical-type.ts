// check/fast-types/: DuckDB's "max logical type" of two types: the common type CASE branches, COALESCE
// and GREATEST arguments, IN lists and UNION columns are cast to. A port of TryGetMaxLogicalType
// (src/common/types.cpp) for the modeled types; pass-through types unify only with themselves.
// @see https://duckdb.org/docs/stable/sql/data_types/typecasting#combination-casting
// Verified against the bundled DuckDB by test/fast-types (property test).
import { implicitCastCost, isIntegral, isNumeric } from './cast-rules.js';
import { decimalProperties, MAX_DECIMAL_WIDTH } from './decimal-rules.js';
import { BIGINT, decimal, DOUBLE, HUGEINT, INTEGER, listOf, normalize, SCALAR, VARCHAR, type LType, type TypeId } from './logical-type.js';

/** The common type of `a` and `b`, or undefined when DuckDB requires an explicit cast. */
export function maxLogicalType(a: LType, b: LType): LType | undefined {
  return a.id === b.id ? combineEqual(a, b) : combineUnequal(a, b);
}

function combineEqual(a: LType, b: LType): LType | undefined {
  switch (a.id) {
    case 'STRING_LITERAL': return VARCHAR;
    case 'INTEGER_LITERAL': return maxLogicalType(a.base!, b.base!);
    case 'DECIMAL': {
      const integerPart = Math.max(a.width - a.scale, b.width - b.scale);
      let scale = Math.max(a.scale, b.scale);
      let width = integerPart + scale;
      if (width > MAX_DECIMAL_WIDTH) {
        width = MAX_DECIMAL_WIDTH;
        scale = width - integerPart;
      }
      return decimal(width, scale);
    }
    case 'LIST': {
      const child = maxLogicalType(a.child!, b.child!);
      return child ? listOf(child) : undefined;
    }
    case 'OTHER': return a.text === b.text ? a : undefined;
    default: return a;
  }
}

/** DecimalSizeCheck: widen DECIMAL `dec` so the integer type `other` fits its integer part. */
function decimalSizeCheck(other: LType, dec: LType): LType | undefined {
  const p = decimalProperties(other);
  if (!p) return undefined;
  const integerPart = dec.width - dec.scale;
  if (p[0] <= integerPart) return dec;
  return decimal(Math.min(p[0] + dec.scale, MAX_DECIMAL_WIDTH), dec.scale);
}

function combineUnequal(a: LType, b: LType): LType | undefined {
  if (a.id === 'OTHER' || b.id === 'OTHER') return undefined;
  for (const id of ['NULL', 'STRING_LITERAL'] as const) {
    if (a.id === id) return normalize(b);
    if (b.id === id) return normalize(a);
  }
  const aToB = implicitCastCost(a, b);
  const bToA = implicitCastCost(b, a);
  if (aToB >= 0 && (aToB < bToA || bToA < 0)) return b.id === 'DECIMAL' ? decimalSizeCheck(a, b) : b;
  if (bToA >= 0) return a.id === 'DECIMAL' ? decimalSizeCheck(b, a) : a;
  if (a.id === 'INTEGER_LITERAL') return maxLogicalType(a.base!, b);
  if (b.id === 'INTEGER_LITERAL') return maxLogicalType(a, b.base!);
  if (isNumeric(a) && isNumeric(b)) return combineNumeric(a, b);
  if (a.id === 'BOOLEAN' && isIntegral(b)) return b;
  if (b.id === 'BOOLEAN' && isIntegral(a)) return a;
  return undefined;
}

/** GetLogicalTypeScore: which type wins when a forced unification finds no implicit cast either way. */
const SCORES: Partial<Record<TypeId, number>> = {
  NULL: 0, INTEGER_LITERAL: 0, STRING_LITERAL: 0, BOOLEAN: 10, UTINYINT: 11, TINYINT: 12, USMALLINT: 13, SMALLINT: 14,
  UINTEGER: 15, INTEGER: 16, UBIGINT: 17, BIGINT: 18, UHUGEINT: 19, HUGEINT: 20, DECIMAL: 21, FLOAT: 22, DOUBLE: 23,
  TIME: 50, DATE: 51, TIMESTAMP_S: 52, TIMESTAMP_MS: 53, TIMESTAMP: 54, 'TIMESTAMP WITH TIME ZONE': 54, TIMESTAMP_NS: 55,
  INTERVAL: 56, VARCHAR: 77, BLOB: 101, UUID: 102,
};

/**
 * ForceMaxLogicalType, which set operations use: the max logical type when there is one, else the type with
 * the higher score (the left one on a tie). Undefined for lists and pass-through types we do not score.
 */
export function forceMaxLogicalType(a: LType, b: LType): LType | undefined {
  const t = maxLogicalType(a, b);
  if (t) return t;
  const sa = SCORES[a.id];
  const sb = SCORES[b.id];
  if (sa === undefined || sb === undefined) return undefined;
  return normalize(sa < sb ? b : a);
}

/** LogicalTypeId order of the numeric ids, which CombineNumericTypes relies on. */
const ID_ORDER: Partial<Record<TypeId, number>> = {
  TINYINT: 11, SMALLINT: 12, INTEGER: 13, BIGINT: 14, DATE: 15, TIME: 16, FLOAT: 22, DOUBLE: 23,
  DECIMAL: 21, UTINYINT: 28, USMALLINT: 29, UINTEGER: 30, UBIGINT: 31, HUGEINT: 50, UHUGEINT: 49,
};

/** CombineNumericTypes: signed meets unsigned and neither casts implicitly: widen to the next signed type. */
function combineNumeric(x: LType, y: LType): LType | undefined {
  const [left, right] = (ID_ORDER[x.id] ?? 0) <= (ID_ORDER[y.id] ?? 0) ? [x, y] : [y, x];
  if (left.id === 'BIGINT' || right.id === 'UBIGINT') return HUGEINT;
  if (left.id === 'INTEGER' || right.id === 'UINTEGER') return BIGINT;
  if (left.id === 'SMALLINT' || right.id === 'USMALLINT') return INTEGER;
  if (left.id === 'TINYINT' || right.id === 'UTINYINT') return SCALAR['SMALLINT']!;
  if (left.id === 'UHUGEINT' || right.id === 'HUGEINT') return DOUBLE;
  return undefined;
}
