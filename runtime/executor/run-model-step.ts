// executor/: runs one SQL model into its dataset folder as Parquet.
import { mkdir } from 'node:fs/promises';
import type { ModelStep } from '../../compiler/index.js';
import { LakecError } from '../../compiler/index.js';
import { quoteLiteral, type EngineAdapter } from '../engine/engine-adapter.js';

/**
 * Executes the model's `sql` (read from its file, see compiler/parse/model-sql.ts) with DuckDB and
 * writes `<outDir>/part-00000.parquet` (zstd). Inputs must already be registered as views (see
 * register-dataset.ts).
 * @returns rows written.
 * @throws LakecError LK6201 carrying the engine's message.
 */
export async function runModelStep(engine: EngineAdapter, step: ModelStep, sql: string, outDir: string): Promise<number> {
  await mkdir(outDir, { recursive: true });
  const target = `${outDir}/part-00000.parquet`;
  try {
    const rows = await engine.query(`COPY (${sql}\n) TO ${quoteLiteral(target)} (FORMAT parquet, COMPRESSION zstd)`);
    return Number(Object.values(rows[0] ?? {})[0] ?? 0);
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new LakecError(
      { code: 'LK6201', severity: 'error', message: `model "${step.id}" (${step.file}) failed: ${message}`, hint: 'the plan compiled, so this is a data-dependent failure (e.g. a cast of an unexpected value); run the SQL on the inputs to reproduce' },
      { cause: e },
    );
  }
}
