// Data only: column-level lineage in the OpenLineage column-lineage vocabulary (facet 1-2-0).
// @see https://openlineage.io/docs/spec/facets/dataset-facets/column_lineage_facet

/** How an input column's values reach an output column. */
export type DirectSubtype = 'IDENTITY' | 'TRANSFORMATION' | 'AGGREGATION';
/** How an input column influences an output column without its values reaching it. */
export type IndirectSubtype = 'JOIN' | 'FILTER' | 'GROUP_BY' | 'SORT' | 'WINDOW' | 'CONDITIONAL';

/** One input of an output column: `source` is `dataset.column`. */
export interface LineageEdge {
  readonly source: string;
  readonly type: 'DIRECT' | 'INDIRECT';
  readonly subtype: DirectSubtype | IndirectSubtype;
}

/** Lineage of one output column. */
export interface ColumnLineage {
  readonly name: string;
  /** DuckDB type name of the column. */
  readonly type: string;
  /** DIRECT inputs, sorted, unique (`dataset.column`). */
  readonly sources: readonly string[];
  /** `direct` when the column is a bare copy (IDENTITY) of exactly one input; else `transform`. */
  readonly kind: 'direct' | 'transform';
  /** Every edge, sorted by source, then type, then subtype. */
  readonly edges: readonly LineageEdge[];
}

/** Lineage of one query or model. */
export interface QueryLineage {
  /** Datasets read, sorted. */
  readonly sources: readonly string[];
  /** Dataset written (CREATE/INSERT target or the model's dataset), or null for a bare query. */
  readonly target: string | null;
  readonly columns: readonly ColumnLineage[];
}
