// meta/: what earlier runs cost, per stage, from the audit log: the input of the scheduler's cost
// estimates (runtime/schedule/cost-estimates.ts).
import { existsSync } from 'node:fs';
import type { Row } from '../engine/engine-adapter.js';
import { isoColumn, numberOrNull } from './row-values.js';
import { withMetaStore, type MetaStoreOptions } from './with-meta-store.js';

/** One succeeded attempt of a stage: how long it took (ms), rows written and bytes read or written. */
export interface StageCostSample {
  readonly stage: string;
  readonly status: 'succeeded';
  readonly duration_ms: number;
  readonly rows: number | null;
  readonly bytes: number | null;
  /** UTC ISO-8601. */
  readonly started_at: string;
}

/**
 * The last `perStage` succeeded attempts of every stage (reuses, skips and failures excluded), oldest
 * first within a stage, stages sorted by id. An empty or missing store gives [] (a missing one is not created).
 * @throws LakecError LK6405 when another process holds the store for `options.waitMs`.
 */
export async function readCostHistory(dbPath: string, perStage = 5, options?: MetaStoreOptions): Promise<StageCostSample[]> {
  if (!existsSync(dbPath)) return [];
  const sql = `SELECT stage, duration_ms, rows, bytes, ${isoColumn('started_at')} FROM (
      SELECT *, row_number() OVER (PARTITION BY stage ORDER BY started_at DESC, run_id DESC, seq DESC) AS recent
      FROM audit_log WHERE status = 'succeeded' AND attempt > 0
    ) WHERE recent <= ${Math.max(1, Math.floor(perStage))} ORDER BY stage, started_at, run_id`;
  return withMetaStore(dbPath, async (engine) => (await engine.query(sql)).map((r: Row) => ({
    stage: String(r['stage']), status: 'succeeded' as const, duration_ms: numberOrNull(r['duration_ms']) ?? 0,
    rows: numberOrNull(r['rows']), bytes: numberOrNull(r['bytes']), started_at: String(r['started_at']),
  })), options);
}
