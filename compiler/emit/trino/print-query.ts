// emit/trino/: query nodes (SELECT blocks, set operations, WITH clauses, ORDER BY / LIMIT) as indented
// Trino SQL lines. Clauses Trino lacks or reads differently are refused: QUALIFY, GROUP BY ALL, GROUPING
// SETS/ROLLUP/CUBE, DISTINCT ON, UNION BY NAME, recursive CTEs, SAMPLE.
// @see https://trino.io/docs/current/sql/select.html
import { asNode, child, list, optNode, str, type Node } from './ast-node.js';
import { withCtes, type PrintContext } from './print-context.js';
import { printExpr } from './print-expression.js';
import { printFrom, type ExtraRelation } from './print-from.js';
import { printOrderItems } from './print-order.js';
import { hoistScalarSubqueries } from './hoist-scalar-subquery.js';
import { rewriteSelectUnnest } from './rewrite-select-unnest.js';
import { quoteIdent } from './trino-identifier.js';
import { refuse } from './trino-refusal.js';

/**
 * The lines of statement `value` (`{node, named_param_map}`). `outputNames`, for the model's own query,
 * are the catalog's column names: an unaliased computed item of the outermost SELECT gets its name as an
 * alias (DuckDB names it after its text, Trino `_colN`).
 */
export function printStatement(value: unknown, ctx: PrintContext, outputNames?: readonly string[]): string[] {
  const statement = asNode(value);
  if (list(statement, 'named_param_map').length) refuse(statement, 'prepared-statement parameters', 'not translated');
  return printQueryNode(child(statement, 'node'), ctx, outputNames);
}

function printQueryNode(node: Node, ctx: PrintContext, outputNames?: readonly string[]): string[] {
  const lines: string[] = [];
  let inner = ctx;
  const ctes = list(child(node, 'cte_map'), 'map');
  if (ctes.length) lines.push('WITH');
  ctes.forEach((e, i) => {
    const entry = asNode(e);
    const name = str(entry, 'key');
    const value = child(entry, 'value');
    const body = printStatement(value['query'], inner);
    const aliases = list(value, 'aliases');
    lines.push(`  ${quoteIdent(name)}${aliases.length ? ` (${aliases.map((a) => quoteIdent(String(a))).join(', ')})` : ''} AS (`);
    lines.push(...body.map((l) => `    ${l}`), `  )${i < ctes.length - 1 ? ',' : ''}`);
    inner = withCtes(inner, [name]);
  });
  switch (str(node, 'type')) {
    case 'SELECT_NODE': return [...lines, ...printSelectNode(node, inner, outputNames)];
    case 'SET_OPERATION_NODE': return [...lines, ...printSetOperation(node, inner, outputNames)];
    default: return refuse(node, str(node, 'type') === 'RECURSIVE_CTE_NODE' ? 'WITH RECURSIVE' : `query ${str(node, 'type')}`, 'not translated');
  }
}

function printSelectNode(node: Node, ctx: PrintContext, outputNames?: readonly string[]): string[] {
  if (str(node, 'aggregate_handling') !== 'STANDARD_HANDLING') refuse(node, 'GROUP BY ALL', 'not translated: list the grouping columns');
  if (optNode(node, 'qualify')) refuse(node['qualify'], 'QUALIFY', 'not translated: filter the windowed query in an outer SELECT');
  if (optNode(node, 'sample')) refuse(node, 'USING SAMPLE', 'not translated');
  const modifiers = readModifiers(node);
  const extra: ExtraRelation[] = [...rewriteSelectUnnest(node, ctx), ...hoistScalarSubqueries(node, ctx)];
  const items = list(node, 'select_list');
  let starSeen = false;
  const printed = items.map((item, i) => {
    const itemNode = asNode(item);
    let text = printExpr(itemNode, ctx);
    const alias = str(itemNode, 'alias');
    if (itemNode['class'] === 'STAR') starSeen = true;
    else if (alias) text += ` AS ${quoteIdent(alias)}`;
    else if (outputNames && itemNode['class'] !== 'COLUMN_REF') {
      if (starSeen) refuse(itemNode, 'unnamed expression after *', 'name it with AS: Trino would name it _colN');
      const name = outputNames[i];
      if (name !== undefined) text += ` AS ${quoteIdent(name)}`;
    }
    return `  ${text}${i < items.length - 1 ? ',' : ''}`;
  });
  const lines = [modifiers.distinct ? 'SELECT DISTINCT' : 'SELECT', ...printed, ...printFrom(node['from_table'], ctx, extra)];
  const where = optNode(node, 'where_clause');
  if (where) lines.push(`WHERE ${printExpr(where, ctx)}`);
  const groups = list(node, 'group_expressions');
  const sets = list(node, 'group_sets');
  const plainGroupBy = sets.length === 0 ? groups.length === 0 : sets.length === 1 && sameIndexes(sets[0], groups.length);
  if (!plainGroupBy) refuse(node, 'GROUPING SETS, ROLLUP or CUBE', 'not translated');
  if (groups.length) lines.push(`GROUP BY ${groups.map((g) => printExpr(g, ctx)).join(', ')}`);
  const having = optNode(node, 'having');
  if (having) lines.push(`HAVING ${printExpr(having, ctx)}`);
  return [...lines, ...printTail(modifiers, ctx)];
}

function sameIndexes(set: unknown, n: number): boolean {
  if (!Array.isArray(set)) return false;
  const seen = new Set(set);
  return seen.size === n && set.every((i) => typeof i === 'number' && i >= 0 && i < n);
}

function printSetOperation(node: Node, ctx: PrintContext, outputNames?: readonly string[]): string[] {
  const type = str(node, 'setop_type');
  if (type !== 'UNION' && type !== 'EXCEPT' && type !== 'INTERSECT') refuse(node, type.replace(/_/g, ' '), 'not translated');
  const modifiers = readModifiers(node);
  if (modifiers.distinct) refuse(node, 'DISTINCT on a set operation', 'not translated');
  const keyword = `${type}${node['setop_all'] === true ? ' ALL' : ''}`;
  const left = setOperand(child(node, 'left'), keyword, ctx, outputNames);
  const right = setOperand(child(node, 'right'), keyword, ctx, undefined);
  return [...left, keyword, ...right, ...printTail(modifiers, ctx)];
}

/**
 * A set operation's side: bare when it is a plain SELECT, or the same associative operation (UNION,
 * INTERSECT, with or without ALL: DuckDB nests `a UNION ALL b UNION ALL c` to the right); else parenthesized.
 */
function setOperand(node: Node, parentKeyword: string, ctx: PrintContext, outputNames?: readonly string[]): string[] {
  const lines = printQueryNode(node, ctx, outputNames);
  const bare = list(node, 'modifiers').length === 0 && list(child(node, 'cte_map'), 'map').length === 0;
  const type = str(node, 'type');
  const sameAssociative = type === 'SET_OPERATION_NODE' && !parentKeyword.startsWith('EXCEPT')
    && `${str(node, 'setop_type')}${node['setop_all'] === true ? ' ALL' : ''}` === parentKeyword;
  return bare && (type === 'SELECT_NODE' || sameAssociative) ? lines : ['(', ...lines.map((l) => `  ${l}`), ')'];
}

interface Modifiers {
  readonly distinct: boolean;
  readonly orders: readonly unknown[];
  readonly limit: Node | undefined;
  readonly offset: Node | undefined;
}

function readModifiers(node: Node): Modifiers {
  let distinct = false;
  let orders: readonly unknown[] = [];
  let limit: Node | undefined;
  let offset: Node | undefined;
  for (const m of list(node, 'modifiers')) {
    const mod = asNode(m);
    switch (str(mod, 'type')) {
      case 'DISTINCT_MODIFIER':
        if (list(mod, 'distinct_on_targets').length) refuse(mod, 'DISTINCT ON', 'not translated');
        distinct = true;
        break;
      case 'ORDER_MODIFIER': orders = list(mod, 'orders'); break;
      case 'LIMIT_MODIFIER': limit = optNode(mod, 'limit'); offset = optNode(mod, 'offset'); break;
      default: refuse(mod, str(mod, 'type').replace(/_/g, ' '), 'not translated');
    }
  }
  return { distinct, orders, limit, offset };
}

/** ORDER BY, OFFSET and LIMIT lines (Trino writes OFFSET before LIMIT). */
function printTail(m: Modifiers, ctx: PrintContext): string[] {
  const lines: string[] = [];
  if (m.orders.length) lines.push(`ORDER BY ${printOrderItems(m.orders, ctx)}`);
  if (m.offset) lines.push(`OFFSET ${printExpr(m.offset, ctx)}`);
  if (m.limit) lines.push(`LIMIT ${printExpr(m.limit, ctx)}`);
  return lines;
}
