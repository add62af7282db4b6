// emit/trino/: window functions (WINDOW nodes). Ranking functions, lag/lead and the aggregates count,
// sum, min, max, avg read the same; default frames are left implicit (both engines use RANGE BETWEEN
// UNBOUNDED PRECEDING AND CURRENT ROW with an ORDER BY, the whole partition without); ROWS frames are
// printed. Trino has no DISTINCT in window aggregates, so count(DISTINCT x) OVER w becomes
// cardinality(filter(array_distinct(array_agg(x) OVER w), v -> v IS NOT NULL)) for the default frame.
// @see https://trino.io/docs/current/functions/window.html
// @see https://duckdb.org/docs/stable/sql/functions/window_functions
import { list, optNode, str, type Node } from './ast-node.js';
import { typeClassOf } from './expression-type.js';
import type { PrintContext } from './print-context.js';
import { printExpr } from './print-expression.js';
import { printOrderItems } from './print-order.js';
import { refuse } from './trino-refusal.js';

/** Window function types with no argument beyond what the node's fields carry, by Trino name. */
const RANKING: Readonly<Record<string, string>> = {
  WINDOW_ROW_NUMBER: 'row_number', WINDOW_RANK: 'rank', WINDOW_RANK_DENSE: 'dense_rank', WINDOW_CUME_DIST: 'cume_dist',
  WINDOW_PERCENT_RANK: 'percent_rank', WINDOW_NTILE: 'ntile', WINDOW_LAG: 'lag', WINDOW_LEAD: 'lead',
};

const WINDOW_AGGREGATES = new Set(['count', 'count_star', 'sum', 'min', 'max', 'avg']);

/** Frame bounds DuckDB records, as Trino SQL; the default frame maps to ''. */
const FRAME_START: Readonly<Record<string, string>> = {
  UNBOUNDED_PRECEDING: 'UNBOUNDED PRECEDING', CURRENT_ROW_ROWS: 'CURRENT ROW', EXPR_PRECEDING_ROWS: 'PRECEDING', EXPR_FOLLOWING_ROWS: 'FOLLOWING',
};
const FRAME_END: Readonly<Record<string, string>> = {
  UNBOUNDED_FOLLOWING: 'UNBOUNDED FOLLOWING', CURRENT_ROW_ROWS: 'CURRENT ROW', EXPR_PRECEDING_ROWS: 'PRECEDING', EXPR_FOLLOWING_ROWS: 'FOLLOWING',
};

/**
 * Trino SQL for a WINDOW node.
 * @throws TrinoRefusal for FILTER, IGNORE NULLS, EXCLUDE, ordered arguments, RANGE or GROUPS frames with
 * offsets, DISTINCT other than count(DISTINCT x) over the default frame, and unmapped functions.
 */
export function printWindow(node: Node, ctx: PrintContext): string {
  if (optNode(node, 'filter_expr') || node['ignore_nulls'] === true || list(node, 'arg_orders').length || (node['exclude_clause'] !== 'NO_OTHER' && node['exclude_clause'] !== undefined)) {
    refuse(node, 'window function with FILTER, IGNORE NULLS, EXCLUDE or ordered arguments', 'not translated');
  }
  const over = printOver(node, ctx);
  const type = str(node, 'type');
  const args = list(node, 'children');
  const ranking = RANKING[type];
  if (ranking) {
    const extra = [optNode(node, 'offset_expr'), optNode(node, 'default_expr')].filter((e): e is Node => e !== undefined);
    return `${ranking}(${[...args, ...extra].map((a) => printExpr(a, ctx)).join(', ')}) OVER (${over})`;
  }
  if (type !== 'WINDOW_AGGREGATE') return refuse(node, `window function ${str(node, 'function_name')}`, 'the translator knows no Trino window function that computes the same result');
  const name = str(node, 'function_name').toLowerCase();
  if (!WINDOW_AGGREGATES.has(name)) refuse(node, `window aggregate ${name}`, 'not translated');
  if (name === 'count_star') return `count(*) OVER (${over})`;
  if (node['distinct'] === true) {
    if (name !== 'count' || args.length !== 1 || !isDefaultFrame(node)) refuse(node, `${name}(DISTINCT …) OVER`, 'Trino has no DISTINCT in window aggregates; only count(DISTINCT x) over the default frame is rewritten');
    return `cardinality(filter(array_distinct(array_agg(${printExpr(args[0], ctx)}) OVER (${over})), v -> v IS NOT NULL))`;
  }
  let printed = args.map((a) => printExpr(a, ctx));
  if (name === 'avg') {
    const cls = typeClassOf(args[0], ctx);
    if (cls === 'decimal') printed = [`CAST(${printed[0]} AS DOUBLE)`];
    else if (cls !== 'integral' && cls !== 'floating') refuse(node, 'avg', 'translated only for numbers of known type (DuckDB averages DECIMALs as DOUBLE)');
  }
  return `${name}(${printed.join(', ')}) OVER (${over})`;
}

function isDefaultFrame(node: Node): boolean {
  return node['start'] === 'UNBOUNDED_PRECEDING' && node['end'] === 'CURRENT_ROW_RANGE';
}

function printOver(node: Node, ctx: PrintContext): string {
  const parts: string[] = [];
  const partitions = list(node, 'partitions');
  if (partitions.length) parts.push(`PARTITION BY ${partitions.map((p) => printExpr(p, ctx)).join(', ')}`);
  const orders = list(node, 'orders');
  if (orders.length) parts.push(`ORDER BY ${printOrderItems(orders, ctx)}`);
  if (!isDefaultFrame(node)) parts.push(printFrame(node, ctx));
  return parts.join(' ');
}

function printFrame(node: Node, ctx: PrintContext): string {
  const start = str(node, 'start');
  const end = str(node, 'end');
  const s = FRAME_START[start];
  const e = FRAME_END[end];
  if (!s || !e) return refuse(node, `window frame ${start} … ${end}`, 'only ROWS frames and the default frame are translated');
  const bound = (text: string, expr: unknown) => (text === 'PRECEDING' || text === 'FOLLOWING' ? `${printExpr(expr, ctx)} ${text}` : text);
  return `ROWS BETWEEN ${bound(s, node['start_expr'])} AND ${bound(e, node['end_expr'])}`;
}
