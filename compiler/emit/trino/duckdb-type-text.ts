// emit/trino/: reads a DuckDB type as the catalog spells it (`DECIMAL(10,2)`, `VARCHAR[]`,
// `STRUCT(a INTEGER, "b c" VARCHAR[])`, `MAP(VARCHAR, BIGINT)`, `TIMESTAMP WITH TIME ZONE`) into a tree.
// Aliases are folded to DuckDB's canonical names (INT -> INTEGER, TEXT -> VARCHAR, TIMESTAMPTZ -> …).
// @see https://duckdb.org/docs/stable/sql/data_types/overview (names and aliases)
import { TrinoRefusal } from './trino-refusal.js';

/** A parsed DuckDB type. `name` is canonical and upper-case; `params` are DECIMAL's width and scale. */
export type DuckDbType =
  | { readonly kind: 'scalar'; readonly name: string; readonly params: readonly number[] }
  | { readonly kind: 'list'; readonly element: DuckDbType }
  | { readonly kind: 'struct'; readonly fields: readonly { readonly name: string; readonly type: DuckDbType }[] }
  | { readonly kind: 'map'; readonly key: DuckDbType; readonly value: DuckDbType };

/** DuckDB's aliases, to canonical names. */
const ALIASES: Readonly<Record<string, string>> = {
  INT: 'INTEGER', INT4: 'INTEGER', SIGNED: 'INTEGER', INT8: 'BIGINT', LONG: 'BIGINT', INT2: 'SMALLINT', SHORT: 'SMALLINT',
  INT1: 'TINYINT', INT16: 'HUGEINT', FLOAT8: 'DOUBLE', 'DOUBLE PRECISION': 'DOUBLE', FLOAT4: 'FLOAT', REAL: 'FLOAT',
  NUMERIC: 'DECIMAL', TEXT: 'VARCHAR', STRING: 'VARCHAR', CHAR: 'VARCHAR', BPCHAR: 'VARCHAR', 'CHARACTER VARYING': 'VARCHAR',
  BOOL: 'BOOLEAN', LOGICAL: 'BOOLEAN', BYTEA: 'BLOB', BINARY: 'BLOB', VARBINARY: 'BLOB', DATETIME: 'TIMESTAMP',
  TIMESTAMPTZ: 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP_US': 'TIMESTAMP',
};

type Token = { readonly kind: 'word' | 'quoted' | 'number' | 'punct'; readonly text: string };

/**
 * Parses `text`. DECIMAL without parameters is DECIMAL(18,3), DuckDB's default; VARCHAR(n) drops its
 * length (DuckDB ignores it). Fixed-size arrays (`INTEGER[3]`) read as lists.
 * @throws TrinoRefusal when `text` is not a type this reader knows the shape of.
 */
export function parseDuckDbType(text: string): DuckDbType {
  const tokens = tokenize(text);
  const state = { tokens, i: 0, text };
  const type = readType(state);
  if (state.i !== tokens.length) fail(text);
  return type;
}

interface State {
  readonly tokens: readonly Token[];
  i: number;
  readonly text: string;
}

function readType(s: State): DuckDbType {
  let type = readBase(s);
  while (peek(s, '[')) {
    s.i++;
    if (s.tokens[s.i]?.kind === 'number') s.i++;
    expect(s, ']');
    type = { kind: 'list', element: type };
  }
  return type;
}

function readBase(s: State): DuckDbType {
  const words: string[] = [];
  while (s.tokens[s.i]?.kind === 'word') words.push(s.tokens[s.i++]!.text.toUpperCase());
  if (words.length === 0) fail(s.text);
  const joined = words.join(' ');
  const name = ALIASES[joined] ?? joined;
  if ((name === 'STRUCT' || name === 'ROW') && peek(s, '(')) return readStruct(s);
  if (name === 'MAP' && peek(s, '(')) {
    s.i++;
    const key = readType(s);
    expect(s, ',');
    const value = readType(s);
    expect(s, ')');
    return { kind: 'map', key, value };
  }
  const params: number[] = [];
  if (peek(s, '(')) {
    s.i++;
    for (;;) {
      const t = s.tokens[s.i++];
      if (t?.kind !== 'number') fail(s.text);
      params.push(Number(t.text));
      if (peek(s, ')')) break;
      expect(s, ',');
    }
    expect(s, ')');
  }
  if (name === 'VARCHAR') return { kind: 'scalar', name, params: [] };
  if (name === 'DECIMAL') return { kind: 'scalar', name, params: params.length === 0 ? [18, 3] : params.length === 1 ? [params[0]!, 0] : params };
  return { kind: 'scalar', name, params };
}

function readStruct(s: State): DuckDbType {
  expect(s, '(');
  const fields: { name: string; type: DuckDbType }[] = [];
  for (;;) {
    const t = s.tokens[s.i++];
    if (t?.kind !== 'word' && t?.kind !== 'quoted') fail(s.text);
    fields.push({ name: t.text, type: readType(s) });
    if (peek(s, ')')) break;
    expect(s, ',');
  }
  expect(s, ')');
  return { kind: 'struct', fields };
}

function peek(s: State, punct: string): boolean {
  const t = s.tokens[s.i];
  return t?.kind === 'punct' && t.text === punct;
}

function expect(s: State, punct: string): void {
  if (!peek(s, punct)) fail(s.text);
  s.i++;
}

function fail(text: string): never {
  throw new TrinoRefusal(`type "${text}"`, 'not a DuckDB type this translator can read');
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let name = '';
      i++;
      for (;;) {
        if (i >= text.length) fail(text);
        if (text[i] === '"' && text[i + 1] === '"') { name += '"'; i += 2; continue; }
        if (text[i] === '"') { i++; break; }
        name += text[i++];
      }
      out.push({ kind: 'quoted', text: name });
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(text.slice(i))![0];
      out.push({ kind: 'number', text: m });
      i += m.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))![0];
      out.push({ kind: 'word', text: m });
      i += m.length;
    } else if ('()[],'.includes(c)) {
      out.push({ kind: 'punct', text: c });
      i++;
    } else {
      fail(text);
    }
  }
  return out;
}
