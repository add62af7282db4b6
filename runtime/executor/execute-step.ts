// executor/: one attempt of one step: ingest a source or run a model into the run folder, then register
// its datasets with the engine. Throws on failure (the policy layer classifies and retries), and
// `discardStepOutputs` removes what a failed or cancelled attempt left behind.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanStep } from '../../compiler/index.js';
import { LakecError } from '../../compiler/index.js';
import { readModelSql } from '../../compiler/parse/model-sql.js';
import type { SqlParser } from '../../compiler/parse/sql-parser.js';
import type { EngineAdapter } from '../engine/engine-adapter.js';
import { datasetDir } from '../lake/lake-layout.js';
import type { ManifestInput } from '../lake/manifest.js';
import { registerDataset } from './register-dataset.js';
import { runIngestStep, type IngestCounts, type IngestThrottle } from './run-ingest-step.js';
import { runModelStep } from './run-model-step.js';

/** What one successful attempt produced. `bytes`: compressed source bytes read (ingest) or Parquet written (model). */
export interface StepOutput {
  /** dataset -> rows */
  readonly rows: ReadonlyMap<string, number>;
  readonly totalRows: number;
  readonly bytes: number;
  readonly input?: ManifestInput;
  readonly xmlBytes?: number;
  readonly records?: number;
  /** Columns accepted beyond the plan's (accept_added_columns). */
  readonly addedColumns?: readonly string[];
}

/** Where and how a step runs. */
export interface StepEnvironment {
  readonly engine: EngineAdapter;
  readonly sqlParser: SqlParser;
  readonly projectDir: string;
  /** The run folder. */
  readonly run: string;
  readonly tmpDir: string;
  /** Where sources read connection settings from (PG*, AWS_* variables). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs `step` once. `throttle` (ingest only) takes the step's systems' rate-limit tokens per chunk. @throws LakecError from the source layer (LK61xx), LK5004 when a model file changed
 * since the plan, LK6201/LK6409 from the model, or `signal.reason` when aborted.
 */
export async function executeStep(
  env: StepEnvironment, step: PlanStep,
  options: {
    signal: AbortSignal; onProgress?: (c: IngestCounts) => void; acceptAddedColumns?: boolean; throttle?: IngestThrottle;
    /** Ingest: the file to read (a recovery route's); default the step's own location. */
    located?: { file: string; displayPath: string };
  },
): Promise<StepOutput> {
  const { engine, run } = env;
  if (step.kind === 'ingest') {
    const out = await runIngestStep({
      engine, step, projectDir: env.projectDir, bronzeDir: join(run, 'bronze'), tmpDir: env.tmpDir, signal: options.signal,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.throttle ? { throttle: options.throttle } : {}),
      ...(options.located ? { located: options.located } : {}), env: env.env,
    });
    const rows = new Map<string, number>();
    for (const name of step.outputs) {
      await registerDataset(engine, name, 'bronze', datasetDir(run, 'bronze', name));
      rows.set(name, out.tableRows.get(name) ?? 0);
    }
    return { rows, totalRows: out.rows, bytes: out.input.size, input: out.input, xmlBytes: out.xmlBytes, records: out.records };
  }
  const sql = await readModelSql(env.projectDir, step.file, env.sqlParser);
  if (!sql.ok || sql.astFingerprint !== step.ast) {
    throw new LakecError({
      code: 'LK5004', severity: 'error',
      message: sql.ok ? `model "${step.id}" (${step.file}) changed since the plan was made` : `model "${step.id}": ${sql.reason}`,
      hint: 'run lakec plan again (reformatting is fine; a change of meaning needs a new plan)',
    });
  }
  const dir = datasetDir(run, step.layer, step.dataset);
  const out = await runModelStep(engine, step, sql.sql, dir, { signal: options.signal, ...(options.acceptAddedColumns ? { acceptAddedColumns: true } : {}) });
  await registerDataset(engine, step.dataset, step.layer, dir);
  return { rows: new Map([[step.dataset, out.rows]]), totalRows: out.rows, bytes: out.bytes, ...(out.addedColumns.length ? { addedColumns: out.addedColumns } : {}) };
}

/** Removes a step's dataset folders from the run folder (after a failed or cancelled attempt). */
export async function discardStepOutputs(run: string, step: PlanStep): Promise<void> {
  const dirs = step.kind === 'ingest' ? step.outputs.map((name) => datasetDir(run, 'bronze', name)) : [datasetDir(run, step.layer, step.dataset)];
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
}
