// check/fast-types/: binds one SELECT block: FROM, the select list (stars expanded, items typed in order so
// a later item may use an earlier alias), GROUP BY / HAVING with DuckDB's "must appear in the GROUP BY
// clause" rule, WHERE, QUALIFY and modifiers. Output names: the alias, else the column a bare column
// reference resolves to (in its declared spelling); other unaliased expressions are declined because
// DuckDB names them after their SQL text.
// @see https://duckdb.org/docs/stable/sql/query_syntax/select
// @see https://duckdb.org/docs/stable/sql/query_syntax/groupby
// Verified against the bundled DuckDB by test/fast-types (oracle tests).
import { arr, asNode, optNode, requireEmpty, str, strings, type AstNode } from './ast.js';
import { bindFrom } from './bind-from.js';
import { bindOrderModifiers } from './bind-modifiers.js';
import { bindStatement } from './bind-query.js';
import { decline } from './decline.js';
import { expandStar, type SelectItem } from './expand-star.js';
import { UNNAMED, type AliasTarget, type ExprEnv, type GroupExpressions, type OutputColumn, type SubqueryBinder, makeEnv } from './expr-env.js';
import { expressionName } from './expression-name.js';
import { expressionKey } from './group-keys.js';
import { normalize } from './logical-type.js';
import { lowerName } from './lower-name.js';
import type { QueryContext } from './query-context.js';
import type { Scope, ScopeColumn } from './scope.js';
import { resolveColumnRef, typeExpr } from './type-expression.js';

/** What GROUP BY makes available outside aggregates. */
interface Grouping {
  readonly columns: Set<ScopeColumn>;
  /** Select items grouped as a whole (GROUP BY position or alias, GROUP BY ALL). */
  readonly items: Set<number>;
  readonly expressions: GroupExpressions | undefined;
}

/** Output columns of a SELECT_NODE whose enclosing query scope is `outer`. */
export function bindSelectNode(node: AstNode, ctx: QueryContext, outer: Scope | undefined): OutputColumn[] {
  requireEmpty(node, 'sample');
  const bindSubquery: SubqueryBinder = (statement, scope) => bindStatement(statement, ctx, scope);
  const scope = bindFrom(node['from_table'], ctx, outer, bindSubquery);
  const items: SelectItem[] = [];
  for (const raw of arr(node, 'select_list')) {
    const item = asNode(raw);
    if (item['class'] === 'STAR') items.push(...expandStar(item, scope));
    else items.push({ kind: 'expr', node: item, alias: str(item, 'alias') });
  }
  const handling = str(node, 'aggregate_handling');
  if (handling !== 'STANDARD_HANDLING' && handling !== 'FORCE_AGGREGATES') decline();
  const grouping = bindGroupBy(node, items, scope, bindSubquery);

  const lateral = new Map<string, AliasTarget>();
  const outputs: OutputColumn[] = [];
  const refs: ScopeColumn[][] = [];
  let aggregates = false;
  let correlated = false;
  items.forEach((item, i) => {
    if (item.kind === 'column') {
      outputs.push({ name: item.column.name, type: item.column.type });
      refs.push([item.column]);
      if (handling === 'FORCE_AGGREGATES') grouping.columns.add(item.column);
      return;
    }
    const env = makeEnv(scope, bindSubquery, { aggregates: true, windows: true, aliases: lateral, groupExpressions: grouping.expressions });
    if (grouping.items.has(i)) env.groupedDepth = 1;
    const type = typeExpr(item.node, env);
    outputs.push({ name: item.alias || bareColumnName(item.node, env), type });
    refs.push(env.outsideRefs);
    aggregates ||= env.sawAggregate;
    correlated ||= env.sawCorrelation;
    if (item.alias && !lateral.has(lowerName(item.alias))) lateral.set(lowerName(item.alias), { type, aggregate: env.sawAggregate, window: env.sawWindow });
    if (handling === 'FORCE_AGGREGATES' && !env.sawAggregate) groupAllItem(item, i, env, grouping);
  });

  const having = optNode(node, 'having');
  const isAggregate = aggregates || having !== undefined || handling === 'FORCE_AGGREGATES' || arr(node, 'group_expressions').length > 0;
  if (isAggregate) {
    if (correlated) decline();
    refs.forEach((r, i) => grouping.items.has(i) || requireGrouped(r, grouping));
  }

  const clause = (aggregatesAllowed: boolean, windows: boolean): ExprEnv => makeEnv(scope, bindSubquery, { aggregates: aggregatesAllowed, windows, aliases: lateral, groupExpressions: grouping.expressions });
  const check = (expr: unknown, env: ExprEnv): void => {
    typeExpr(expr, env);
    if (isAggregate || env.sawAggregate) {
      if (env.sawCorrelation) decline();
      requireGrouped(env.outsideRefs, grouping);
    }
  };
  const where = optNode(node, 'where_clause');
  if (where) typeExpr(where, clause(false, false));
  if (having) check(having, clause(true, false));
  const qualify = optNode(node, 'qualify');
  if (qualify) check(qualify, clause(isAggregate, true));
  bindOrderModifiers(arr(node, 'modifiers'), outputs, (expr) => check(expr, clause(isAggregate, true)));
  return outputs.map((o) => ({ name: o.name, type: normalize(o.type) }));
}

/**
 * The name DuckDB gives an unaliased select item: a bare column reference is named after the column (as
 * declared), other expressions after their SQL text (expression-name.ts). Expressions we cannot print get
 * UNNAMED, which nothing can reference and inferColumnsFast refuses to output.
 */
function bareColumnName(node: AstNode, env: ExprEnv): string {
  if (node['class'] !== 'COLUMN_REF') return expressionName(node) ?? UNNAMED;
  return resolveColumnRef(node, env)?.name ?? UNNAMED;
}

function requireGrouped(refs: readonly ScopeColumn[], grouping: Grouping): void {
  for (const c of refs) if (!grouping.columns.has(c)) decline();
}

/** GROUP BY ALL groups by every select item without an aggregate. */
function groupAllItem(item: SelectItem, i: number, env: ExprEnv, grouping: Grouping): void {
  if (env.sawWindow) decline();
  grouping.items.add(i);
  if (item.kind === 'expr' && item.node['class'] === 'COLUMN_REF') for (const c of env.outsideRefs) grouping.columns.add(c);
}

function bindGroupBy(node: AstNode, items: readonly SelectItem[], scope: Scope, bindSubquery: SubqueryBinder): Grouping {
  const groups = arr(node, 'group_expressions');
  // GROUPING SETS / ROLLUP / CUBE only change which rows are NULL, not types: every group expression counts.
  for (const set of arr(node, 'group_sets')) {
    if (!Array.isArray(set) || set.some((v) => typeof v !== 'number' || v < 0 || v >= groups.length)) decline();
  }
  const grouping: Grouping = { columns: new Set(), items: new Set(), expressions: undefined };
  const keys = new Set<string>();
  for (const g of groups) {
    const expr = asNode(g);
    const position = itemPosition(expr, items, scope);
    if (position !== undefined) {
      grouping.items.add(position);
      const item = items[position]!;
      if (item.kind === 'column') grouping.columns.add(item.column);
      continue;
    }
    const env = makeEnv(scope, bindSubquery, { aggregates: false, windows: false });
    typeExpr(expr, env);
    if (expr['class'] === 'COLUMN_REF') grouping.columns.add(env.outsideRefs[0]!);
    else keys.add(expressionKey(expr, scope));
  }
  return keys.size ? { ...grouping, expressions: { keys } } : grouping;
}

/** The select item a GROUP BY term names by position (`GROUP BY 1`) or by alias, if it does. */
function itemPosition(expr: AstNode, items: readonly SelectItem[], scope: Scope): number | undefined {
  if (expr['class'] === 'CONSTANT') {
    const v = asNode(expr['value']);
    const n = v['value'];
    if (asNode(v['type'])['id'] !== 'INTEGER' || typeof n !== 'number' || n < 1 || n > items.length) decline();
    return n - 1;
  }
  if (expr['class'] !== 'COLUMN_REF') return undefined;
  const names = strings(expr, 'column_names');
  if (names.length !== 1 || scope.resolve(names[0]!)) return undefined;
  const key = names[0]!.toLowerCase();
  const hits = items.flatMap((it, i) => (it.kind === 'expr' && it.alias.toLowerCase() === key ? [i] : []));
  if (hits.length !== 1) decline();
  return hits[0];
}
