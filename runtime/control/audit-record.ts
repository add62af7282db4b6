// control/: one row of the audit log: one attempt of one stage of one run. Written to
// `<run>/_audit.jsonl` as the run goes (one JSON object per line) and copied into the metadata store's
// `audit_log` table (runtime/meta/). Field names are the table's column names.
import type { ErrorCode } from '../../compiler/types/control.js';

/** Outcome of one attempt. `disabled`: a kill switch was set before it started; `cancelled`: set while it ran. */
export type AttemptStatus = 'succeeded' | 'failed' | 'cancelled' | 'disabled' | 'skipped' | 'reused';

/** Outcome of a healing action: it fixed the cause (the stage is tried again at once), it did not, or it could not run. */
export type HealingOutcome = 'healed' | 'not_healed' | 'error';

/**
 * One attempt of one stage. Times are UTC ISO-8601, durations milliseconds, bytes as read from the
 * source (ingest: compressed bytes) or written (model: Parquet bytes).
 */
export interface AuditRecord {
  readonly run_id: string;
  /** Order of the record within its run, from 1. */
  readonly seq: number;
  /** Stage id `<pipeline>.<stage>`. */
  readonly stage: string;
  readonly pipeline: string;
  /** 1 for the first attempt; 0 for records that are not attempts (skipped, reused, validation healing). */
  readonly attempt: number;
  readonly status: AttemptStatus;
  readonly started_at: string;
  readonly ended_at: string;
  readonly duration_ms: number;
  readonly rows: number | null;
  readonly bytes: number | null;
  readonly error_code: ErrorCode | null;
  /** Whether `error_code` is transient (retried per policy). */
  readonly transient: boolean | null;
  /** One-line message: the diagnostic's, or why the stage was disabled or skipped. */
  readonly message: string | null;
  /** The original error as caught: the lakec diagnostic code and message, or the engine's or OS's message and code. */
  readonly original_error: string | null;
  /** The healing action tried after this attempt failed (`command` or a built-in name), if any. */
  readonly healing_action: string | null;
  readonly healing_outcome: HealingOutcome | null;
  /** What the healing action reported (its output, or what it changed). */
  readonly healing_detail: string | null;
  /** Delay before the next attempt, when the retry policy scheduled one. */
  readonly retry_delay_ms: number | null;
}

/** Column types of the `audit_log` table (DuckDB), in AuditRecord field order. */
export const AUDIT_LOG_COLUMNS: Readonly<Record<keyof AuditRecord, string>> = {
  run_id: 'VARCHAR', seq: 'INTEGER', stage: 'VARCHAR', pipeline: 'VARCHAR', attempt: 'INTEGER', status: 'VARCHAR',
  started_at: 'TIMESTAMP', ended_at: 'TIMESTAMP', duration_ms: 'BIGINT', rows: 'BIGINT', bytes: 'BIGINT',
  error_code: 'VARCHAR', transient: 'BOOLEAN', message: 'VARCHAR', original_error: 'VARCHAR',
  healing_action: 'VARCHAR', healing_outcome: 'VARCHAR', healing_detail: 'VARCHAR', retry_delay_ms: 'BIGINT',
};

/** Audit file name inside a run folder. */
export const AUDIT_FILE = '_audit.jsonl';
