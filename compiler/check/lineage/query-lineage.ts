// check/lineage: turns the walker's per-column inputs into the public QueryLineage shape, naming and
// typing columns by DuckDB's DESCRIBE (authoritative) and pairing them with the walker by position.
import type { ColumnLineage, QueryLineage } from '../../types/lineage.js';
import type { ColumnSchema } from '../../types/xml-mapping.js';
import type { WalkResult } from './extract-lineage.js';

/**
 * Builds the lineage of a query.
 * @param described output columns from DESCRIBE, in order.
 * @param tablesRead datasets the query reads (any order; sorted here).
 * @returns lineage, and `aligned: false` when the walker found a different number of columns than DESCRIBE
 *          (a construct it cannot expand, e.g. `*` over a table function of unknown columns).
 */
export function buildQueryLineage(walk: WalkResult, described: readonly ColumnSchema[], tablesRead: readonly string[], target: string | null): { lineage: QueryLineage; aligned: boolean } {
  const columns: ColumnLineage[] = described.map((col, i) => {
    const deps = walk.columns[i]?.deps;
    const edges = deps?.edges() ?? [];
    const direct = edges.filter((e) => e.type === 'DIRECT');
    const sources = direct.map((e) => e.source);
    const kind = direct.length === 1 && direct[0]!.subtype === 'IDENTITY' ? 'direct' : 'transform';
    // Members in canonical (sorted) order, so plan emission need not copy them.
    return { edges, kind, name: col.name, sources, type: col.type };
  });
  return {
    lineage: { sources: [...new Set(tablesRead)].sort(), target, columns },
    aligned: walk.columns.length === described.length,
  };
}
