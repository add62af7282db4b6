// emit/trino/: what printing a DuckDB statement tree as Trino SQL needs to know beyond the tree: the
// datasets table names resolve to, the DuckDB type of each expression node (for the constructs whose
// Trino form depends on it), the CTE names in scope, and a counter for generated names.
import type { ColumnSchema } from '../../types/xml-mapping.js';

/** A published dataset as a table of the Trino catalog: `<catalog>.<layer>.<name>`. */
export interface TrinoTable {
  readonly name: string;
  readonly layer: string;
  readonly columns: readonly ColumnSchema[];
}

/** Shared, read-mostly state of one translation. */
export interface PrintContext {
  /** Trino catalog of the Hive connector, e.g. `hive`. */
  readonly catalog: string;
  /** Datasets by lower-case name. */
  readonly tables: ReadonlyMap<string, TrinoTable>;
  /** DuckDB type text of an expression node, when the type inferer reached it (check/fast-types). */
  readonly typeOf: (node: object) => string | undefined;
  /** Lower-case CTE names visible at this point, innermost WITH last. */
  readonly ctes: readonly ReadonlySet<string>[];
  /** Next number for generated relation names (`lakec_unnest_1`, `lakec_scalar_2`), shared across scopes. */
  readonly counter: { next: number };
  /** Nodes a SELECT rewrite replaced, with the Trino text printed in their place (shared across scopes). */
  readonly replacements: Map<object, string>;
}

/** `ctx` with one more WITH clause's names in scope. */
export function withCtes(ctx: PrintContext, names: readonly string[]): PrintContext {
  if (names.length === 0) return ctx;
  return { ...ctx, ctes: [...ctx.ctes, new Set(names.map((n) => n.toLowerCase()))] };
}

/** Whether unqualified table name `name` refers to a CTE in scope. */
export function isCte(ctx: PrintContext, name: string): boolean {
  const key = name.toLowerCase();
  return ctx.ctes.some((s) => s.has(key));
}

/** A fresh relation name `<prefix>_<n>`. */
export function freshName(ctx: PrintContext, prefix: string): string {
  return `${prefix}_${ctx.counter.next++}`;
}
