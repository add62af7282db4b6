// parse/: splits a model file into its optional header config, its statement form
// (SELECT, CREATE [OR REPLACE] TABLE|VIEW … AS, INSERT INTO … SELECT) and the SELECT body.
// A small hand scanner: DuckDB's serializer accepts only SELECT, so the wrapper is peeled here.

/** How a model file states its query. */
export type StatementForm = 'select' | 'create_table_as' | 'create_view_as' | 'insert_select';

/** The pieces of a model file. Offsets are 0-based into the file text. */
export interface ModelStatement {
  readonly form: StatementForm;
  /** Target named by CREATE/INSERT, or undefined for a bare SELECT. */
  readonly target?: { readonly name: string; readonly offset: number };
  /** The SELECT text handed to the parser, and where it starts in the file. */
  readonly body: string;
  readonly bodyOffset: number;
}

/** Header `-- lakec: key=value, key=value` on the first non-blank line, parsed. */
export interface ModelHeader {
  readonly config: Readonly<Record<string, string>>;
  /** Offset of each key, for diagnostics. */
  readonly keyOffsets: Readonly<Record<string, number>>;
  /** A malformed pair, if any, with its offset. */
  readonly malformed?: { readonly text: string; readonly offset: number };
}

const HEADER = /^[ \t]*--[ \t]*lakec:(.*)$/m;

/** Reads the lakec header comment if the file's first non-blank line is one. */
export function parseModelHeader(text: string): ModelHeader {
  const firstLine = /^\s*/.exec(text)?.[0].length ?? 0;
  const m = HEADER.exec(text.slice(firstLine));
  if (!m || m.index !== 0) return { config: {}, keyOffsets: {} };
  const body = m[1] ?? '';
  const bodyStart = firstLine + m[0].length - body.length;
  const config: Record<string, string> = {};
  const keyOffsets: Record<string, number> = {};
  let pos = 0;
  for (const part of body.split(',')) {
    const offset = bodyStart + pos + (part.length - part.trimStart().length);
    pos += part.length + 1;
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) return { config, keyOffsets, malformed: { text: part.trim(), offset } };
    const key = part.slice(0, eq).trim();
    config[key] = part.slice(eq + 1).trim();
    keyOffsets[key] = offset;
  }
  return { config, keyOffsets };
}

/** Offset of the first character that is not whitespace or inside a `--` / `/* *\/` comment. */
export function skipTrivia(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('--', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else return i;
  }
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const QUALIFIED = String.raw`${IDENT}(?:\s*\.\s*${IDENT})*`;
const CREATE = new RegExp(String.raw`^create\s+(?:or\s+replace\s+)?(?:temp(?:orary)?\s+)?(table|view)\s+(?:if\s+not\s+exists\s+)?(${QUALIFIED})\s*(?:\([^)]*\)\s*)?as\s`, 'i');
const INSERT = new RegExp(String.raw`^insert\s+(?:or\s+replace\s+)?into\s+(${QUALIFIED})\s*(?:\([^)]*\)\s*)?`, 'i');

/** Splits `text` into form, target and SELECT body. Never throws; an unrecognized wrapper stays in the body. */
export function splitModelStatement(text: string): ModelStatement {
  const start = skipTrivia(text, 0);
  const rest = text.slice(start);
  const create = CREATE.exec(rest);
  if (create) {
    const nameText = create[2]!;
    const nameOffset = start + create[0].indexOf(nameText, create[0].toLowerCase().indexOf(create[1]!.toLowerCase()) + create[1]!.length);
    return { form: create[1]!.toLowerCase() === 'view' ? 'create_view_as' : 'create_table_as', target: { name: lastPart(nameText), offset: nameOffset }, body: text.slice(start + create[0].length), bodyOffset: start + create[0].length };
  }
  const insert = INSERT.exec(rest);
  if (insert) {
    const nameText = insert[1]!;
    return { form: 'insert_select', target: { name: lastPart(nameText), offset: start + insert[0].indexOf(nameText) }, body: text.slice(start + insert[0].length), bodyOffset: start + insert[0].length };
  }
  return { form: 'select', body: text, bodyOffset: 0 };
}

function lastPart(qualified: string): string {
  const parts = qualified.match(new RegExp(IDENT, 'g')) ?? [qualified];
  const last = parts[parts.length - 1]!;
  return last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last;
}
