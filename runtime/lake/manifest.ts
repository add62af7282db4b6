// lake/: the run manifest, `_manifest.json` in each run folder: what went in, what came out, how it went.
import { readFile } from 'node:fs/promises';
import type { Diagnostic, RuleResult } from '../../compiler/index.js';
import type { ErrorCode } from '../../compiler/types/control.js';
import type { ScheduleRecord, ScheduleTask } from '../schedule/schedule-types.js';

/**
 * Status of a run. `running`: in progress, or interrupted and not yet noticed; `aborted`: interrupted
 * (killed, crashed, power lost) before it finished, as found by the next apply under the lake lock
 * (see abort-interrupted-runs.ts and RunManifest.aborted); `halted`: a kill switch stopped part of it
 * (see RunManifest.halt). Only `succeeded` runs are ever promoted.
 */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'halted' | 'aborted';

/**
 * What an ingest step read. `file`: the dump's path as resolved from the plan's location
 * (project-relative or absolute, as configured) or its `s3://bucket/key`; for files of tables
 * `<location>/<pattern>`; for postgres `postgres://HOST:PORT/DB?schema=S` (never credentials).
 */
export interface ManifestInput {
  readonly step: string;
  readonly file: string;
  /** Bytes read: the file or object (all tables' files together); for postgres, the rows as streamed CSV. */
  readonly size: number;
  /** Modification time when read (S3: LastModified; tables: the newest), ms since the epoch: with `size`, how a later apply recognizes the input without reading it. Absent for postgres. */
  readonly mtimeMs?: number;
  /** Lowercase hex sha256 of the bytes read; for files of tables, of the per-file sha256s in table order. */
  readonly sha256: string;
}

/** A file written into the run folder. */
export interface ManifestFile {
  /** POSIX path relative to the run folder. */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** A dataset of the run. */
export interface ManifestDataset {
  readonly name: string;
  readonly layer: string;
  readonly step: string;
  readonly rows: number;
  /**
   * Effective fingerprint (runtime/executor/effective-fingerprint.ts): the producing step's plan data
   * fingerprint combined with the identity (size, sha256) of every source file it derives from. A
   * later apply reuses the dataset exactly when it computes the same value.
   */
  readonly fingerprint: string;
  /** `built` by this run, or `reused`: hard-linked (or copied) from the run named by `from`. */
  readonly build: 'built' | 'reused';
  /** The run whose step computed these files: this run when built, else the run that first built them. */
  readonly from: string;
  readonly files: readonly ManifestFile[];
}

/** What happened to one step. Times are UTC ISO-8601; durations in milliseconds. */
export interface ManifestStep {
  readonly id: string;
  readonly kind: 'ingest' | 'model';
  /**
   * `reused`: outputs taken from an earlier run (see ManifestDataset.build); `skipped`: not run after a
   * failure, or because a step it depends on was disabled or cancelled; `disabled`: a kill switch was set
   * before it started; `cancelled`: a kill switch stopped it while it ran (its partial output removed).
   */
  readonly status: 'succeeded' | 'failed' | 'skipped' | 'reused' | 'disabled' | 'cancelled';
  readonly startedAt?: string;
  readonly durationMs?: number;
  /** Rows written (all outputs). */
  readonly rows?: number;
  /** Ingest only: uncompressed XML bytes and records read. */
  readonly xmlBytes?: number;
  readonly records?: number;
  /** Attempts made (see `<run>/_audit.jsonl` for each); absent for steps never attempted. */
  readonly attempts?: number;
  /** Classified code of the last failure (runtime/control/classify-error.ts). */
  readonly errorCode?: ErrorCode;
  /** Why the step was skipped, disabled or cancelled. */
  readonly reason?: string;
  readonly error?: Diagnostic;
  /** Ingest only: the recovery route used when the primary location was unavailable (absent: primary). */
  readonly route?: ManifestRoute;
}

/**
 * The recovery route an ingest step took (runtime/recovery/): which one, what it cost, how stale its
 * data is, and why every cheaper route (the primary first) was passed over.
 */
export interface ManifestRoute {
  readonly name: string;
  readonly kind: 'location' | 'previous_run';
  readonly cost: number;
  /** Age of the data, milliseconds: the declared staleness, plus for `previous_run` the age of that run. */
  readonly stalenessMs: number;
  /** `location`: the file read, as `<location>/<name>`. */
  readonly file?: string;
  /** `previous_run`: the run whose datasets were linked. */
  readonly fromRun?: string;
  /** Routes tried first, cheapest first, with why each was unavailable. */
  readonly tried: readonly { readonly name: string; readonly reason: string }[];
}

/**
 * The actual schedule of a run (runtime/schedule/): workers, throttles, when each stage ran on which
 * worker (ms from the first scheduling decision), what was skipped, rate-limit admissions per system,
 * profile changes; and the tasks as scheduled (priority, systems, cost estimate), so the invariants
 * can be checked from the manifest alone (runtime/schedule/check-schedule.ts).
 */
export interface ManifestSchedule extends Omit<ScheduleRecord, 'decisions'> {
  readonly tasks: readonly ScheduleTask[];
}

/** The manifest of a run. */
export interface RunManifest {
  /** 2 since incremental apply (datasets carry `build` and `from`); runs with 1 are never reused from. */
  readonly manifestVersion: 1 | 2;
  readonly runId: string;
  readonly project: string;
  readonly planFingerprint: string;
  readonly status: RunStatus;
  /** Run that `active` pointed to when this run started, or null. */
  readonly previousActive: string | null;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly inputs: readonly ManifestInput[];
  readonly datasets: readonly ManifestDataset[];
  readonly steps: readonly ManifestStep[];
  readonly validation?: { readonly results: readonly RuleResult[]; readonly blocking: number };
  /** Why the run failed. */
  readonly error?: Diagnostic;
  /** Classified code of `error`. */
  readonly errorCode?: ErrorCode;
  /** Set when status is `halted`: the kill switches that stopped the run and the stages they stopped. */
  readonly halt?: { readonly scopes: readonly string[]; readonly reason: string; readonly stages: readonly string[] };
  /** The actual schedule; absent in runs made before the parallel executor. */
  readonly schedule?: ManifestSchedule;
  /**
   * Set when status is `aborted`: when the next apply noticed the interruption (UTC ISO-8601; the run
   * itself stopped at some unknown instant before that). `error` then says LK6412.
   */
  readonly aborted?: { readonly at: string };
}

/** Reads a run's manifest; undefined when absent or unreadable (an interrupted or foreign folder). */
export async function readManifest(path: string): Promise<RunManifest | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as RunManifest;
  } catch {
    return undefined;
  }
}
