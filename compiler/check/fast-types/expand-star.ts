// check/fast-types/: expands `*`, `t.*`, `* EXCLUDE (…)` and `* REPLACE (… AS c)` into select items.
// `*` lists every binding's columns in FROM order, showing a USING column once (from its left side);
// `t.*` lists all of t's columns. EXCLUDE and REPLACE names must each match a column.
// @see https://duckdb.org/docs/stable/sql/expressions/star
// Verified against the bundled DuckDB by test/fast-types (oracle tests).
import { arr, asNode, requireEmpty, str, type AstNode } from './ast.js';
import { decline } from './decline.js';
import { lowerName } from './lower-name.js';
import type { Scope, ScopeColumn } from './scope.js';

/** A select-list entry after star expansion: a star column, or an expression with its alias (or REPLACE name). */
export type SelectItem =
  | { readonly kind: 'column'; readonly column: ScopeColumn }
  | { readonly kind: 'expr'; readonly node: AstNode; readonly alias: string };

/** The items a STAR node stands for. */
export function expandStar(star: AstNode, scope: Scope): SelectItem[] {
  if (star['columns'] !== false) decline();
  requireEmpty(star, 'expr');
  requireEmpty(star, 'qualified_exclude_list');
  requireEmpty(star, 'rename_list');
  if (str(star, 'alias') !== '') decline();
  let columns = starColumns(str(star, 'relation_name'), scope);
  const excluded = arr(star, 'exclude_list');
  for (const e of excluded) {
    if (typeof e !== 'string') decline();
    const key = e.toLowerCase();
    const kept = columns.filter((c) => c.name.toLowerCase() !== key);
    if (kept.length === columns.length) decline();
    columns = kept;
  }
  const items: SelectItem[] = columns.map((column) => ({ kind: 'column', column }));
  for (const r of arr(star, 'replace_list')) {
    const entry = asNode(r);
    const key = str(entry, 'key');
    const at = columns.map((c, i) => (c.name.toLowerCase() === key.toLowerCase() ? i : -1)).filter((i) => i >= 0);
    if (at.length !== 1) decline();
    items[at[0]!] = { kind: 'expr', node: asNode(entry['value']), alias: key };
  }
  if (!items.length) decline();
  return items;
}

function starColumns(relation: string, scope: Scope): ScopeColumn[] {
  if (relation !== '') {
    const key = lowerName(relation);
    const b = scope.bindings.find((x) => x.key === key) ?? decline();
    return [...b.columns];
  }
  const out: ScopeColumn[] = [];
  for (const b of scope.bindings) {
    for (const c of b.columns) {
      const u = scope.using.size ? scope.using.get(lowerName(c.name)) : undefined;
      if (u && u.merged.has(b) && u.primary !== b) continue;
      out.push(c);
    }
  }
  return out;
}
