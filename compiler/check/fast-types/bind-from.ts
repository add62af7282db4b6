// check/fast-types/: binds a FROM clause into a Scope: catalog tables (via the caller's lookup), CTE
// references, subqueries, and INNER/LEFT/RIGHT/FULL joins with ON, or INNER/LEFT joins with USING.
// Subquery and CTE columns are de-duplicated the way DuckDB's binder does (`a`, `a_1`, `a_2`, …).
// @see https://duckdb.org/docs/stable/sql/query_syntax/from
// Verified against the bundled DuckDB by test/fast-types (oracle tests).
import { asNode, optNode, requireEmpty, str, strings, type AstNode } from './ast.js';
import { decline } from './decline.js';
import { makeEnv, type OutputColumn, type SubqueryBinder } from './expr-env.js';
import { parseTypeText } from './logical-type.js';
import { lowerName } from './lower-name.js';
import { findCte, type QueryContext } from './query-context.js';
import { makeBinding, Scope, type Binding, type ScopeColumn, type UsingColumn } from './scope.js';
import type { ColumnSchema } from '../../types/xml-mapping.js';
import { typeExpr } from './type-expression.js';

/**
 * The scope of FROM clause `from` (an EMPTY node for `SELECT` without FROM). `outer` is the enclosing
 * query's scope: correlated references reach it, FROM subqueries see it (but not their siblings).
 */
export function bindFrom(from: unknown, ctx: QueryContext, outer: Scope | undefined, bindSubquery: SubqueryBinder): Scope {
  const node = asNode(from);
  requireEmpty(node, 'sample');
  switch (str(node, 'type')) {
    case 'EMPTY': return new Scope(outer);
    case 'BASE_TABLE': return single(outer, baseTable(node, ctx));
    case 'SUBQUERY': return single(outer, subquery(node, outer, bindSubquery));
    case 'JOIN': return join(node, ctx, outer, bindSubquery);
    default: return decline();
  }
}

function single(outer: Scope | undefined, b: Binding): Scope {
  const s = new Scope(outer);
  s.add(b);
  return s;
}

let unnamed = 0;

function baseTable(node: AstNode, ctx: QueryContext): Binding {
  requireEmpty(node, 'catalog_name');
  requireEmpty(node, 'at_clause');
  const name = str(node, 'table_name');
  const schema = str(node, 'schema_name');
  const alias = str(node, 'alias') || name;
  const cte = schema === '' ? findCte(ctx, name) : undefined;
  if (cte) return makeBinding(alias, renamed(cte, strings(node, 'column_name_alias'), true));
  const declared = ctx.lookup(schema, name);
  if (!declared) decline();
  return makeBinding(alias, renamed(catalogColumns(declared), strings(node, 'column_name_alias'), false));
}

const catalogCache = new WeakMap<readonly ColumnSchema[], readonly ScopeColumn[] | null>();

/** A catalog table's columns with parsed types, cached per lookup result; declines on unknown types or repeated names. */
function catalogColumns(declared: readonly ColumnSchema[]): readonly ScopeColumn[] {
  const hit = catalogCache.get(declared);
  if (hit !== undefined) return hit ?? decline();
  const seen = new Set<string>();
  let columns: ScopeColumn[] | null = [];
  for (const c of declared) {
    const type = parseTypeText(c.type);
    const key = lowerName(c.name);
    if (!type || seen.has(key)) {
      columns = null;
      break;
    }
    seen.add(key);
    columns.push({ name: c.name, type });
  }
  catalogCache.set(declared, columns);
  return columns ?? decline();
}

function subquery(node: AstNode, outer: Scope | undefined, bindSubquery: SubqueryBinder): Binding {
  const columns = bindSubquery(asNode(node['subquery']), outer ?? new Scope(undefined));
  // An unaliased subquery cannot be referenced by name; give it one nobody can write.
  const alias = str(node, 'alias') || `\u0000subquery${unnamed++}`;
  return makeBinding(alias, renamed(columns, strings(node, 'column_name_alias'), true));
}

/** Applies `AS t(a, b, …)` to the first columns, then (for query results) de-duplicates names. */
function renamed(columns: readonly OutputColumn[], aliases: readonly string[], dedupe: boolean): readonly ScopeColumn[] {
  if (!aliases.length) return dedupe ? dedupeNames(columns) : columns;
  if (aliases.length > columns.length) decline();
  const out = columns.map((c, i) => ({ name: aliases[i] ?? c.name, type: c.type }));
  return dedupe ? dedupeNames(out) : out;
}

/** DuckDB's subquery column de-duplication: a repeated name gets `_1`, `_2`, … (skipping names already taken). */
export function dedupeNames(columns: readonly ScopeColumn[]): readonly ScopeColumn[] {
  let hit = deduped.get(columns);
  if (!hit) deduped.set(columns, (hit = dedupeUncached(columns)));
  return hit;
}

const deduped = new WeakMap<readonly ScopeColumn[], readonly ScopeColumn[]>();

function dedupeUncached(columns: readonly ScopeColumn[]): readonly ScopeColumn[] {
  const counts = new Map<string, number>();
  let changed = false;
  const out = columns.map((c) => {
    const key = lowerName(c.name);
    const n = counts.get(key);
    if (n === undefined) {
      counts.set(key, 0);
      return c;
    }
    let k = n;
    let name: string;
    do name = `${c.name}_${++k}`;
    while (counts.has(name.toLowerCase()));
    counts.set(key, k);
    counts.set(name.toLowerCase(), 0);
    changed = true;
    return { name, type: c.type };
  });
  return changed ? out : columns;
}

const ON_JOINS = new Set(['INNER', 'LEFT', 'RIGHT', 'FULL']);

function join(node: AstNode, ctx: QueryContext, outer: Scope | undefined, bindSubquery: SubqueryBinder): Scope {
  const joinType = str(node, 'join_type');
  const refType = str(node, 'ref_type');
  if ((refType !== 'REGULAR' && refType !== 'CROSS') || !ON_JOINS.has(joinType) || node['delim_flipped'] !== false) decline();
  requireEmpty(node, 'duplicate_eliminated_columns');
  const left = bindFrom(node['left'], ctx, outer, bindSubquery);
  const right = bindFrom(node['right'], ctx, outer, bindSubquery);
  const s = new Scope(outer);
  for (const b of left.bindings) s.add(b);
  for (const b of right.bindings) s.add(b);
  const usingColumns = strings(node, 'using_columns');
  const mergedHere = new Set(usingColumns.map((c) => c.toLowerCase()));
  for (const [k, u] of left.using) s.using.set(k, u);
  for (const [k, u] of right.using) {
    // Two separate USING merges of one name: which one a reference means is not something we model.
    if (s.using.has(k) && !mergedHere.has(k)) decline();
    s.using.set(k, u);
  }
  const condition = optNode(node, 'condition');
  if (usingColumns.length) {
    if (condition || (joinType !== 'INNER' && joinType !== 'LEFT')) decline();
    for (const name of usingColumns) s.using.set(name.toLowerCase(), mergeUsing(left, right, name));
  } else if (condition) {
    typeExpr(condition, makeEnv(s, bindSubquery, { aggregates: false, windows: false }));
  } else if (refType !== 'CROSS') {
    decline();
  }
  return s;
}

/** The USING column `name`: shown from the left side, merging both sides' bindings. */
function mergeUsing(left: Scope, right: Scope, name: string): UsingColumn {
  const l = usingSide(left, name);
  const r = usingSide(right, name);
  return { primary: l.primary, merged: new Set([...l.merged, ...r.merged]) };
}

function usingSide(side: Scope, name: string): UsingColumn {
  const key = name.toLowerCase();
  const existing = side.using.get(key);
  if (existing) return existing;
  const holders = side.bindings.filter((b) => b.index.has(key));
  if (holders.length !== 1 || holders[0]!.index.get(key)! < 0) decline();
  return { primary: holders[0]!, merged: new Set(holders) };
}
