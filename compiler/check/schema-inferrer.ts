// check/: the seam for inferring a query's output schema from its inputs' schemas.
import type { ColumnSchema } from '../types/xml-mapping.js';

/** A bind/type error reported by the inferrer; `line`/`column` are 1-based within the SQL passed. */
export interface InferenceError {
  readonly message: string;
  readonly kind: 'unknown_column' | 'ambiguous' | 'other';
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
}

/** Declares relations and infers the columns of queries over them. */
export interface SchemaInferrer {
  /** Declares an empty relation `name` with `columns` (also under schema `layer`). */
  declare(name: string, layer: string, columns: readonly ColumnSchema[]): Promise<void>;
  /** Infers the output columns of `sql` over declared relations. */
  infer(sql: string): Promise<{ ok: true; columns: ColumnSchema[] } | { ok: false; error: InferenceError }>;
  /**
   * Infers the columns of many queries in dependency order at once, each declared under its name (and
   * its layer when `layerView`) for the queries after it. Returns undefined when any query fails; the
   * caller then infers one at a time to report each problem at its position.
   */
  inferBatch(models: readonly { readonly name: string; readonly layer: string; readonly sql: string; readonly layerView: boolean }[]): Promise<Map<string, ColumnSchema[]> | undefined>;
  close(): Promise<void>;
}
