// check/fast-types/: binds a query node: its WITH clause (each CTE sees the ones before it), then a
// SELECT block (bind-select.ts) or a set operation, whose columns take the left side's names and the
// forced max logical type of both sides.
// @see https://duckdb.org/docs/stable/sql/query_syntax/with
// @see https://duckdb.org/docs/stable/sql/query_syntax/setops
// Verified against the bundled DuckDB by test/fast-types (oracle tests).
import { arr, asNode, child, requireEmpty, str, strings, type AstNode } from './ast.js';
import { bindSelectNode } from './bind-select.js';
import { decline } from './decline.js';
import type { OutputColumn } from './expr-env.js';
import { lowerName } from './lower-name.js';
import { forceMaxLogicalType } from './max-logical-type.js';
import type { QueryContext } from './query-context.js';
import type { Scope } from './scope.js';
import { bindOrderModifiers } from './bind-modifiers.js';

/** Output columns of a statement (`{node, named_param_map}`) bound under the enclosing `outer` scope. */
export function bindStatement(statement: AstNode, ctx: QueryContext, outer: Scope | undefined): OutputColumn[] {
  requireEmpty(statement, 'named_param_map');
  return bindQueryNode(child(statement, 'node'), ctx, outer);
}

/** Output columns of a SELECT_NODE or SET_OPERATION_NODE. */
export function bindQueryNode(node: AstNode, ctx: QueryContext, outer: Scope | undefined): OutputColumn[] {
  const inner = withCtes(node, ctx);
  switch (str(node, 'type')) {
    case 'SELECT_NODE': return bindSelectNode(node, inner, outer);
    case 'SET_OPERATION_NODE': return bindSetOperation(node, inner, outer);
    default: return decline();
  }
}

/** The context with `node`'s CTEs added; each CTE body is bound with only the earlier ones visible. */
function withCtes(node: AstNode, ctx: QueryContext): QueryContext {
  const map = arr(asNode(node['cte_map']), 'map');
  if (!map.length) return ctx;
  const names: string[] = [];
  for (const e of map) {
    const key = lowerName(str(asNode(e), 'key'));
    if (names.includes(key)) decline();
    names.push(key);
  }
  const columns: (readonly OutputColumn[])[] = [];
  for (const e of map) {
    const value = child(asNode(e), 'value');
    requireEmpty(value, 'key_targets');
    const body: QueryContext = { lookup: ctx.lookup, ctes: { names, columns, visible: columns.length, parent: ctx.ctes } };
    const cols = bindStatement(child(value, 'query'), body, undefined);
    const aliases = strings(value, 'aliases');
    if (aliases.length > cols.length) decline();
    columns.push(aliases.length ? cols.map((c, i) => ({ name: aliases[i] ?? c.name, type: c.type })) : cols);
  }
  return { lookup: ctx.lookup, ctes: { names, columns, visible: names.length, parent: ctx.ctes } };
}

const SET_OPERATIONS = new Set(['UNION', 'EXCEPT', 'INTERSECT']);

function bindSetOperation(node: AstNode, ctx: QueryContext, outer: Scope | undefined): OutputColumn[] {
  if (!SET_OPERATIONS.has(str(node, 'setop_type')) || typeof node['setop_all'] !== 'boolean') decline();
  const left = bindQueryNode(child(node, 'left'), ctx, outer);
  const right = bindQueryNode(child(node, 'right'), ctx, outer);
  if (left.length !== right.length) decline();
  const out = left.map((l, i) => ({ name: l.name, type: forceMaxLogicalType(l.type, right[i]!.type) ?? decline() }));
  bindOrderModifiers(arr(node, 'modifiers'), out, undefined);
  return out;
}
