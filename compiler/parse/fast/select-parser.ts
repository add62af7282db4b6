// parse/fast/: whole queries: WITH lists, set operations (INTERSECT binding tighter than UNION [BY NAME] and EXCEPT),
// parenthesized queries, and the ORDER BY / LIMIT / OFFSET that close them. parseStatement is the entry
// point for one statement; parseSelectWithParens serves subqueries in expressions and FROM.
import type { Cursor } from './cursor.js';
import { decline } from './decline.js';
import { parseExpr } from './expr-parser.js';
import { KW_NONE, KW_UNRESERVED } from './keywords.js';
import { T_EOF, T_IDENT, T_QIDENT } from './lexer.js';
import { constant, NULL_VALUE, orderBy, star, statement, type CteEntry, type Expr, type OrderBy, type Statement } from './nodes.js';
import { parseSortDirection, parseSortList } from './order-by.js';
import { attachOptions, toQueryNode, type ParsedQuery, type QueryOptions, type SetOperation } from './query-node.js';
import { parseSimpleSelect } from './select-core.js';

/** Parses exactly one statement (trailing semicolons allowed) and returns what DuckDB serializes for it. */
export function parseStatement(p: Cursor): Statement {
  if (p.kind[p.i] === T_EOF) decline();
  const query = parseQuery(p);
  while (p.acceptOp(';'));
  if (p.kind[p.i] !== T_EOF) decline();
  return statement(toQueryNode(query));
}

/** `( query )` at the cursor, as a statement (subqueries in expressions and FROM). */
export function parseSelectWithParens(p: Cursor): Statement {
  return statement(toQueryNode(parseParenthesized(p)));
}

function parseParenthesized(p: Cursor): ParsedQuery {
  p.expectOp('(');
  const query = parseQuery(p);
  p.expectOp(')');
  return query;
}

/** SelectStmt: [WITH ...] set-operation chain [ORDER BY ...] [LIMIT/OFFSET ...]. */
function parseQuery(p: Cursor): ParsedQuery {
  const options: QueryOptions = {};
  if (p.isWord('with')) options.ctes = parseWith(p);
  const body = parseSetOperations(p, 0);
  if (p.isWord('order')) {
    p.i++;
    p.expectWord('by');
    options.sort = parseOrderBy(p);
  }
  if (p.isWord('limit') || p.isWord('offset')) options.limit = parseLimit(p);
  if (options.ctes === undefined && options.sort === undefined && options.limit === undefined) return body;
  return attachOptions(body, options);
}

function setOpLevel(p: Cursor): number {
  if (p.isWord('union') || p.isWord('except')) return 1;
  if (p.isWord('intersect')) return 2;
  return 0;
}

function parseSetOperations(p: Cursor, minLevel: number): ParsedQuery {
  let left = p.isOp('(') ? parseParenthesized(p) : parseSimpleSelect(p);
  for (;;) {
    const level = setOpLevel(p);
    if (level === 0 || level < minLevel) return left;
    let op = p.lower[p.i++]!.toUpperCase() as SetOperation['op'];
    let all = false;
    if (p.acceptWord('all')) all = true;
    else p.acceptWord('distinct');
    if (p.isWord('by')) {
      if (op !== 'UNION' || !p.isWord('name', 1)) decline();
      p.i += 2;
      op = 'UNION_BY_NAME';
    }
    const right = parseSetOperations(p, level + 1);
    left = { kind: 'setop', op, all, left, right };
  }
}

/** `WITH name [(columns)] AS (query), ...` as cte_map entries. */
function parseWith(p: Cursor): CteEntry[] {
  p.expectWord('with');
  if (p.isWord('recursive')) decline();
  const entries: CteEntry[] = [];
  const seen = new Set<string>();
  do {
    const k = p.kind[p.i];
    if (!(k === T_QIDENT || (k === T_IDENT && (p.kw[p.i] === KW_NONE || p.kw[p.i] === KW_UNRESERVED)))) decline();
    const name = p.text[p.i++]!;
    const low = name.toLowerCase();
    if (seen.has(low)) decline();
    seen.add(low);
    const aliases: string[] = [];
    if (p.acceptOp('(')) {
      do {
        const a = p.kind[p.i];
        if (!(a === T_QIDENT || (a === T_IDENT && (p.kw[p.i] === KW_NONE || p.kw[p.i] === KW_UNRESERVED)))) decline();
        aliases.push(p.text[p.i++]!);
      } while (p.acceptOp(','));
      p.expectOp(')');
    }
    p.expectWord('as');
    if (p.isWord('materialized') || p.isWord('not')) decline();
    const query = statement(toQueryNode(parseParenthesized(p)));
    entries.push({ key: name, value: { aliases, query, materialized: 'CTE_MATERIALIZE_DEFAULT', key_targets: [] } });
  } while (p.acceptOp(','));
  return entries;
}

/** The list after ORDER BY, including `ORDER BY ALL [ASC|DESC] [NULLS ...]` (a COLUMNS star). */
function parseOrderBy(p: Cursor): OrderBy[] {
  if (!p.isWord('all')) return parseSortList(p);
  const loc = p.pos[p.i++]!;
  const all: Expr = { ...star(loc, '', [], []), columns: true };
  const [type, nulls] = parseSortDirection(p);
  if (p.isOp(',')) decline();
  return [orderBy(type, nulls, all)];
}

/** LIMIT x [OFFSET y] | OFFSET y [LIMIT x]; LIMIT ALL is a NULL constant. Percentages and FETCH decline. */
function parseLimit(p: Cursor): { limit: Expr | null; offset: Expr | null } {
  let limit: Expr | null = null;
  let offset: Expr | null = null;
  let seenLimit = false;
  let seenOffset = false;
  for (;;) {
    if (!seenLimit && p.isWord('limit')) {
      p.i++;
      seenLimit = true;
      if (p.isWord('all')) limit = constant(p.pos[p.i++]!, NULL_VALUE);
      else limit = limitValue(p);
    } else if (!seenOffset && p.isWord('offset')) {
      p.i++;
      seenOffset = true;
      offset = limitValue(p);
    } else break;
  }
  return { limit, offset };
}

function limitValue(p: Cursor): Expr {
  const value = parseExpr(p);
  if (p.isOp('%') || p.isWord('percent') || p.isWord('row') || p.isWord('rows') || p.isOp(',')) decline();
  if (value.class === 'FUNCTION' && value['function_name'] === '%') decline();
  return value;
}
