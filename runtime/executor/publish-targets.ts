// executor/: publication after promotion: each target of the plan gets its datasets from the promoted
// run (runtime/targets/postgres/, staging table + swap in one transaction). Idempotent per run and
// table, so an apply that finds nothing to build still publishes what an earlier failure left out.
import type { Plan } from '../../compiler/index.js';
import { NO_FAILURE } from '../control/audit-writer.js';
import { classifyError } from '../control/classify-error.js';
import type { AuditRecord } from '../control/audit-record.js';
import { datasetDir } from '../lake/lake-layout.js';
import type { EngineAdapter } from '../engine/engine-adapter.js';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { appendAudit } from '../meta/audit-log.js';
import type { PublishedTable } from '../targets/postgres/index.js';
import type { Diagnostic } from '../../compiler/index.js';

/** What publishing one target did: the tables published (or skipped as already current), or the error. */
export interface TargetPublication {
  readonly target: string;
  readonly tables: readonly PublishedTable[];
  readonly error?: Diagnostic;
}

/**
 * Publishes every target of `plan` from the run in `runDir` (the one `active` points at), one after
 * another, each with its own in-memory DuckDB instance for reading the Parquet (exports go to `<lake>/_tmp`). A table is tagged with the run
 * that built its data (`builtBy`: dataset -> ManifestDataset.from), so a dataset reused unchanged from
 * an earlier run is found current and not loaded again. A target that fails does not stop the others;
 * the result says which failed. Each target's outcome is appended to the metadata store's audit_log
 * (stage = the target id, run = `runId`).
 * @returns one entry per target, in plan order; [] without targets (DuckDB is then not loaded).
 */
export async function publishTargets(
  plan: Plan, runId: string, runDir: string, builtBy: ReadonlyMap<string, string>, metaDb: string, now: () => Date = () => new Date(),
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<TargetPublication[]> {
  if (!plan.targets.length) return [];
  const datasets = new Map(plan.datasets.map((d) => [d.name, d]));
  const { openDuckDb } = await import('../engine/duckdb-adapter.js');
  const { publishToPostgres } = await import('../targets/postgres/index.js');
  // Exports are written under the lake (not the system temp folder), next to the data they come from.
  const tmpDir = join(dirname(dirname(runDir)), '_tmp');
  await mkdir(tmpDir, { recursive: true });
  const out: TargetPublication[] = [];
  const records: AuditRecord[] = [];
  for (const target of plan.targets) {
    const started = now();
    let engine: EngineAdapter | undefined;
    let publication: TargetPublication;
    let code: AuditRecord['error_code'] = null;
    try {
      engine = await openDuckDb();
      // One call per building run: the table comment names the run whose data it holds.
      const byRun = new Map<string, string[]>();
      for (const name of target.datasets) {
        const from = builtBy.get(name) ?? runId;
        byRun.set(from, [...(byRun.get(from) ?? []), name]);
      }
      const tables: PublishedTable[] = [];
      for (const [from, names] of [...byRun].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const result = await publishToPostgres({
          target: { ...target, datasets: names }, runId: from, env, engine, tmpDir,
          datasets: names.map((name) => {
            const d = datasets.get(name)!;
            return { name, dir: datasetDir(runDir, d.layer, name), columns: d.columns };
          }),
        });
        tables.push(...result.tables);
      }
      publication = { target: target.id, tables: tables.sort((a, b) => (a.dataset < b.dataset ? -1 : 1)) };
    } catch (e) {
      const failure = classifyError(e);
      code = failure.code;
      publication = { target: target.id, tables: [], error: failure.diagnostic };
    } finally {
      await engine?.close();
    }
    out.push(publication);
    const ended = now();
    const rows = publication.tables.reduce((n, t) => n + t.rows, 0);
    records.push({
      // Publication may be retried by later applies of the same run: seq 1e9 + the millisecond of the
      // attempt (mod 1e9) + the target's index keeps each record apart from the run's own (numbered from 1)
      // and from other attempts (INSERT OR IGNORE would drop a collision).
      ...NO_FAILURE, run_id: runId, seq: 1_000_000_000 + ((started.getTime() + records.length) % 1_000_000_000), stage: target.id, pipeline: target.pipeline, attempt: 1,
      status: publication.error ? 'failed' : 'succeeded', started_at: started.toISOString(), ended_at: ended.toISOString(),
      duration_ms: ended.getTime() - started.getTime(), rows, bytes: null,
      message: publication.error ? publication.error.message : `published ${publication.tables.filter((t) => !t.skipped).length} table(s) to ${target.schema}, ${publication.tables.filter((t) => t.skipped).length} already current`,
      error_code: code,
    });
  }
  await appendAudit(metaDb, records).catch(() => undefined);
  return out;
}
