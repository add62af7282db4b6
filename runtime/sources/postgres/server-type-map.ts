// sources/postgres: which DuckDB column type a PostgreSQL column reads as, and which declared types a
// server column may fill without losing values. Pure.

/** A column as the server's catalog describes it (information_schema.columns + pg_type.typtype). */
export interface ServerColumn {
  readonly name: string;
  /** information_schema `data_type`, e.g. `integer`, `character varying`, `numeric`, `USER-DEFINED`. */
  readonly dataType: string;
  /** pg_type name, e.g. `int4`, `varchar`, `numeric`, or the enum's name. */
  readonly udtName: string;
  /** pg_type.typtype: `b` base, `e` enum, `d` domain, … */
  readonly typtype: string | undefined;
  /** Declared precision and scale of a `numeric(p,s)`; null when unconstrained or not numeric. */
  readonly precision: number | null;
  readonly scale: number | null;
}

/** pg_type names and the DuckDB type each reads as (as DuckDB's postgres scanner maps them). */
const BY_UDT: Readonly<Record<string, string>> = {
  int2: 'SMALLINT', int4: 'INTEGER', int8: 'BIGINT', float4: 'FLOAT', float8: 'DOUBLE', bool: 'BOOLEAN',
  text: 'VARCHAR', varchar: 'VARCHAR', bpchar: 'VARCHAR', name: 'VARCHAR', citext: 'VARCHAR',
  date: 'DATE', timestamp: 'TIMESTAMP', timestamptz: 'TIMESTAMP WITH TIME ZONE', time: 'TIME',
  uuid: 'UUID', json: 'JSON', jsonb: 'JSON', bytea: 'BLOB', oid: 'BIGINT',
};

/** Integer widths in decimal digits, for integer → DECIMAL widening. */
const INT_DIGITS: Readonly<Record<string, number>> = { SMALLINT: 5, INTEGER: 10, BIGINT: 19 };
const INT_ORDER = ['SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT'];

/** The server type as people write it: `integer`, `numeric(10,2)`, `character varying`, an enum name. */
export function serverTypeName(c: ServerColumn): string {
  if (c.udtName === 'numeric' && c.precision !== null) return `numeric(${c.precision},${c.scale ?? 0})`;
  return c.dataType === 'USER-DEFINED' ? c.udtName : c.dataType;
}

/**
 * The DuckDB type `c` reads as: `DECIMAL(p,s)` for `numeric(p,s)` with p ≤ 38, `DOUBLE` for an
 * unconstrained numeric, `VARCHAR` for enums, else BY_UDT; undefined when lakec cannot read it
 * (arrays, ranges, geometric types, numeric wider than 38 digits, intervals).
 */
export function duckDbTypeOf(c: ServerColumn): string | undefined {
  if (c.typtype === 'e') return 'VARCHAR';
  if (c.dataType === 'ARRAY') return undefined;
  if (c.udtName === 'numeric') {
    if (c.precision === null) return 'DOUBLE';
    return c.precision <= 38 ? `DECIMAL(${c.precision},${c.scale ?? 0})` : undefined;
  }
  return BY_UDT[c.udtName];
}

/**
 * True when a column of server type `c` can be written as `declared` (a canonical DuckDB type, see
 * compiler/load/load-tables.ts) without losing or changing values: the same type; a wider integer;
 * FLOAT as DOUBLE; DECIMAL(p,s) as one with at least as many integer and fraction digits; an integer
 * as a DECIMAL with room for it; JSON or UUID as VARCHAR; an unconstrained numeric as DOUBLE or any
 * DECIMAL (a value that does not fit then fails the conversion).
 */
export function acceptsServerType(c: ServerColumn, declared: string): boolean {
  const mapped = duckDbTypeOf(c);
  if (mapped === undefined) return false;
  if (mapped === declared) return true;
  const d = decimal(declared);
  if (c.udtName === 'numeric' && c.precision === null) return d !== undefined;
  const m = decimal(mapped);
  if (m && d) return d.s >= m.s && d.p - d.s >= m.p - m.s;
  const from = INT_ORDER.indexOf(mapped);
  if (from >= 0 && INT_ORDER.indexOf(declared) > from) return true;
  const digits = INT_DIGITS[mapped];
  if (digits !== undefined && d) return d.p - d.s >= digits;
  if (mapped === 'FLOAT' && declared === 'DOUBLE') return true;
  return declared === 'VARCHAR' && (mapped === 'JSON' || mapped === 'UUID');
}

function decimal(t: string): { p: number; s: number } | undefined {
  const m = /^DECIMAL\((\d+),(\d+)\)$/.exec(t);
  return m ? { p: Number(m[1]), s: Number(m[2]) } : undefined;
}
