// emit/trino/: checked reads of DuckDB's serialized statement tree (json_serialize_sql's shape). A field
// with an unexpected shape is refused (TrinoRefusal), never guessed at.
// @see https://duckdb.org/docs/stable/data/json/sql_to_and_from_json
import { refuse } from './trino-refusal.js';

/** A JSON object of the tree. */
export type Node = { readonly [key: string]: unknown };

/** `value` as an object node. */
export function asNode(value: unknown): Node {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse(value, 'syntax tree', `expected an object, found ${JSON.stringify(value)?.slice(0, 60)}`);
  return value as Node;
}

/** `node[key]` as a string. */
export function str(node: Node, key: string): string {
  const v = node[key];
  if (typeof v !== 'string') return refuse(node, 'syntax tree', `field "${key}" is not a string`);
  return v;
}

/** `node[key]` as an array (null or absent reads as empty). */
export function list(node: Node, key: string): readonly unknown[] {
  const v = node[key];
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) return refuse(node, 'syntax tree', `field "${key}" is not an array`);
  return v;
}

/** `node[key]` as an object node, or undefined when null or absent. */
export function optNode(node: Node, key: string): Node | undefined {
  const v = node[key];
  return v === null || v === undefined ? undefined : asNode(v);
}

/** `node[key]` as an object node. */
export function child(node: Node, key: string): Node {
  return asNode(node[key]);
}

/** Whether `node[key]` is null, absent, false, an empty string or an empty array. */
export function isEmpty(node: Node, key: string): boolean {
  const v = node[key];
  return v === null || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Refuses `what` unless `node[key]` is empty (see isEmpty). */
export function requireEmpty(node: Node, key: string, what: string): void {
  if (!isEmpty(node, key)) refuse(node, what, 'Trino has no equivalent that this translator emits');
}

/**
 * The direct sub-expressions of expression node `node`, in field order, without descending into a
 * subquery's query (a SUBQUERY's `child`, the left side of `x IN (…)`, is included). Window partitions,
 * orders and frame bounds and aggregate FILTER and ORDER BY expressions are included.
 */
export function expressionChildren(node: Node): unknown[] {
  const out: unknown[] = [];
  const push = (v: unknown) => {
    if (v !== null && v !== undefined) out.push(v);
  };
  for (const key of ['child', 'left', 'right', 'input', 'lower', 'upper', 'filter', 'filter_expr', 'else_expr', 'start_expr', 'end_expr', 'offset_expr', 'default_expr']) push(node[key]);
  for (const key of ['children', 'partitions']) for (const c of list(node, key)) push(c);
  for (const c of list(node, 'case_checks')) {
    const check = asNode(c);
    push(check['when_expr']);
    push(check['then_expr']);
  }
  for (const o of list(node, 'orders')) push(asNode(o)['expression']);
  const orderBys = node['order_bys'];
  if (orderBys !== null && typeof orderBys === 'object') for (const o of list(asNode(orderBys), 'orders')) push(asNode(o)['expression']);
  return out;
}
