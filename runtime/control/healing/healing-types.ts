// control/healing/: what a healing action is given and what it reports.
import type { ErrorCode } from '../../../compiler/types/control.js';
import type { EngineAdapter } from '../../engine/engine-adapter.js';
import type { LakeLayout } from '../../lake/lake-layout.js';

/** The failure handed to a healing action (and, as JSON, to a `command` action's stdin). */
export interface HealingFailure {
  readonly runId: string;
  /** Stage id, absent for run-level work (acquiring the lake lock). */
  readonly stage?: string;
  readonly pipeline?: string;
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  readonly code: ErrorCode;
  readonly transient: boolean;
  readonly message: string;
  readonly original: string;
  /** Extra facts about the failure, e.g. SCHEMA_DRIFT's added/missing columns. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** What a healing action may touch. `signal` aborts it (kill switch or shutdown). */
export interface HealingContext {
  readonly failure: HealingFailure;
  /** Absolute project folder: `command` actions run there. */
  readonly projectDir: string;
  readonly lake: LakeLayout;
  /** The run's engine, for actions that change its settings; absent before the engine starts. */
  readonly engine?: EngineAdapter;
  readonly signal?: AbortSignal;
  /** Records that the stage may produce columns beyond the plan's (accept_added_columns). */
  readonly acceptAddedColumns?: () => void;
}

/** `healed`: the cause is fixed, try the stage again now; `not_healed`: it is not; `error`: the action itself failed. */
export interface HealingResult {
  readonly outcome: 'healed' | 'not_healed' | 'error';
  /** What was done or seen, one line (goes to the audit log). */
  readonly detail: string;
}
