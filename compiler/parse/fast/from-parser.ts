// parse/fast/: the FROM clause: base tables with aliases, parenthesized subqueries, and joins (INNER, LEFT,
// RIGHT, FULL, CROSS; ON or USING), left-deep as DuckDB builds them. A comma list becomes unlocated CROSS
// joins. Table functions, LATERAL, NATURAL/ASOF/SEMI/ANTI/POSITIONAL joins and sampling decline.
import type { Cursor } from './cursor.js';
import { decline } from './decline.js';
import { parseExpr, tryParenthesizedSelect } from './expr-parser.js';
import { KW_COLUMN_NAME, KW_NONE, KW_UNRESERVED } from './keywords.js';
import { T_IDENT, T_QIDENT, T_STRING } from './lexer.js';
import { baseTable, joinRef, NO_LOC, subqueryRef, type TableRef } from './nodes.js';

const JOIN_TYPES: ReadonlyMap<string, string> = new Map([['inner', 'INNER'], ['left', 'LEFT'], ['right', 'RIGHT'], ['full', 'FULL']]);

/** Parses the list after FROM into one TableRef. */
export function parseFromList(p: Cursor): TableRef {
  let result = parseTableRef(p);
  while (p.acceptOp(',')) result = joinRef(NO_LOC, result, parseTableRef(p), null, 'INNER', 'CROSS', []);
  return result;
}

/** One FROM item with the joins chained onto it. */
function parseTableRef(p: Cursor): TableRef {
  let left = parseTablePrimary(p);
  for (;;) {
    const loc = p.here();
    if (p.isWord('cross') && p.isWord('join', 1)) {
      p.i += 2;
      left = joinRef(loc, left, parseTablePrimary(p), null, 'INNER', 'CROSS', []);
      continue;
    }
    let joinType = 'INNER';
    if (p.kind[p.i] === T_IDENT && JOIN_TYPES.has(p.lower[p.i]!)) {
      joinType = JOIN_TYPES.get(p.lower[p.i++]!)!;
      if (joinType !== 'INNER') p.acceptWord('outer');
      if (!p.isWord('join')) decline();
    } else if (!p.isWord('join')) {
      if (p.isWord('natural') || p.isWord('asof') || p.isWord('positional') || p.isWord('semi') || p.isWord('anti')) decline();
      return left;
    }
    p.i++;
    const right = parseTablePrimary(p);
    if (p.acceptWord('on')) {
      left = joinRef(loc, left, right, parseExpr(p), joinType, 'REGULAR', []);
    } else if (p.acceptWord('using')) {
      left = joinRef(loc, left, right, null, joinType, 'REGULAR', parseNameList(p));
    } else {
      return decline();
    }
  }
}

/** A table name, or a parenthesized subquery, with its alias. */
function parseTablePrimary(p: Cursor): TableRef {
  if (p.isOp('(')) {
    const stmt = tryParenthesizedSelect(p);
    if (stmt === undefined) decline();
    const [alias, columns] = parseAlias(p);
    return subqueryRef(stmt, alias, columns);
  }
  const loc = p.here();
  const parts: string[] = [];
  const k = p.kind[p.i];
  if (k === T_QIDENT || (k === T_IDENT && (p.kw[p.i] === KW_NONE || p.kw[p.i] === KW_UNRESERVED))) parts.push(p.text[p.i++]!);
  else decline();
  while (p.acceptOp('.')) {
    const kk = p.kind[p.i];
    if (kk !== T_IDENT && kk !== T_QIDENT) decline();
    parts.push(p.text[p.i++]!);
  }
  if (parts.length > 3 || p.isOp('(') || p.isOp('*')) decline();
  const [alias, columns] = parseAlias(p);
  const table = parts[parts.length - 1]!;
  const schema = parts.length >= 2 ? parts[parts.length - 2]! : '';
  const catalog = parts.length === 3 ? parts[0]! : '';
  return baseTable(loc, catalog, schema, table, alias, columns);
}

/** `[AS] alias [(col, ...)]`, or nothing: returns [alias or '', column aliases]. */
function parseAlias(p: Cursor): [string, string[]] {
  let alias = '';
  const k = p.kind[p.i];
  const kw = p.kw[p.i];
  if (p.acceptWord('as')) {
    const a = p.kind[p.i];
    if (!(a === T_QIDENT || a === T_STRING || (a === T_IDENT && (p.kw[p.i] === KW_NONE || p.kw[p.i] === KW_UNRESERVED || p.kw[p.i] === KW_COLUMN_NAME)))) decline();
    alias = p.text[p.i++]!;
  } else if (k === T_QIDENT || (k === T_IDENT && (kw === KW_NONE || kw === KW_UNRESERVED))) {
    alias = p.text[p.i++]!;
  } else {
    return ['', []];
  }
  const columns = p.isOp('(') ? parseNameList(p) : [];
  return [alias, columns];
}

/** `(name, ...)` of plain or quoted identifiers. */
function parseNameList(p: Cursor): string[] {
  p.expectOp('(');
  const names: string[] = [];
  do {
    const k = p.kind[p.i];
    if (!(k === T_QIDENT || (k === T_IDENT && (p.kw[p.i] === KW_NONE || p.kw[p.i] === KW_UNRESERVED)))) decline();
    names.push(p.text[p.i++]!);
  } while (p.acceptOp(','));
  p.expectOp(')');
  return names;
}
