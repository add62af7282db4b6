// parse/fast/: one SELECT block: DISTINCT [ON], the select list with aliases and stars, FROM, WHERE,
// GROUP BY (expressions deduplicated as DuckDB does, or ALL), HAVING and QUALIFY. INTO, WINDOW, sampling
// and grouping sets decline.
import type { Cursor } from './cursor.js';
import { decline } from './decline.js';
import { parseExpr } from './expr-parser.js';
import { parseFromList } from './from-parser.js';
import { KW_NONE, KW_RESERVED } from './keywords.js';
import { T_EOF, T_IDENT, T_QIDENT, T_STRING } from './lexer.js';
import type { Expr } from './nodes.js';
import type { SimpleSelect } from './query-node.js';
import { atStar, parseStar } from './star.js';

/** Reserved words that end a select list (after an optional trailing comma). */
const LIST_END = new Set(['from', 'where', 'group', 'having', 'qualify', 'window', 'order', 'limit', 'offset', 'union', 'except', 'intersect']);

/** Parses `SELECT ...` up to the end of QUALIFY (cursor on SELECT). */
export function parseSimpleSelect(p: Cursor): SimpleSelect {
  p.expectWord('select');
  let distinct: Expr[] | undefined;
  if (p.acceptWord('distinct')) {
    distinct = [];
    if (p.acceptWord('on')) {
      p.expectOp('(');
      distinct.push(parseExpr(p));
      while (p.acceptOp(',')) distinct.push(parseExpr(p));
      p.expectOp(')');
    }
  } else p.acceptWord('all');
  const targets = parseTargetList(p);
  if (p.isWord('into')) decline();
  const from = p.acceptWord('from') ? parseFromList(p) : null;
  const where = p.acceptWord('where') ? parseExpr(p) : null;
  let grouping: Grouping = { groups: [], sets: [] };
  let groupAll = false;
  if (p.isWord('group')) {
    p.i++;
    p.expectWord('by');
    if (p.isWord('all') && !p.isOp('(', 1)) {
      p.i++;
      groupAll = true;
    } else grouping = parseGroupBy(p);
  }
  const having = p.acceptWord('having') ? parseExpr(p) : null;
  if (p.isWord('window')) decline();
  const qualify = p.acceptWord('qualify') ? parseExpr(p) : null;
  if (p.isWord('using')) decline();
  return { kind: 'select', distinct, targets, from, where, groups: grouping.groups, groupSets: grouping.sets, groupAll, having, qualify };
}

function parseTargetList(p: Cursor): Expr[] {
  const targets = [parseTarget(p)];
  while (p.acceptOp(',')) {
    if (endsList(p)) break;
    targets.push(parseTarget(p));
  }
  return targets;
}

/** After a trailing comma: does the select list end here? */
function endsList(p: Cursor): boolean {
  const k = p.kind[p.i];
  if (k === T_EOF || p.isOp(')') || p.isOp(';')) return true;
  return k === T_IDENT && p.kw[p.i] === KW_RESERVED && LIST_END.has(p.lower[p.i]!);
}

/** One select-list entry: a star, or an expression with an optional alias. */
function parseTarget(p: Cursor): Expr {
  if (atStar(p)) return parseStar(p);
  const expr = parseExpr(p);
  const k = p.kind[p.i];
  let alias: string | undefined;
  if (p.acceptWord('as')) {
    const a = p.kind[p.i];
    if (a !== T_IDENT && a !== T_QIDENT && a !== T_STRING) decline();
    alias = p.text[p.i++]!;
  } else if (k === T_QIDENT || (k === T_IDENT && p.kw[p.i] === KW_NONE)) {
    alias = p.text[p.i++]!;
  }
  // parseExpr hands back a node no one else holds, so the alias can be set in place
  if (alias !== undefined) expr.alias = alias;
  return expr;
}

/** GROUP BY's distinct expressions and its grouping sets (indexes into them, ascending). */
interface Grouping {
  readonly groups: Expr[];
  readonly sets: number[][];
}

/**
 * GROUP BY items as DuckDB's TransformGroupBy reads them: every expression is stored once (deduplicated
 * like its GroupingExpressionMap), each item contributes grouping sets (one set for an expression, the
 * prefixes for ROLLUP), and the items' sets combine as a cartesian product.
 */
function parseGroupBy(p: Cursor): Grouping {
  const groups: Expr[] = [];
  const keys: string[] = [];
  const indexOf = (expr: Expr): number => {
    const key = JSON.stringify(expr, equalityKey);
    if (key.includes('"CONJUNCTION"') || key.includes('"SUBQUERY"') || key.includes('"WINDOW"')) decline();
    const at = keys.indexOf(key);
    if (at >= 0) return at;
    groups.push(expr);
    keys.push(key);
    return groups.length - 1;
  };
  let sets: number[][] | undefined;
  do {
    if (p.isOp('(') && p.isOp(')', 1)) decline();
    let itemSets: number[][];
    if (p.isWord('rollup') && p.isOp('(', 1)) {
      p.i += 2;
      const prefix: number[] = [];
      itemSets = [[]];
      do {
        prefix.push(indexOf(parseExpr(p)));
        itemSets.push([...prefix]);
      } while (p.acceptOp(','));
      p.expectOp(')');
    } else {
      if ((p.isWord('cube') || p.isWord('grouping')) && (p.isOp('(', 1) || p.isWord('sets', 1))) decline();
      itemSets = [[indexOf(parseExpr(p))]];
    }
    sets = sets === undefined ? itemSets : sets.flatMap((a) => itemSets.map((b) => [...a, ...b]));
    if (sets.length > 4096) decline();
  } while (p.acceptOp(','));
  return { groups, sets: (sets ?? []).map(sortedUnique) };
}

function sortedUnique(set: number[]): number[] {
  return [...new Set(set)].sort((a, b) => a - b);
}

/** A JSON key under which expressions compare as ParsedExpression::Equals does: no locations or aliases, column names case-insensitive. */
function equalityKey(key: string, value: unknown): unknown {
  if (key === 'query_location' || key === 'alias') return undefined;
  if (key === 'column_names') return (value as string[]).map((n) => n.toLowerCase());
  return value;
}
