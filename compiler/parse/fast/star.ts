// parse/fast/: `*` and `rel.*` select-list entries with their EXCLUDE and REPLACE lists. The lists come out
// in DuckDB's hash-table order (star-order.ts); qualified EXCLUDE names and RENAME decline.
import type { Cursor } from './cursor.js';
import { decline } from './decline.js';
import { parseExpr } from './expr-parser.js';
import { KW_COLUMN_NAME, KW_NONE, KW_UNRESERVED } from './keywords.js';
import { T_IDENT, T_QIDENT, T_STRING } from './lexer.js';
import { star, type Expr } from './nodes.js';
import { hashTableOrder, MAX_HASHED_ENTRIES } from './star-order.js';

/** True when the cursor is at `*` or `name.*` (a star select-list entry). */
export function atStar(p: Cursor): boolean {
  if (p.isOp('*')) return true;
  const k = p.kind[p.i];
  return (k === T_IDENT || k === T_QIDENT) && p.isOp('.', 1) && p.isOp('*', 2);
}

/** Parses a star entry (cursor on `*` or on the relation name). */
export function parseStar(p: Cursor): Expr {
  const loc = p.pos[p.i]!;
  let relation = '';
  if (!p.isOp('*')) {
    if (p.kind[p.i] === T_IDENT && !isColId(p)) decline();
    relation = p.text[p.i]!;
    p.i += 2;
  }
  p.i++;
  const exclude = p.acceptWord('exclude') ? parseExcludeList(p) : [];
  const replace = p.acceptWord('replace') ? parseReplaceList(p) : [];
  if (p.isWord('rename')) decline();
  if (exclude.length > 0 && replace.length > 0) {
    const excluded = new Set(exclude.map((n) => n.toLowerCase()));
    if (replace.some((e) => excluded.has(e.key.toLowerCase()))) decline();
  }
  return star(loc, relation, exclude, replace);
}

function isColId(p: Cursor): boolean {
  const kw = p.kw[p.i];
  return kw === KW_NONE || kw === KW_UNRESERVED || kw === KW_COLUMN_NAME;
}

/** A name in an EXCLUDE list: identifier, quoted identifier or string, unqualified and ASCII. */
function parseExcludeName(p: Cursor): string {
  const k = p.kind[p.i];
  if (!(k === T_QIDENT || k === T_STRING || (k === T_IDENT && isColId(p)))) decline();
  const name = p.text[p.i++]!;
  if (p.isOp('.') || !isAscii(name)) decline();
  return name;
}

function parseExcludeList(p: Cursor): string[] {
  const names: string[] = [];
  if (p.acceptOp('(')) {
    do {
      if (p.isOp(')')) break;
      names.push(parseExcludeName(p));
    } while (p.acceptOp(','));
    p.expectOp(')');
  } else {
    names.push(parseExcludeName(p));
  }
  checkDistinct(names);
  // parsed into one hash set, then copied into another for serialization
  return hashTableOrder(hashTableOrder(names, id), id);
}

function parseReplaceList(p: Cursor): { key: string; value: Expr }[] {
  const entries: { key: string; value: Expr }[] = [];
  const one = (): void => {
    const value = parseExpr(p);
    p.expectWord('as');
    const k = p.kind[p.i];
    if (!(k === T_QIDENT || (k === T_IDENT && isColId(p)))) decline();
    const key = p.text[p.i++]!;
    if (!isAscii(key)) decline();
    entries.push({ key, value });
  };
  if (p.acceptOp('(')) {
    do {
      if (p.isOp(')')) break;
      one();
    } while (p.acceptOp(','));
    p.expectOp(')');
  } else {
    one();
  }
  checkDistinct(entries.map((e) => e.key));
  return hashTableOrder(entries, (e) => e.key);
}

const id = (s: string): string => s;

function checkDistinct(names: string[]): void {
  if (names.length === 0 || names.length > MAX_HASHED_ENTRIES) decline();
  const seen = new Set<string>();
  for (const n of names) {
    const low = n.toLowerCase();
    if (seen.has(low)) decline();
    seen.add(low);
  }
}

function isAscii(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) > 127) return false;
  return true;
}
