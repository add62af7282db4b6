// executor/: makes a dataset written to the run folder readable by name in the engine,
// as `main.<dataset>` and `<layer>.<dataset>`, so models and rules refer to it unqualified or by layer.
import { quoteIdent, quoteLiteral, type EngineAdapter } from '../engine/engine-adapter.js';

/** Creates (or replaces) views over `<dir>/*.parquet`. */
export async function registerDataset(engine: EngineAdapter, name: string, layer: string, dir: string): Promise<void> {
  const relation = `read_parquet(${quoteLiteral(`${dir}/*.parquet`)})`;
  await engine.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(layer)}`);
  await engine.run(`CREATE OR REPLACE VIEW main.${quoteIdent(name)} AS SELECT * FROM ${relation}`);
  await engine.run(`CREATE OR REPLACE VIEW ${quoteIdent(layer)}.${quoteIdent(name)} AS SELECT * FROM main.${quoteIdent(name)}`);
}
