// check/fast-types/: structural identity of expressions, for matching a select expression to a GROUP BY
// expression the way DuckDB does (same expression over the same columns, however the columns are
// qualified). Only computed when a query groups by something other than plain columns.
import { decline } from './decline.js';
import { lowerName } from './lower-name.js';
import type { Scope, ScopeColumn } from './scope.js';

const ids = new WeakMap<ScopeColumn, number>();
let nextId = 1;

/** A stable number for a column object (its identity within this process). */
function columnId(c: ScopeColumn): number {
  let id = ids.get(c);
  if (id === undefined) ids.set(c, (id = nextId++));
  return id;
}

/**
 * A string equal for two expressions exactly when they are the same expression over the same columns:
 * positions and aliases are ignored, column references become the identity of the column they resolve to.
 */
export function expressionKey(node: unknown, scope: Scope): string {
  if (node === null || typeof node !== 'object') return JSON.stringify(node) ?? 'undefined';
  if (Array.isArray(node)) return `[${node.map((n) => expressionKey(n, scope)).join(',')}]`;
  const obj = node as Record<string, unknown>;
  if (obj['class'] === 'COLUMN_REF') return `#${columnId(resolveForKey(obj['column_names'], scope))}`;
  let out = '{';
  for (const key in obj) {
    if (key === 'query_location' || key === 'alias') continue;
    out += `${key}:${expressionKey(obj[key], scope)};`;
  }
  return `${out}}`;
}

function resolveForKey(names: unknown, scope: Scope): ScopeColumn {
  if (!Array.isArray(names)) decline();
  if (names.length === 1 && typeof names[0] === 'string') return scope.resolve(names[0]) ?? decline();
  if (names.length === 2 && typeof names[0] === 'string' && typeof names[1] === 'string') {
    const b = scope.findBinding(names[0]) ?? decline();
    const i = b.index.get(lowerName(names[1]));
    if (i === undefined || i < 0) decline();
    return b.columns[i]!;
  }
  return decline();
}
