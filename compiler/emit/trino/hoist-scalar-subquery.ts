// emit/trino/: a scalar subquery in a WHERE clause that always yields exactly one row and reads nothing of
// the outer query — an aggregate without GROUP BY over one dataset, every column of which it names
// resolves in that dataset — is moved into the FROM clause as
// `CROSS JOIN (SELECT <aggregate> AS lakec_scalar_value FROM …) AS lakec_scalar_N` and read as
// `lakec_scalar_N.lakec_scalar_value`. Trino reads both forms the same; the FROM form is also read by the
// Trino grammar of node-sql-parser, the test oracle, which rejects scalar subqueries in expressions.
// Any other scalar subquery is printed in place.
import { DUCKDB_AGGREGATE_FUNCTIONS } from '../../check/lineage/aggregate-functions.js';
import { asNode, child, expressionChildren, isEmpty, list, optNode, str, type Node } from './ast-node.js';
import { freshName, isCte, type PrintContext } from './print-context.js';
import type { ExtraRelation } from './print-from.js';
import { printStatement } from './print-query.js';
import { compactLines } from './print-subquery.js';

const VALUE = 'lakec_scalar_value';

/**
 * Hoists the hoistable scalar subqueries of SELECT node `node`'s WHERE clause (see the module comment):
 * registers each replacement in `ctx.replacements` and returns the relations to add to the FROM clause.
 * Nothing when the SELECT has no FROM or selects an unqualified `*` (the added column would show).
 */
export function hoistScalarSubqueries(node: Node, ctx: PrintContext): ExtraRelation[] {
  const where = optNode(node, 'where_clause');
  if (!where || asNode(node['from_table'])['type'] === 'EMPTY') return [];
  if (list(node, 'select_list').some((i) => asNode(i)['class'] === 'STAR' && !asNode(i)['relation_name'])) return [];
  const found: Node[] = [];
  const visit = (value: unknown): void => {
    const n = asNode(value);
    if (n['class'] === 'SUBQUERY' && n['subquery_type'] === 'SCALAR') found.push(n);
    else for (const c of expressionChildren(n)) visit(c);
  };
  visit(where);
  const extra: ExtraRelation[] = [];
  for (const sub of found) {
    const statement = child(sub, 'subquery');
    const inner = child(statement, 'node');
    if (!isSingleRowAggregate(inner, ctx)) continue;
    const name = freshName(ctx, 'lakec_scalar');
    const item = { ...asNode(list(inner, 'select_list')[0]), alias: VALUE };
    const query = compactLines(printStatement({ ...statement, node: { ...inner, select_list: [item] } }, ctx));
    extra.push({ keyword: 'CROSS JOIN', text: `(${query}) AS ${name}` });
    ctx.replacements.set(sub, `${name}.${VALUE}`);
  }
  return extra;
}

/** Whether query node `q` is `SELECT <aggregate expression> FROM <dataset> [WHERE …]` reading only that dataset. */
function isSingleRowAggregate(q: Node, ctx: PrintContext): boolean {
  if (q['type'] !== 'SELECT_NODE' || list(child(q, 'cte_map'), 'map').length || list(q, 'modifiers').length) return false;
  if (!isEmpty(q, 'group_expressions') || q['having'] || q['qualify'] || q['sample'] || q['aggregate_handling'] !== 'STANDARD_HANDLING') return false;
  const items = list(q, 'select_list');
  const from = asNode(q['from_table']);
  if (items.length !== 1 || from['type'] !== 'BASE_TABLE' || from['schema_name'] !== '' || from['sample']) return false;
  const tableName = str(from, 'table_name');
  const table = isCte(ctx, tableName) ? undefined : ctx.tables.get(tableName.toLowerCase());
  if (!table) return false;
  const alias = (str(from, 'alias') || tableName).toLowerCase();
  const columns = new Set(table.columns.map((c) => c.name.toLowerCase()));
  const resolves = (names: readonly unknown[]): boolean =>
    (names.length === 1 && columns.has(String(names[0]).toLowerCase())) ||
    (names.length === 2 && String(names[0]).toLowerCase() === alias && columns.has(String(names[1]).toLowerCase()));
  let sawAggregate = false;
  // Every column must resolve in the dataset, and in the select item lie inside an aggregate's arguments.
  const ok = (value: unknown, insideAggregate: boolean, inSelect: boolean): boolean => {
    const n = asNode(value);
    switch (n['class']) {
      case 'COLUMN_REF': return resolves(list(n, 'column_names')) && (insideAggregate || !inSelect);
      case 'SUBQUERY': case 'WINDOW': case 'STAR': return false;
      case 'FUNCTION': {
        const aggregate = n['is_operator'] !== true && DUCKDB_AGGREGATE_FUNCTIONS.has(str(n, 'function_name').toLowerCase());
        if (aggregate && (insideAggregate || !inSelect)) return false;
        if (aggregate) sawAggregate = true;
        return expressionChildren(n).every((c) => ok(c, insideAggregate || aggregate, inSelect));
      }
      default: return expressionChildren(n).every((c) => ok(c, insideAggregate, inSelect));
    }
  };
  const where = optNode(q, 'where_clause');
  return ok(items[0], false, true) && sawAggregate && (!where || ok(where, false, false));
}
