// lake/: the runs of a lake with their status, newest first.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lakeLayout, MANIFEST_FILE } from './lake-layout.js';
import { readManifest, type RunManifest } from './manifest.js';
import { activeRunId, readPromotions } from './promote.js';
import { isRunId } from './run-id.js';

/** One row of `lakec runs`. Times UTC ISO-8601, durations ms. */
export interface RunSummary {
  readonly runId: string;
  /**
   * Manifest status; `unknown` when the folder has no readable manifest. `running` once no apply is
   * running means the run was interrupted.
   */
  readonly status: RunManifest['status'] | 'unknown';
  readonly active: boolean;
  /** True when the run was ever promoted (per `_promotions.jsonl`). */
  readonly promoted: boolean;
  readonly startedAt?: string;
  readonly durationMs?: number;
  readonly datasets: number;
  readonly rows: number;
  /** `<diagnostic code>: <message>` of the run's error, when it failed. */
  readonly error?: string;
  /** Classified code of the run's error (manifest `errorCode`); absent for runs older than the classifier. */
  readonly errorCode?: RunManifest['errorCode'];
  /** The kill switches that stopped a `halted` run (manifest `halt`). */
  readonly halt?: RunManifest['halt'];
}

/** Lists runs under `<lake>/_runs`, newest first (run ids sort by start time). */
export async function listRuns(lakeDir: string): Promise<RunSummary[]> {
  return (await listRunsWithManifests(lakeDir)).map((r) => r.summary);
}

/**
 * Like listRuns, with each run's manifest (absent when unreadable) for callers that need more than the
 * summary; reads each manifest once, and only the newest `limit` runs'.
 */
export async function listRunsWithManifests(lakeDir: string, limit = Infinity): Promise<{ summary: RunSummary; manifest?: RunManifest }[]> {
  const lake = lakeLayout(lakeDir);
  let ids: string[];
  try {
    ids = (await readdir(lake.runsDir)).filter(isRunId).sort().reverse().slice(0, limit);
  } catch {
    return [];
  }
  const active = await activeRunId(lake);
  const promoted = new Set((await readPromotions(lake)).filter((r) => r.action === 'promote').map((r) => r.runId));
  const out: { summary: RunSummary; manifest?: RunManifest }[] = [];
  for (const runId of ids) {
    const m = await readManifest(join(lake.runsDir, runId, MANIFEST_FILE));
    out.push({ ...(m ? { manifest: m } : {}), summary: {
      runId, status: m?.status ?? 'unknown', active: runId === active, promoted: promoted.has(runId),
      ...(m?.startedAt ? { startedAt: m.startedAt } : {}), ...(m?.durationMs !== undefined ? { durationMs: m.durationMs } : {}),
      datasets: m?.datasets.length ?? 0, rows: m?.datasets.reduce((n, d) => n + d.rows, 0) ?? 0,
      ...(m?.error ? { error: `${m.error.code}: ${m.error.message}` } : {}),
      ...(m?.errorCode ? { errorCode: m.errorCode } : {}), ...(m?.halt ? { halt: m.halt } : {}),
    } });
  }
  return out;
}
