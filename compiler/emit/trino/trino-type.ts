// emit/trino/: DuckDB types as Trino types: `trinoType` for expressions (CAST targets), `hiveColumnType`
// for the columns of a Hive-connector table over the Parquet files DuckDB wrote.
// @see https://trino.io/docs/current/language/types.html
// @see https://trino.io/docs/current/connector/hive.html (column types the Hive connector supports)
// @see https://duckdb.org/docs/stable/data/parquet/overview (how DuckDB writes each type to Parquet)
import { parseDuckDbType, type DuckDbType } from './duckdb-type-text.js';
import { quoteIdent } from './trino-identifier.js';
import { TrinoRefusal } from './trino-refusal.js';

/** DuckDB scalar type -> Trino type, for names that map one to one. */
const SCALARS: Readonly<Record<string, string>> = {
  TINYINT: 'TINYINT', SMALLINT: 'SMALLINT', INTEGER: 'INTEGER', BIGINT: 'BIGINT',
  // Trino has no 128-bit integer; DECIMAL(38,0) holds every HUGEINT of up to 38 digits.
  HUGEINT: 'DECIMAL(38,0)',
  UHUGEINT: 'DECIMAL(38,0)', UTINYINT: 'SMALLINT', USMALLINT: 'INTEGER', UINTEGER: 'BIGINT', UBIGINT: 'DECIMAL(20,0)',
  FLOAT: 'REAL', DOUBLE: 'DOUBLE', BOOLEAN: 'BOOLEAN', VARCHAR: 'VARCHAR', BLOB: 'VARBINARY', UUID: 'UUID', JSON: 'JSON',
  DATE: 'DATE', TIME: 'TIME(6)',
  TIMESTAMP: 'TIMESTAMP(6)', TIMESTAMP_S: 'TIMESTAMP(0)', TIMESTAMP_MS: 'TIMESTAMP(3)', TIMESTAMP_NS: 'TIMESTAMP(9)',
  'TIMESTAMP WITH TIME ZONE': 'TIMESTAMP(6) WITH TIME ZONE',
};

/**
 * The Trino type of DuckDB type `duckdbType` (catalog spelling, e.g. `DECIMAL(10,2)`, `VARCHAR[]`,
 * `STRUCT(a INTEGER)`): BIGINT, INTEGER, SMALLINT, TINYINT, DOUBLE, REAL (DuckDB FLOAT), BOOLEAN, VARCHAR,
 * DATE, TIME(6), TIMESTAMP(p) (p = 6 for DuckDB's microsecond TIMESTAMP; 0, 3, 9 for TIMESTAMP_S/_MS/_NS),
 * TIMESTAMP(6) WITH TIME ZONE, DECIMAL(p,s), VARBINARY (BLOB), UUID, JSON, ARRAY(t) for `t[]`,
 * ROW(name t, …) for STRUCT and MAP(k, v); HUGEINT -> DECIMAL(38,0) and unsigned integers -> the next
 * wider signed type.
 * @example trinoType('VARCHAR[]') // 'ARRAY(VARCHAR)'
 * @throws TrinoRefusal for INTERVAL (Trino splits it into two types), ENUM, UNION, BIT, VARINT and
 * anything unreadable.
 */
export function trinoType(duckdbType: string): string {
  return render(parseDuckDbType(duckdbType), duckdbType, SCALARS);
}

/** Hive-connector column types that differ from trinoType, given how DuckDB writes Parquet. */
const HIVE_SCALARS: Readonly<Record<string, string>> = {
  ...SCALARS,
  // The Hive connector accepts only an unparameterized TIMESTAMP column (read with the precision of the
  // catalog's hive.timestamp-precision; MICROSECONDS keeps DuckDB's microseconds).
  TIMESTAMP: 'TIMESTAMP', TIMESTAMP_S: 'TIMESTAMP', TIMESTAMP_MS: 'TIMESTAMP', TIMESTAMP_NS: 'TIMESTAMP',
  // DuckDB writes HUGEINT (and UHUGEINT) to Parquet as DOUBLE.
  HUGEINT: 'DOUBLE', UHUGEINT: 'DOUBLE',
  // DuckDB writes JSON as a Parquet string; the Hive connector has no JSON column type.
  JSON: 'VARCHAR',
};

/** Types the Hive connector cannot declare, with why. */
const HIVE_REFUSED: Readonly<Record<string, string>> = {
  'TIMESTAMP WITH TIME ZONE': 'the Hive connector has no TIMESTAMP WITH TIME ZONE column type',
  TIME: 'the Hive connector has no TIME column type',
  UUID: 'the Hive connector has no UUID column type',
  UTINYINT: 'DuckDB writes unsigned integers as annotated Parquet integers, which the Hive connector does not declare',
  USMALLINT: 'DuckDB writes unsigned integers as annotated Parquet integers, which the Hive connector does not declare',
  UINTEGER: 'DuckDB writes unsigned integers as annotated Parquet integers, which the Hive connector does not declare',
  UBIGINT: 'DuckDB writes unsigned integers as annotated Parquet integers, which the Hive connector does not declare',
};

/**
 * The column type to declare in a Trino Hive-connector table whose Parquet files DuckDB wrote: as
 * trinoType, except TIMESTAMP (any precision) -> TIMESTAMP, HUGEINT -> DOUBLE (DuckDB's Parquet writer
 * stores it as DOUBLE) and JSON -> VARCHAR.
 * @example hiveColumnType('TIMESTAMP') // 'TIMESTAMP'
 * @throws TrinoRefusal for TIMESTAMP WITH TIME ZONE, TIME, UUID and unsigned integers (no Hive column
 * type reads them), and for everything trinoType refuses.
 */
export function hiveColumnType(duckdbType: string): string {
  const parsed = parseDuckDbType(duckdbType);
  refuseForHive(parsed, duckdbType);
  return render(parsed, duckdbType, HIVE_SCALARS);
}

function refuseForHive(t: DuckDbType, text: string): void {
  if (t.kind === 'scalar') {
    const why = HIVE_REFUSED[t.name];
    if (why) throw new TrinoRefusal(`type "${text}"`, why);
  } else if (t.kind === 'list') refuseForHive(t.element, text);
  else if (t.kind === 'map') {
    refuseForHive(t.key, text);
    refuseForHive(t.value, text);
  } else for (const f of t.fields) refuseForHive(f.type, text);
}

function render(t: DuckDbType, text: string, scalars: Readonly<Record<string, string>>): string {
  switch (t.kind) {
    case 'list': return `ARRAY(${render(t.element, text, scalars)})`;
    case 'map': return `MAP(${render(t.key, text, scalars)}, ${render(t.value, text, scalars)})`;
    case 'struct': return `ROW(${t.fields.map((f) => `${quoteIdent(f.name)} ${render(f.type, text, scalars)}`).join(', ')})`;
    case 'scalar': {
      if (t.name === 'DECIMAL') {
        const [p, s] = t.params;
        if (p === undefined || s === undefined || t.params.length !== 2 || p < 1 || p > 38 || s > p) {
          throw new TrinoRefusal(`type "${text}"`, 'Trino decimals have a precision from 1 to 38 and a scale of at most the precision');
        }
        return `DECIMAL(${p},${s})`;
      }
      const mapped = t.params.length === 0 ? scalars[t.name] : undefined;
      if (mapped) return mapped;
      throw new TrinoRefusal(`type "${text}"`, t.name === 'INTERVAL'
        ? 'Trino has two interval types (DAY TO SECOND and YEAR TO MONTH) and none matches DuckDB\'s INTERVAL'
        : 'no Trino type is known to read it');
    }
  }
}
