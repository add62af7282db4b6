// parse/fast/: numeric literal typing, as DuckDB's transformer does it (transform_constant.cpp): integers
// that fit 32 bits are INTEGER, then BIGINT, then HUGEINT (beyond that declined); a literal with a point is
// DECIMAL(width, scale) with width = digits written and scale = digits after the point, or DOUBLE past 38
// digits; an exponent makes a DOUBLE. 128-bit values serialize as {upper, lower} 64-bit halves.
import { decline } from './decline.js';
import { decimalType, simpleType, type Value } from './nodes.js';

const INT32_MAX = 2147483647n;
const INT64_MIN = -9223372036854775808n;
const INT64_MAX = 9223372036854775807n;
const INT128_MIN = -(1n << 127n);
const INT128_MAX = (1n << 127n) - 1n;

/** A 128-bit integer as DuckDB serializes hugeint_t: signed upper half, unsigned lower half. */
function hugeint(v: bigint): { upper: number; lower: number } {
  return { upper: Number(v >> 64n), lower: Number(BigInt.asUintN(64, v)) };
}

/**
 * The Value DuckDB gives the numeric literal `text` (unsigned, as scanned), negated when the grammar folded
 * a unary minus into it. Declines on literals whose encoding the fast parser does not reproduce.
 */
export function numericValue(text: string, negative: boolean): Value {
  let dot = -1;
  let exponent = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 46) dot = k;
    else if (c === 101 || c === 69) exponent = true;
  }
  if (exponent) {
    const d = Number(text);
    if (!Number.isFinite(d)) decline();
    return { type: simpleType('DOUBLE'), is_null: false, value: negative ? -d : d };
  }
  if (dot < 0) return integerValue(text, negative);
  if (text.length >= 40) return { type: simpleType('DOUBLE'), is_null: false, value: negative ? -Number(text) : Number(text) };
  const width = text.length - 1;
  const digits = text.slice(0, dot) + text.slice(dot + 1);
  const type = decimalType(width, width - dot);
  if (width <= 18) {
    const v = Number(digits);
    return { type, is_null: false, value: negative ? -v : v };
  }
  const big = BigInt(digits);
  return { type, is_null: false, value: hugeint(negative ? -big : big) };
}

function integerValue(text: string, negative: boolean): Value {
  if (text.length <= 9) {
    const v = Number(text);
    return { type: simpleType('INTEGER'), is_null: false, value: negative ? -v : v };
  }
  const big = BigInt(text);
  if (big <= INT32_MAX) return { type: simpleType('INTEGER'), is_null: false, value: Number(negative ? -big : big) };
  const signed = negative ? -big : big;
  if (signed >= INT64_MIN && signed <= INT64_MAX) return { type: simpleType('BIGINT'), is_null: false, value: Number(signed) };
  if (signed < INT128_MIN || signed > INT128_MAX) decline();
  return { type: simpleType('HUGEINT'), is_null: false, value: hugeint(signed) };
}
