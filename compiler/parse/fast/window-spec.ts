// parse/fast/: the `( [PARTITION BY ...] [ORDER BY ...] [ROWS|RANGE frame] )` after OVER, with frame
// boundaries named as DuckDB's TransformWindowFrame names them. Named windows, GROUPS frames, EXCLUDE
// clauses and frames the grammar rejects decline.
import type { Cursor } from './cursor.js';
import { decline } from './decline.js';
import { parseExpr } from './expr-parser.js';
import { T_IDENT, T_QIDENT } from './lexer.js';
import type { Expr, OrderBy } from './nodes.js';
import { parseSortList } from './order-by.js';

/** A parsed window specification. */
export interface WindowSpec {
  readonly partitions: Expr[];
  readonly orders: OrderBy[];
  readonly start: string;
  readonly end: string;
  readonly startExpr: Expr | null;
  readonly endExpr: Expr | null;
}

type Bound =
  | { readonly kind: 'unbounded_preceding' | 'unbounded_following' | 'current' }
  | { readonly kind: 'preceding' | 'following'; readonly expr: Expr };

const SPEC_WORDS = new Set(['partition', 'order', 'rows', 'range', 'groups']);

/** Parses the parenthesized window specification at the cursor. */
export function parseWindowSpec(p: Cursor): WindowSpec {
  p.windowSpecDepth++;
  const spec = parseSpecBody(p);
  p.windowSpecDepth--;
  return spec;
}

function parseSpecBody(p: Cursor): WindowSpec {
  p.expectOp('(');
  const k = p.kind[p.i];
  if ((k === T_IDENT && !SPEC_WORDS.has(p.lower[p.i]!)) || k === T_QIDENT) decline();
  let partitions: Expr[] = [];
  if (p.acceptWord('partition')) {
    p.expectWord('by');
    partitions = [parseExpr(p)];
    while (p.acceptOp(',')) partitions.push(parseExpr(p));
  }
  let orders: OrderBy[] = [];
  if (p.isWord('order')) {
    p.i++;
    p.expectWord('by');
    orders = parseSortList(p);
  }
  let spec: WindowSpec = { partitions, orders, start: 'UNBOUNDED_PRECEDING', end: 'CURRENT_ROW_RANGE', startExpr: null, endExpr: null };
  if (p.isWord('rows') || p.isWord('range')) spec = { ...spec, ...parseFrame(p) };
  p.expectOp(')');
  return spec;
}

function parseFrame(p: Cursor): Pick<WindowSpec, 'start' | 'end' | 'startExpr' | 'endExpr'> {
  const mode = p.lower[p.i++] === 'rows' ? 'ROWS' : 'RANGE';
  let start: Bound;
  let end: Bound;
  if (p.acceptWord('between')) {
    start = parseBound(p);
    p.expectWord('and');
    end = parseBound(p);
    if (start.kind === 'unbounded_following' || end.kind === 'unbounded_preceding') decline();
    if (start.kind === 'current' && end.kind === 'preceding') decline();
    if (start.kind === 'following' && (end.kind === 'preceding' || end.kind === 'current')) decline();
  } else {
    start = parseBound(p);
    if (start.kind === 'unbounded_following' || start.kind === 'following') decline();
    end = { kind: 'current' };
  }
  if (p.isWord('exclude')) decline();
  return {
    start: boundName(start, mode), end: boundName(end, mode),
    startExpr: 'expr' in start ? start.expr : null, endExpr: 'expr' in end ? end.expr : null,
  };
}

function parseBound(p: Cursor): Bound {
  if (p.isWord('unbounded') && p.isWord('preceding', 1)) { p.i += 2; return { kind: 'unbounded_preceding' }; }
  if (p.isWord('unbounded') && p.isWord('following', 1)) { p.i += 2; return { kind: 'unbounded_following' }; }
  if (p.isWord('current') && p.isWord('row', 1)) { p.i += 2; return { kind: 'current' }; }
  const expr = parseExpr(p);
  if (p.acceptWord('preceding')) return { kind: 'preceding', expr };
  if (p.acceptWord('following')) return { kind: 'following', expr };
  return decline();
}

function boundName(b: Bound, mode: string): string {
  switch (b.kind) {
    case 'unbounded_preceding': return 'UNBOUNDED_PRECEDING';
    case 'unbounded_following': return 'UNBOUNDED_FOLLOWING';
    case 'current': return `CURRENT_ROW_${mode}`;
    case 'preceding': return `EXPR_PRECEDING_${mode}`;
    case 'following': return `EXPR_FOLLOWING_${mode}`;
  }
}
