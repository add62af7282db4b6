// check/: a SchemaInferrer that opens the engine-backed one on first use, so a compile whose models the
// fast inferrer types completely never starts DuckDB.
import type { ColumnSchema } from '../types/xml-mapping.js';
import type { InferenceError, SchemaInferrer } from './schema-inferrer.js';

/** Wraps `open`: called at most once, on the first declare/infer/inferBatch; close() is a no-op when it never was. */
export function lazySchemaInferrer(open: () => Promise<SchemaInferrer>): SchemaInferrer {
  let inner: Promise<SchemaInferrer> | undefined;
  const get = (): Promise<SchemaInferrer> => (inner ??= open());
  return {
    async declare(name: string, layer: string, columns: readonly ColumnSchema[]): Promise<void> {
      return (await get()).declare(name, layer, columns);
    },
    async infer(sql: string): Promise<{ ok: true; columns: ColumnSchema[] } | { ok: false; error: InferenceError }> {
      return (await get()).infer(sql);
    },
    async inferBatch(models: Parameters<SchemaInferrer['inferBatch']>[0]): Promise<Map<string, ColumnSchema[]> | undefined> {
      return (await get()).inferBatch(models);
    },
    async close(): Promise<void> {
      if (inner) await (await inner).close();
    },
  };
}
