// schedule/: per-stage cost estimates (duration, rows, bytes) from earlier runs' audit records, for
// the scheduler's ranks and the predicted schedule. Pure: the caller reads the audit log.
import type { StageEstimate } from './schedule-types.js';

/** The audit-record fields estimates use (a subset of control/audit-record.ts AuditRecord). */
export interface CostHistoryRecord {
  readonly stage: string;
  readonly status: string;
  readonly duration_ms: number;
  readonly rows: number | null;
  readonly bytes: number | null;
  /** UTC ISO-8601; orders the runs. */
  readonly started_at: string;
}

/** A stage's estimate and where it came from. */
export interface CostEstimate extends StageEstimate {
  /** `history`: median of recent successful attempts; `default`: never succeeded in the history. */
  readonly source: 'history' | 'default';
  /** Successful attempts the estimate is the median of (0 for defaults). */
  readonly runs: number;
}

/** Successful attempts per stage that estimates look at (the most recent ones). */
export const ESTIMATE_WINDOW = 5;

/**
 * Estimates each stage's cost: over its last `window` attempts with status `succeeded` (newest by
 * `started_at`; other statuses, including `reused` and `skipped`, are ignored), the median of
 * duration_ms, rows and bytes, each taken separately (rows/bytes over the attempts that report
 * them; the default's value when none does). The median ignores one-off slow or fast runs, which a
 * mean would not. Stages without a successful attempt get `defaults(stageId)`.
 *
 * @param stageIds stages to estimate (the result keeps this order).
 * @param history audit records of earlier runs, any order.
 * @param defaults estimate for a stage (or field) the history does not cover.
 * @returns stage id → estimate (ms, rows, bytes; rounded to integers when from history).
 */
export function estimateCosts(
  stageIds: readonly string[], history: readonly CostHistoryRecord[], defaults: (stageId: string) => StageEstimate,
  window: number = ESTIMATE_WINDOW,
): Map<string, CostEstimate> {
  const byStage = new Map<string, CostHistoryRecord[]>();
  for (const r of history) {
    if (r.status !== 'succeeded' || !Number.isFinite(r.duration_ms)) continue;
    (byStage.get(r.stage) ?? byStage.set(r.stage, []).get(r.stage)!).push(r);
  }
  const out = new Map<string, CostEstimate>();
  for (const id of stageIds) {
    const recent = (byStage.get(id) ?? []).sort((a, b) => (a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : 0)).slice(0, Math.max(1, window));
    if (recent.length === 0) {
      out.set(id, { ...pickEstimate(defaults(id)), source: 'default', runs: 0 });
      continue;
    }
    const fallback = (field: 'rows' | 'bytes') => defaults(id)[field];
    const values = (f: (r: CostHistoryRecord) => number | null) => recent.map(f).filter((v): v is number => v !== null && Number.isFinite(v));
    const rows = values((r) => r.rows);
    const bytes = values((r) => r.bytes);
    out.set(id, {
      durationMs: Math.round(median(values((r) => r.duration_ms))),
      rows: rows.length > 0 ? Math.round(median(rows)) : fallback('rows'),
      bytes: bytes.length > 0 ? Math.round(median(bytes)) : fallback('bytes'),
      source: 'history',
      runs: recent.length,
    });
  }
  return out;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function pickEstimate(e: StageEstimate): StageEstimate {
  return { durationMs: e.durationMs, rows: e.rows, bytes: e.bytes };
}
