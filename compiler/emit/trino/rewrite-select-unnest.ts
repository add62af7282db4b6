// emit/trino/: DuckDB's unnest in a select list (one output row per list element, the other items
// repeated) as Trino's `CROSS JOIN UNNEST(list) AS lakec_unnest_N (value)`, with the call replaced by
// `lakec_unnest_N.value`. Equivalent for a SELECT without aggregates or windows: both produce no row for
// an empty or NULL list, and the WHERE clause reads only the FROM columns either way.
// @see https://duckdb.org/docs/stable/sql/query_syntax/unnest
// @see https://trino.io/docs/current/sql/select.html#unnest
import { DUCKDB_AGGREGATE_FUNCTIONS } from '../../check/lineage/aggregate-functions.js';
import { asNode, expressionChildren, list, str, type Node } from './ast-node.js';
import { freshName, type PrintContext } from './print-context.js';
import { printExpr } from './print-expression.js';
import type { ExtraRelation } from './print-from.js';
import { refuse } from './trino-refusal.js';

/**
 * Finds an unnest call in the select list of SELECT node `node`; when there is one, registers its
 * replacement in `ctx.replacements` and returns the CROSS JOIN UNNEST to add to the FROM clause.
 * @throws TrinoRefusal for several unnest calls, an unnest with options, or one in an aggregating or windowed SELECT.
 */
export function rewriteSelectUnnest(node: Node, ctx: PrintContext): ExtraRelation[] {
  const calls: Node[] = [];
  let aggregates = false;
  const visit = (value: unknown): void => {
    const n = asNode(value);
    if (n['class'] === 'WINDOW') aggregates = true;
    if (n['class'] === 'FUNCTION') {
      const name = str(n, 'function_name').toLowerCase();
      if (name === 'unnest' || name === 'unlist') calls.push(n);
      if (n['is_operator'] !== true && DUCKDB_AGGREGATE_FUNCTIONS.has(name)) aggregates = true;
    }
    if (n['class'] !== 'SUBQUERY') for (const c of expressionChildren(n)) visit(c);
  };
  for (const item of list(node, 'select_list')) visit(item);
  if (calls.length === 0) return [];
  const call = calls[0]!;
  if (calls.length > 1) refuse(calls[1], 'several unnest calls in one select list', 'not translated');
  if (aggregates || list(node, 'group_expressions').length || node['having']) refuse(call, 'unnest in an aggregating or windowed SELECT', 'not translated');
  const args = list(call, 'children');
  if (args.length !== 1) refuse(call, 'unnest with options', 'not translated');
  const name = freshName(ctx, 'lakec_unnest');
  ctx.replacements.set(call, `${name}.value`);
  return [{ keyword: 'CROSS JOIN', text: `UNNEST(${printExpr(args[0], ctx)}) AS ${name} (value)` }];
}
