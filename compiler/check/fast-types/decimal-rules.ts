// check/fast-types/: DECIMAL width/scale rules: what an integer counts as when it meets a DECIMAL, and the
// result types of DECIMAL arithmetic and aggregates. Ports of LogicalType::GetDecimalProperties and the bind
// functions of DuckDB's `+ - * %`, sum and round (src/function/scalar/operator/arithmetic.cpp, …).
// @see https://duckdb.org/docs/stable/sql/data_types/numeric#fixed-point-decimals
// Verified against the bundled DuckDB by test/fast-types (signature sweep and property test).
import { decimal, DOUBLE, type LType } from './logical-type.js';

/** Widest DECIMAL, and the widest that fits a 64-bit integer. */
export const MAX_DECIMAL_WIDTH = 38;
const MAX_INT64_WIDTH = 18;

const INTEGER_WIDTHS: Readonly<Record<string, number>> = {
  BOOLEAN: 1, TINYINT: 3, SMALLINT: 5, INTEGER: 10, BIGINT: 19,
  UTINYINT: 3, USMALLINT: 5, UINTEGER: 10, UBIGINT: 20, HUGEINT: 38, UHUGEINT: 38,
};

/** [width, scale] of `t` seen as a DECIMAL (integers as DECIMAL(n,0), a literal by its preferred type), or undefined. */
export function decimalProperties(t: LType): readonly [number, number] | undefined {
  if (t.id === 'DECIMAL') return t.width > 0 ? [t.width, t.scale] : undefined;
  if (t.id === 'INTEGER_LITERAL') return decimalProperties(t.base!);
  if (t.id === 'NULL') return [0, 0];
  const w = INTEGER_WIDTHS[t.id];
  return w === undefined ? undefined : [w, 0];
}

/**
 * Result of DECIMAL `+`/`-` (or `%` when `modulo`): scale is the larger scale, width the larger integer part
 * plus scale (plus one digit for `+`/`-`), capped at 18 when both inputs fit 64 bits, else at 38. A modulo
 * that does not fit 38 digits is computed in DOUBLE.
 */
export function decimalAddType(args: readonly LType[], modulo: boolean): LType | undefined {
  let maxWidth = 0;
  let maxScale = 0;
  let maxIntegerPart = 0;
  for (const a of args) {
    const p = decimalProperties(a);
    if (!p) return undefined;
    maxWidth = Math.max(maxWidth, p[0]);
    maxScale = Math.max(maxScale, p[1]);
    maxIntegerPart = Math.max(maxIntegerPart, p[0] - p[1]);
  }
  let width = Math.max(maxScale + maxIntegerPart, maxWidth);
  if (!modulo) {
    width += 1;
    if (width > MAX_INT64_WIDTH && maxWidth <= MAX_INT64_WIDTH) width = MAX_INT64_WIDTH;
  }
  if (modulo && width > MAX_DECIMAL_WIDTH) return DOUBLE;
  return decimal(Math.min(width, MAX_DECIMAL_WIDTH), maxScale);
}

/** Result of DECIMAL `*`: widths and scales add up; capped at 18 when both inputs fit 64 bits, else at 38. */
export function decimalMultiplyType(args: readonly LType[]): LType | undefined {
  let width = 0;
  let scale = 0;
  let maxWidth = 0;
  for (const a of args) {
    const p = decimalProperties(a);
    if (!p) return undefined;
    width += p[0];
    scale += p[1];
    maxWidth = Math.max(maxWidth, p[0]);
  }
  if (scale > MAX_DECIMAL_WIDTH) return undefined;
  if (width > MAX_INT64_WIDTH && maxWidth <= MAX_INT64_WIDTH && scale < MAX_INT64_WIDTH) width = MAX_INT64_WIDTH;
  return decimal(Math.min(width, MAX_DECIMAL_WIDTH), scale);
}
