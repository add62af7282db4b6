// parse/fast/: ordinary function calls and window functions, as DuckDB's TransformFuncCall builds them:
// the name lower-cased, `f(*)` with its star dropped (count(*) becomes count_star outside windows),
// IF/IFNULL rewritten to CASE/COALESCE, and OVER (...) turning the call into a WindowExpression.
import type { Cursor } from './cursor.js';
import { decline } from './decline.js';
import { parseExpr } from './expr-parser.js';
import { caseExpr, func, NO_LOC, operator, window, type Expr, type OrderBy } from './nodes.js';
import { parseSortList } from './order-by.js';
import { parseWindowSpec } from './window-spec.js';

/** Window function names with a dedicated expression type; every other name is a windowed aggregate. */
const WINDOW_TYPES: ReadonlyMap<string, string> = new Map([
  ['rank', 'WINDOW_RANK'], ['rank_dense', 'WINDOW_RANK_DENSE'], ['dense_rank', 'WINDOW_RANK_DENSE'],
  ['percent_rank', 'WINDOW_PERCENT_RANK'], ['row_number', 'WINDOW_ROW_NUMBER'], ['first_value', 'WINDOW_FIRST_VALUE'],
  ['last_value', 'WINDOW_LAST_VALUE'], ['nth_value', 'WINDOW_NTH_VALUE'], ['cume_dist', 'WINDOW_CUME_DIST'],
  ['lead', 'WINDOW_LEAD'], ['lag', 'WINDOW_LAG'], ['ntile', 'WINDOW_NTILE'], ['fill', 'WINDOW_FILL'],
]);

/** Names the transformer rewrites in ways the fast parser leaves to DuckDB. */
const DECLINED = new Set(['construct_array', '__internal_position_operator', 'unpack', 'list']);

/** What was written between a call's parentheses and after them. */
interface CallParts {
  readonly args: Expr[];
  readonly distinct: boolean;
  readonly orders: OrderBy[];
  readonly ignoreNulls: boolean;
  readonly filter: Expr | null;
}

/** Parses `(args) [FILTER (...)] [OVER (...)]` after the function name `name` (lower case) at `loc`. */
export function parseFunctionCall(p: Cursor, loc: number, name: string): Expr {
  if (DECLINED.has(name)) decline();
  const parts = parseCallParts(p);
  if (p.isWord('over')) return parseWindow(p, loc, name, parts);
  if (parts.ignoreNulls) decline();
  const plain = !parts.distinct && parts.orders.length === 0 && parts.filter === null;
  if (name === 'if') {
    if (!plain || parts.args.length !== 3) decline();
    return caseExpr(NO_LOC, [{ when_expr: parts.args[0]!, then_expr: parts.args[1]! }], parts.args[2]!);
  }
  if (name === 'ifnull') {
    if (!plain || parts.args.length !== 2) decline();
    return operator('OPERATOR_COALESCE', NO_LOC, parts.args);
  }
  const fname = name === 'count' && parts.args.length === 0 ? 'count_star' : name;
  return func(loc, fname, parts.args, { distinct: parts.distinct, orders: parts.orders, filter: parts.filter });
}

function parseCallParts(p: Cursor): CallParts {
  p.expectOp('(');
  let args: Expr[] = [];
  let distinct = false;
  if (p.isOp('*') && p.isOp(')', 1)) {
    p.i++; // f(*): the empty star argument is dropped
  } else if (!p.isOp(')')) {
    if (p.acceptWord('distinct')) distinct = true;
    else if (p.isWord('all') || p.isWord('variadic')) decline();
    args = [parseExpr(p)];
    while (p.acceptOp(',')) args.push(parseExpr(p));
  }
  let orders: OrderBy[] = [];
  if (p.isWord('order') && p.isWord('by', 1)) {
    p.i += 2;
    orders = parseSortList(p);
  }
  let ignoreNulls = false;
  if (p.isWord('ignore') && p.isWord('nulls', 1)) {
    p.i += 2;
    ignoreNulls = true;
  } else if (p.isWord('respect')) decline();
  p.expectOp(')');
  if (p.isWord('within') || p.isWord('export_state')) decline();
  let filter: Expr | null = null;
  if (p.isWord('filter') && p.isOp('(', 1)) {
    p.i += 2;
    p.acceptWord('where');
    filter = parseExpr(p);
    p.expectOp(')');
  }
  if (p.isWord('export_state')) decline();
  return { args, distinct, orders, ignoreNulls, filter };
}

/** `name(args) OVER (...)`: a WindowExpression located at the function name. */
function parseWindow(p: Cursor, loc: number, name: string, parts: CallParts): Expr {
  if (p.windowSpecDepth > 0) decline();
  p.i++;
  const type = WINDOW_TYPES.get(name) ?? 'WINDOW_AGGREGATE';
  const aggregate = type === 'WINDOW_AGGREGATE';
  if (parts.orders.length > 0) decline();
  if (!aggregate && (parts.distinct || parts.filter !== null)) decline();
  if (aggregate && parts.ignoreNulls) decline();
  const args = parts.args;
  let children = args;
  let offsetExpr: Expr | null = null;
  let defaultExpr: Expr | null = null;
  if (!aggregate) {
    children = args.slice(0, 1);
    if (type === 'WINDOW_LEAD' || type === 'WINDOW_LAG') {
      if (args.length > 3) decline();
      offsetExpr = args[1] ?? null;
      defaultExpr = args[2] ?? null;
    } else if (type === 'WINDOW_NTH_VALUE') {
      if (args.length > 2) decline();
      children = args;
    } else if (args.length > 1) decline();
  }
  const spec = parseWindowSpec(p);
  return window(type, loc, name, {
    children, partitions: spec.partitions, orders: spec.orders, start: spec.start, end: spec.end,
    startExpr: spec.startExpr, endExpr: spec.endExpr, offsetExpr, defaultExpr,
    ignoreNulls: parts.ignoreNulls, filter: parts.filter, distinct: parts.distinct,
  });
}
