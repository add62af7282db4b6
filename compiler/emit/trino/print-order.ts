// emit/trino/: ORDER BY items (of a query, an aggregate or a window). DuckDB and Trino both sort NULLs
// last by default in either direction, so only an explicit NULLS FIRST/LAST is printed.
// @see https://trino.io/docs/current/sql/select.html#order-by-clause
// @see https://duckdb.org/docs/stable/sql/query_syntax/orderby
import { asNode, str } from './ast-node.js';
import type { PrintContext } from './print-context.js';
import { printExpr } from './print-expression.js';
import { refuse } from './trino-refusal.js';

/** `expr [ASC|DESC] [NULLS FIRST|LAST]` for each serialized OrderByNode, comma-separated. */
export function printOrderItems(orders: readonly unknown[], ctx: PrintContext): string {
  return orders.map((o) => printOrderItem(o, ctx)).join(', ');
}

function printOrderItem(value: unknown, ctx: PrintContext): string {
  const order = asNode(value);
  let text = printExpr(order['expression'], ctx);
  const direction = str(order, 'type');
  if (direction === 'DESCENDING') text += ' DESC';
  else if (direction === 'ASCENDING') text += ' ASC';
  else if (direction !== 'ORDER_DEFAULT') refuse(order, `sort direction ${direction}`, 'unknown');
  const nulls = str(order, 'null_order').replace('_', ' ');
  if (nulls === 'NULLS FIRST' || nulls === 'NULLS LAST') text += ` ${nulls}`;
  else if (nulls !== 'ORDER DEFAULT') refuse(order, `null order ${nulls}`, 'unknown');
  return text;
}
