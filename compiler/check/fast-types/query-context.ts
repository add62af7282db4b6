// check/fast-types/: what binding a query block needs beyond its own AST: the caller's table lookup and
// the CTEs in scope (innermost WITH first).
import { decline } from './decline.js';
import { lowerName } from './lower-name.js';
import type { OutputColumn } from './expr-env.js';
import type { ColumnSchema } from '../../types/xml-mapping.js';

/** Resolves a table reference as written (schema '' when unqualified) to its columns, or undefined. */
export type TableLookup = (schema: string, name: string) => readonly ColumnSchema[] | undefined;

/**
 * The CTEs of one WITH clause as seen from some point, linked to the enclosing ones: `names` (lower case,
 * in order) with the `columns` of those bound so far. The first `visible` are in scope; the one at
 * `visible` (while its own body is bound) means the table of that name; later ones are forward
 * references, which DuckDB rejects, so we decline.
 */
export interface CteScope {
  readonly names: readonly string[];
  readonly columns: readonly (readonly OutputColumn[])[];
  readonly visible: number;
  readonly parent: CteScope | undefined;
}

/** Per-query binding context. */
export interface QueryContext {
  readonly lookup: TableLookup;
  readonly ctes: CteScope | undefined;
}

/**
 * The CTE an unqualified table name refers to, or undefined for a catalog table. A CTE's own name inside its
 * body is not in scope (it means the table of that name); a later CTE's name declines.
 */
export function findCte(ctx: QueryContext, name: string): readonly OutputColumn[] | undefined {
  const key = lowerName(name);
  for (let s = ctx.ctes; s; s = s.parent) {
    const i = s.names.indexOf(key);
    if (i < 0 || i === s.visible) continue;
    if (i > s.visible) decline();
    return s.columns[i];
  }
  return undefined;
}
