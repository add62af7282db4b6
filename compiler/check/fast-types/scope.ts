// check/fast-types/: name resolution. A Scope holds the FROM bindings of one SELECT (tables, CTEs and
// subqueries under their aliases) and links to the enclosing query's scope for correlated subqueries.
// Mirrors DuckDB's BindContext: names match case-insensitively, an unqualified name must match exactly one
// binding (or one USING column), and a column keeps the spelling its relation declared.
// @see https://duckdb.org/docs/stable/sql/query_syntax/from
import { decline } from './decline.js';
import type { LType } from './logical-type.js';
import { lowerName } from './lower-name.js';

/** A column of a binding. The object's identity stands for the column (GROUP BY matching). */
export interface ScopeColumn {
  readonly name: string;
  readonly type: LType;
}

/** A relation visible in FROM under `alias`. */
export interface Binding {
  readonly alias: string;
  /** `alias` in lower case. */
  readonly key: string;
  readonly columns: readonly ScopeColumn[];
  /** Lower-case column name -> index; -1 when the name occurs twice (a reference to it is ambiguous). */
  readonly index: ReadonlyMap<string, number>;
}

/** Columns merged by `JOIN … USING (c)`: the binding that shows the merged column, and the bindings it merges. */
export interface UsingColumn {
  readonly primary: Binding;
  readonly merged: ReadonlySet<Binding>;
}

const indexes = new WeakMap<readonly ScopeColumn[], ReadonlyMap<string, number>>();

/** Makes a binding, indexing its columns by lower-case name (the index is shared by bindings of one column list). */
export function makeBinding(alias: string, columns: readonly ScopeColumn[]): Binding {
  let index = indexes.get(columns);
  if (!index) {
    const built = new Map<string, number>();
    columns.forEach((c, i) => {
      const key = lowerName(c.name);
      built.set(key, built.has(key) ? -1 : i);
    });
    indexes.set(columns, (index = built));
  }
  return { alias, key: lowerName(alias), columns, index };
}

/** The FROM scope of one query block. */
export class Scope {
  readonly bindings: Binding[] = [];
  readonly using = new Map<string, UsingColumn>();
  /** Set on the boundary scope of an expression subquery when a name inside resolved beyond it (correlation). */
  correlated = false;
  /**
   * @param parent the enclosing scope
   * @param boundary marks the (binding-less) scope an expression subquery is bound under, to detect correlation
   */
  constructor(readonly parent: Scope | undefined, private readonly boundary = false) {}

  /** Adds a binding; a second binding with the same alias is an error in DuckDB, so we decline. */
  add(b: Binding): void {
    for (const other of this.bindings) if (other.key === b.key) decline();
    this.bindings.push(b);
  }

  /** The binding named `alias` here or in an enclosing scope. */
  findBinding(alias: string): Binding | undefined {
    const key = lowerName(alias);
    for (let s: Scope | undefined = this; s; s = s.parent) {
      for (const b of s.bindings) {
        if (b.key !== key) continue;
        this.markCorrelated(s);
        return b;
      }
    }
    return undefined;
  }

  /**
   * The column an unqualified `name` refers to here or in an enclosing scope; undefined when no binding
   * has it; declines when it is ambiguous.
   */
  resolve(name: string): ScopeColumn | undefined {
    const key = lowerName(name);
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const found = s.resolveHere(key);
      if (!found) continue;
      this.markCorrelated(s);
      return found;
    }
    return undefined;
  }

  /** Flags every subquery boundary between this scope and `found`, the scope a name resolved in. */
  private markCorrelated(found: Scope): void {
    for (let s: Scope | undefined = this; s && s !== found; s = s.parent) if (s.boundary) s.correlated = true;
  }

  private resolveHere(key: string): ScopeColumn | undefined {
    // A USING column wins over any other binding with the same name (DuckDB's BindContext does the same).
    const u = this.using.get(key);
    if (u) return u.primary.columns[u.primary.index.get(key)!]!;
    let hit: Binding | undefined;
    let count = 0;
    for (const b of this.bindings) {
      const i = b.index.get(key);
      if (i === undefined) continue;
      if (i < 0) decline();
      hit ??= b;
      count++;
    }
    if (!hit) return undefined;
    if (count > 1) decline();
    return hit.columns[hit.index.get(key)!]!;
  }
}

/** The column `name` of binding `b`; declines when `b` lacks it or has it twice. */
export function columnOf(b: Binding, name: string): ScopeColumn {
  const i = b.index.get(lowerName(name));
  if (i === undefined || i < 0) decline();
  return b.columns[i]!;
}
