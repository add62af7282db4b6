// Data only: the medallion metadata catalog derived from a compiled project (see plan/build-catalog.ts).
// Table and field names are the metadata store's (runtime/catalog/write-catalog-db.ts writes them 1:1).
import type { ColumnSchema } from './xml-mapping.js';

export interface CatalogPipeline { readonly pipeline: string; readonly description: string | null; readonly stage_count: number }
/** A stage is one plan step: an ingest of a source or the run of one model. */
export interface CatalogStage { readonly stage: string; readonly pipeline: string; readonly kind: 'ingest' | 'model'; readonly layer: string; readonly file: string | null; readonly description: string | null; readonly depends_on: readonly string[]; readonly data_fingerprint: string }
export interface CatalogSource { readonly source: string; readonly pipeline: string; readonly stage: string; readonly type: string; readonly location: string; readonly pattern: string; readonly mapping_file: string; readonly tables: readonly string[] }
/** A target: where a stage writes a dataset (inside each run snapshot, relative to the run folder). */
export interface CatalogTarget { readonly dataset: string; readonly stage: string; readonly pipeline: string; readonly layer: string; readonly format: 'parquet'; readonly path: string }
export interface CatalogDataset { readonly dataset: string; readonly layer: string; readonly pipeline: string; readonly stage: string; readonly columns: readonly ColumnSchema[] }
export interface CatalogRule { readonly rule_id: string; readonly pipeline: string; readonly dataset: string; readonly kind: string; readonly severity: string; readonly definition: string }
/** Dataset-level lineage: `to_dataset` reads `from_dataset`. */
export interface CatalogDatasetEdge { readonly from_dataset: string; readonly to_dataset: string }
/** Column-level lineage edge in the OpenLineage vocabulary. */
export interface CatalogColumnEdge { readonly from_dataset: string; readonly from_column: string; readonly to_dataset: string; readonly to_column: string; readonly type: string; readonly subtype: string }

/** The whole catalog; every array sorted by its natural key. */
export interface Catalog {
  readonly project: string;
  readonly plan_fingerprint: string;
  readonly pipelines: readonly CatalogPipeline[];
  readonly stages: readonly CatalogStage[];
  readonly sources: readonly CatalogSource[];
  readonly targets: readonly CatalogTarget[];
  readonly datasets: readonly CatalogDataset[];
  readonly validation_rules: readonly CatalogRule[];
  readonly dataset_lineage: readonly CatalogDatasetEdge[];
  readonly column_lineage: readonly CatalogColumnEdge[];
}
