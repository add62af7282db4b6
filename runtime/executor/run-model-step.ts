// executor/: runs one SQL model into its dataset folder as Parquet, after checking that the query still
// produces the columns the plan promised (schema drift), and stops the engine when the step is aborted.
import { mkdir, stat } from 'node:fs/promises';
import type { ModelStep } from '../../compiler/index.js';
import { LakecError } from '../../compiler/index.js';
import { quoteLiteral, type EngineAdapter } from '../engine/engine-adapter.js';

/** Rows and Parquet bytes a model wrote, and the columns it produced beyond the plan's (when accepted). */
export interface ModelOutcome {
  readonly rows: number;
  readonly bytes: number;
  readonly addedColumns: readonly string[];
}

/** How the query's columns differ from the plan's: names added or missing, and `name: planned -> actual` type changes. */
export interface SchemaDrift {
  readonly added: readonly string[];
  readonly missing: readonly string[];
  readonly changed: readonly string[];
}

/** LK6409, with the drift as `details` for healing (accept_added_columns). */
export class SchemaDriftError extends LakecError {
  constructor(step: ModelStep, readonly details: SchemaDrift) {
    const parts = [
      details.added.length ? `added ${details.added.join(', ')}` : '',
      details.missing.length ? `missing ${details.missing.join(', ')}` : '',
      details.changed.length ? `retyped ${details.changed.join(', ')}` : '',
    ].filter(Boolean);
    super({
      code: 'LK6409', severity: 'error', message: `model "${step.id}" (${step.file}) produces other columns than the plan: ${parts.join('; ')}`,
      hint: 'the inputs changed shape since the plan was made: run lakec plan again; added columns can be accepted with the accept_added_columns healing action',
    });
  }
}

/**
 * Executes the model's `sql` (read from its file, see compiler/parse/model-sql.ts) with DuckDB and
 * writes `<outDir>/part-00000.parquet` (zstd). Inputs must already be registered as views (see
 * register-dataset.ts). First DESCRIBEs the query and compares its columns with `step.columns`: any
 * difference is SCHEMA_DRIFT, except added columns when `acceptAddedColumns`. Aborting `signal`
 * interrupts the engine.
 * @throws LakecError LK6201 carrying the engine's message (the engine error as `cause`), SchemaDriftError
 * (LK6409), or `signal.reason` when aborted before the query starts.
 */
export async function runModelStep(
  engine: EngineAdapter, step: ModelStep, sql: string, outDir: string,
  options: { readonly signal?: AbortSignal; readonly acceptAddedColumns?: boolean } = {},
): Promise<ModelOutcome> {
  const { signal } = options;
  signal?.throwIfAborted();
  await mkdir(outDir, { recursive: true });
  const target = `${outDir}/part-00000.parquet`;
  const interrupt = () => engine.interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });
  try {
    const described = await engine.query(`DESCRIBE SELECT * FROM (${sql}\n)`);
    const drift = compareColumns(step, described.map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) })));
    if (drift.missing.length || drift.changed.length || (drift.added.length && !options.acceptAddedColumns)) throw new SchemaDriftError(step, drift);
    signal?.throwIfAborted();
    const rows = await engine.query(`COPY (${sql}\n) TO ${quoteLiteral(target)} (FORMAT parquet, COMPRESSION zstd)`);
    return { rows: Number(Object.values(rows[0] ?? {})[0] ?? 0), bytes: (await stat(target)).size, addedColumns: drift.added };
  } catch (e) {
    if (e instanceof LakecError) throw e;
    const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new LakecError(
      { code: 'LK6201', severity: 'error', message: `model "${step.id}" (${step.file}) failed: ${message}`, hint: 'the plan compiled, so this is a data-dependent failure (e.g. a cast of an unexpected value); run the SQL on the inputs to reproduce' },
      { cause: e },
    );
  } finally {
    signal?.removeEventListener('abort', interrupt);
  }
}

/** Differences between the plan's columns and the query's (names compared case-insensitively, as DuckDB binds them). */
export function compareColumns(step: Pick<ModelStep, 'columns'>, actual: readonly { name: string; type: string }[]): SchemaDrift {
  const planned = new Map(step.columns.map((c) => [c.name.toLowerCase(), c]));
  const seen = new Map(actual.map((c) => [c.name.toLowerCase(), c]));
  return {
    added: actual.filter((c) => !planned.has(c.name.toLowerCase())).map((c) => c.name),
    missing: step.columns.filter((c) => !seen.has(c.name.toLowerCase())).map((c) => c.name),
    changed: step.columns.flatMap((c) => {
      const a = seen.get(c.name.toLowerCase());
      return a && a.type !== c.type ? [`${c.name}: ${c.type} -> ${a.type}`] : [];
    }),
  };
}
