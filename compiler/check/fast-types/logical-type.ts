// check/fast-types/: DuckDB logical types as the fast inferer models them. A type carries its DESCRIBE
// spelling (`text`), so formatting an output column is a field read. Binder-only pseudo types model what
// DuckDB's binder does with constants: an integer constant is an INTEGER_LITERAL (it casts cheaply to
// any integer type it fits), a string constant a STRING_LITERAL, a bare NULL the NULL type.
// @see https://duckdb.org/docs/stable/sql/data_types/overview
// @see https://duckdb.org/docs/stable/sql/data_types/typecasting (literal types)

/** Type ids. `OTHER` is a type the inferer only passes through (STRUCT, MAP, JSON, …); its `text` identifies it. */
export type TypeId =
  | 'BOOLEAN' | 'TINYINT' | 'SMALLINT' | 'INTEGER' | 'BIGINT' | 'HUGEINT'
  | 'UTINYINT' | 'USMALLINT' | 'UINTEGER' | 'UBIGINT' | 'UHUGEINT'
  | 'FLOAT' | 'DOUBLE' | 'DECIMAL' | 'VARCHAR' | 'BLOB' | 'UUID'
  | 'DATE' | 'TIME' | 'TIMESTAMP' | 'TIMESTAMP WITH TIME ZONE' | 'TIMESTAMP_S' | 'TIMESTAMP_MS' | 'TIMESTAMP_NS' | 'INTERVAL'
  | 'LIST' | 'OTHER'
  | 'NULL' | 'INTEGER_LITERAL' | 'STRING_LITERAL'
  | 'ANY' | 'TEMPLATE';

/**
 * A logical type. `width`/`scale` are set for DECIMAL (0/0 marks the generic `DECIMAL` of a signature),
 * `child` for LIST, `base`/`value` for INTEGER_LITERAL (its preferred type and, approximately beyond
 * 2^53, its value). Instances are immutable and shared.
 */
export interface LType {
  readonly id: TypeId;
  readonly text: string;
  readonly width: number;
  readonly scale: number;
  readonly child: LType | undefined;
  readonly base: LType | undefined;
  readonly value: number;
}

function make(id: TypeId, text: string, width = 0, scale = 0, child?: LType, base?: LType, value = 0): LType {
  return Object.freeze({ id, text, width, scale, child, base, value });
}

const SIMPLE_IDS: readonly TypeId[] = [
  'BOOLEAN', 'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT',
  'FLOAT', 'DOUBLE', 'VARCHAR', 'BLOB', 'UUID', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP_S',
  'TIMESTAMP_MS', 'TIMESTAMP_NS', 'INTERVAL',
];

/** The shared instance of every parameterless type, by id. */
export const SCALAR: Readonly<Record<string, LType>> = Object.freeze(Object.fromEntries(SIMPLE_IDS.map((id) => [id, make(id, id)])));

export const BOOLEAN = SCALAR['BOOLEAN']!;
export const INTEGER = SCALAR['INTEGER']!;
export const BIGINT = SCALAR['BIGINT']!;
export const HUGEINT = SCALAR['HUGEINT']!;
export const DOUBLE = SCALAR['DOUBLE']!;
export const VARCHAR = SCALAR['VARCHAR']!;
export const DATE = SCALAR['DATE']!;
export const TIMESTAMP = SCALAR['TIMESTAMP']!;
/** The type of a bare `NULL` constant. */
export const NULL_TYPE = make('NULL', 'INTEGER');
/** The type of a string constant while it is being bound; it becomes VARCHAR in a query's output. */
export const STRING_LITERAL = make('STRING_LITERAL', 'VARCHAR');
/** `ANY` in a signature. */
export const ANY = make('ANY', 'ANY');
/** A template parameter (`T`, `K`, `V`) in a signature. */
export const TEMPLATE = make('TEMPLATE', 'T');
/** The generic `DECIMAL` of a signature (width and scale decided by the function's bind rule). */
export const GENERIC_DECIMAL = make('DECIMAL', 'DECIMAL');

const decimals = new Map<number, LType>();
/** DECIMAL(width, scale), shared per (width, scale). */
export function decimal(width: number, scale: number): LType {
  const key = width * 64 + scale;
  let t = decimals.get(key);
  if (!t) decimals.set(key, (t = make('DECIMAL', `DECIMAL(${width},${scale})`, width, scale)));
  return t;
}

const lists = new Map<LType, LType>();
/** `child[]`, shared per child instance. */
export function listOf(child: LType): LType {
  let t = lists.get(child);
  if (!t) lists.set(child, (t = make('LIST', `${child.text}[]`, 0, 0, child)));
  return t;
}

const others = new Map<string, LType>();
/** A pass-through type identified by its DESCRIBE spelling. */
export function otherType(text: string): LType {
  let t = others.get(text);
  if (!t) others.set(text, (t = make('OTHER', text)));
  return t;
}

/** An integer constant: `base` is INTEGER, BIGINT or HUGEINT (whatever the parser typed the value as). */
export function integerLiteral(base: LType, value: number): LType {
  return make('INTEGER_LITERAL', base.text, 0, 0, undefined, base, value);
}

/**
 * The type a value of `t` has once it leaves an expression (DuckDB's NormalizeType): literal types take
 * their final type. NULL stays NULL (it unifies with anything) until the outermost query reports it as
 * INTEGER, which is NULL_TYPE's text.
 */
export function normalize(t: LType): LType {
  switch (t.id) {
    case 'INTEGER_LITERAL': return t.base!;
    case 'STRING_LITERAL': return VARCHAR;
    default: return t;
  }
}

/** Names DuckDB prints for pass-through types it can hand us (anything else is declined). */
const PASS_THROUGH = new Set(['JSON', 'BIT', 'BIGNUM', 'TIME WITH TIME ZONE', 'TIME_NS', 'GEOMETRY', 'VARIANT']);
const PASS_THROUGH_PREFIXES = ['STRUCT(', 'MAP(', 'UNION(', 'ENUM('];

const parsed = new Map<string, LType | null>();

/**
 * Parses a type as DuckDB's DESCRIBE prints it (`DECIMAL(18,3)`, `VARCHAR[]`, `STRUCT(a INTEGER)`, …).
 * Returns undefined for spellings DESCRIBE would not print (aliases such as `INT` or `TEXT`, lower case), so
 * a column of such a type is never echoed with the wrong name.
 */
export function parseTypeText(text: string): LType | undefined {
  const cached = parsed.get(text);
  if (cached !== undefined) return cached ?? undefined;
  const t = parseUncached(text);
  parsed.set(text, t ?? null);
  return t;
}

function parseUncached(text: string): LType | undefined {
  const simple = SCALAR[text];
  if (simple) return simple;
  if (text.endsWith('[]')) {
    const child = parseTypeText(text.slice(0, -2));
    return child ? listOf(child) : undefined;
  }
  if (text.startsWith('DECIMAL(') && text.endsWith(')')) {
    const comma = text.indexOf(',');
    const width = Number(text.slice(8, comma));
    const scale = Number(text.slice(comma + 1, -1));
    if (comma < 0 || !Number.isInteger(width) || !Number.isInteger(scale) || width < 1 || width > 38 || scale < 0 || scale > width) return undefined;
    return decimal(width, scale);
  }
  if (PASS_THROUGH.has(text)) return otherType(text);
  for (const p of PASS_THROUGH_PREFIXES) if (text.startsWith(p) && text.endsWith(')')) return otherType(text);
  if (text.endsWith(']')) {
    // Fixed-size ARRAY, e.g. INTEGER[3].
    const open = text.lastIndexOf('[');
    const size = text.slice(open + 1, -1);
    if (open > 0 && size !== '' && Number.isInteger(Number(size)) && parseTypeText(text.slice(0, open))) return otherType(text);
  }
  return undefined;
}
