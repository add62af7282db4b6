// targets/postgres: how a DuckDB column is written to a PostgreSQL or Redshift table: the column type
// of the DDL and the DuckDB expression giving the value's text form for COPY / INSERT. Pure.
import type { TargetDialect } from '../../../compiler/types/target.js';
import { quoteIdent } from '../../engine/engine-adapter.js';

/** How one column travels: the target type and the DuckDB expression producing its text (or NULL). */
export interface TargetColumn {
  readonly name: string;
  /** Target column type, e.g. `NUMERIC(10,2)`, `TEXT`, `VARCHAR(65535)`. */
  readonly type: string;
  /** DuckDB expression over the Parquet column giving VARCHAR text the target parses as `type`. */
  readonly exportExpr: string;
  /** Wraps the bind parameter of an INSERT (`$n` → e.g. `from_hex($n)`); identity for most types. */
  readonly insertParam: (placeholder: string) => string;
}

/** Redshift's widest VARCHAR (bytes): https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html */
const REDSHIFT_TEXT = 'VARCHAR(65535)';

/** DuckDB scalar types → [postgres type, redshift type]. */
const SCALARS: Readonly<Record<string, readonly [string, string]>> = {
  BOOLEAN: ['BOOLEAN', 'BOOLEAN'],
  TINYINT: ['SMALLINT', 'SMALLINT'], SMALLINT: ['SMALLINT', 'SMALLINT'], INTEGER: ['INTEGER', 'INTEGER'], BIGINT: ['BIGINT', 'BIGINT'],
  UTINYINT: ['SMALLINT', 'SMALLINT'], USMALLINT: ['INTEGER', 'INTEGER'], UINTEGER: ['BIGINT', 'BIGINT'],
  UBIGINT: ['NUMERIC(20,0)', 'NUMERIC(20,0)'], HUGEINT: ['NUMERIC(38,0)', 'NUMERIC(38,0)'], UHUGEINT: ['NUMERIC(38,0)', 'NUMERIC(38,0)'],
  FLOAT: ['REAL', 'REAL'], DOUBLE: ['DOUBLE PRECISION', 'DOUBLE PRECISION'],
  VARCHAR: ['TEXT', REDSHIFT_TEXT], UUID: ['UUID', 'CHAR(36)'], JSON: ['JSONB', REDSHIFT_TEXT],
  DATE: ['DATE', 'DATE'], TIME: ['TIME', 'TIME'], 'TIME WITH TIME ZONE': ['TIMETZ', 'TIMETZ'],
  TIMESTAMP: ['TIMESTAMP', 'TIMESTAMP'], TIMESTAMP_S: ['TIMESTAMP', 'TIMESTAMP'], TIMESTAMP_MS: ['TIMESTAMP', 'TIMESTAMP'], TIMESTAMP_NS: ['TIMESTAMP', 'TIMESTAMP'],
  'TIMESTAMP WITH TIME ZONE': ['TIMESTAMPTZ', 'TIMESTAMPTZ'],
  INTERVAL: ['INTERVAL', REDSHIFT_TEXT], BLOB: ['BYTEA', 'VARBYTE'], BIT: ['TEXT', REDSHIFT_TEXT],
};

/**
 * The target column for DuckDB column `name` of type `duckType` (as DESCRIBE prints it):
 * DECIMAL(p,s) → NUMERIC(p,s); lists, arrays, structs, maps and unions → JSONB (Redshift: VARCHAR(65535))
 * holding DuckDB's `to_json`; ENUMs and unknown types → TEXT (Redshift: VARCHAR(65535)) holding their
 * VARCHAR cast; BLOB → BYTEA as `\x` hex (Redshift: VARBYTE via `from_hex`); the rest per SCALARS.
 * Values pass as DuckDB's VARCHAR cast, which PostgreSQL's input functions read (`true`, `inf`, ISO
 * dates, `+00` offsets).
 */
export function targetColumn(name: string, duckType: string, dialect: TargetDialect): TargetColumn {
  const col = quoteIdent(name);
  const t = duckType.trim().toUpperCase();
  const pick = (pair: readonly [string, string]): string => (dialect === 'postgres' ? pair[0] : pair[1]);
  const asText = `CAST(${col} AS VARCHAR)`;
  const same = (p: string): string => p;
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  if (decimal) return { name, type: `NUMERIC(${decimal[1]},${decimal[2]})`, exportExpr: asText, insertParam: same };
  if (/\[\d*\]$/.test(t) || /^(STRUCT|MAP|UNION)\s*\(/.test(t)) {
    return { name, type: pick(['JSONB', REDSHIFT_TEXT]), exportExpr: `CAST(to_json(${col}) AS VARCHAR)`, insertParam: same };
  }
  if (t === 'BLOB') {
    return dialect === 'postgres'
      ? { name, type: 'BYTEA', exportExpr: `'\\x' || lower(hex(${col}))`, insertParam: same }
      : { name, type: 'VARBYTE', exportExpr: `lower(hex(${col}))`, insertParam: (p) => `from_hex(${p})` };
  }
  const scalar = SCALARS[t];
  return { name, type: scalar ? pick(scalar) : pick(['TEXT', REDSHIFT_TEXT]), exportExpr: asText, insertParam: same };
}
