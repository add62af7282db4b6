// meta/: rows of control_flags, retry_policies and healing_actions as JS values (snake_case, the
// column names), and their conversion to and from the plan's control records (compiler/types/control.ts).
import type { Backoff, ErrorCode, HealingActionKind, PlanControl } from '../../compiler/types/control.js';
import type { Row } from '../engine/engine-adapter.js';
import { jsonList, numberOrNull, textOrNull } from './row-values.js';

/** Who wrote a control row: `spec` (pipelines.yaml, rewritten on every apply) or `operator` (kept). */
export type ControlOrigin = 'spec' | 'operator';

/** `updated_by` of the rows a sync copies from pipelines.yaml. */
export const SPEC_AUTHOR = 'pipelines.yaml';

/** One row of `control_flags`. */
export interface ControlFlagRow {
  /** `<pipeline>` or `<pipeline>.<stage>` (a plan step id). */
  readonly scope: string;
  readonly origin: ControlOrigin;
  readonly disabled: boolean;
  readonly reason: string | null;
  /** `user@host` for operator rows written by lakec, `pipelines.yaml` for spec rows; free text from SQL. */
  readonly updated_by: string | null;
  /** UTC ISO-8601 with milliseconds and `Z`. */
  readonly updated_at: string;
}

/** One row of `retry_policies`; a null field inherits (from the spec row, then the enclosing scope). */
export interface RetryPolicyRow {
  readonly scope: string;
  readonly origin: ControlOrigin;
  readonly max_attempts: number | null;
  readonly backoff: Backoff | null;
  readonly delay_ms: number | null;
  readonly max_delay_ms: number | null;
  readonly jitter: number | null;
}

/** One row of `healing_actions`; `ord` orders the rows of one origin (tried in ascending order). */
export interface HealingActionRow {
  readonly origin: ControlOrigin;
  readonly ord: number;
  readonly scope: string;
  readonly on_code: ErrorCode;
  readonly message_pattern: string | null;
  readonly action: HealingActionKind;
  readonly command: readonly string[] | null;
  readonly timeout_ms: number | null;
  readonly max_memory: string | null;
  readonly max_ratio: number | null;
  readonly max_times: number;
}

/** The spec rows of the three control tables for `control` (absent: none), `updated_at` left to the store. */
export function specControlRows(control: PlanControl | undefined): {
  flags: Omit<ControlFlagRow, 'updated_at'>[]; retry: RetryPolicyRow[]; healing: HealingActionRow[];
} {
  return {
    flags: (control?.flags ?? []).map((f) => ({ scope: f.scope, origin: 'spec', disabled: true, reason: f.reason ?? null, updated_by: SPEC_AUTHOR })),
    retry: (control?.retry ?? []).map((r) => ({
      scope: r.scope, origin: 'spec', max_attempts: r.maxAttempts ?? null, backoff: r.backoff ?? null,
      delay_ms: r.delayMs ?? null, max_delay_ms: r.maxDelayMs ?? null, jitter: r.jitter ?? null,
    })),
    healing: (control?.healing ?? []).map((h) => ({
      origin: 'spec', ord: h.order, scope: h.scope, on_code: h.on, message_pattern: h.message ?? null, action: h.action,
      command: h.command ?? null, timeout_ms: h.timeoutMs ?? null, max_memory: h.maxMemory ?? null, max_ratio: h.maxRatio ?? null, max_times: h.maxTimes,
    })),
  };
}

/** A `control_flags` row from an engine row selected with `updated_at` as ISO text. */
export function flagFromRow(r: Row): ControlFlagRow {
  return {
    scope: String(r['scope']), origin: r['origin'] as ControlOrigin, disabled: r['disabled'] === true,
    reason: textOrNull(r['reason']), updated_by: textOrNull(r['updated_by']), updated_at: String(r['updated_at']),
  };
}

/** A `retry_policies` row from an engine row. */
export function retryFromRow(r: Row): RetryPolicyRow {
  return {
    scope: String(r['scope']), origin: r['origin'] as ControlOrigin, max_attempts: numberOrNull(r['max_attempts']),
    backoff: textOrNull(r['backoff']) as Backoff | null, delay_ms: numberOrNull(r['delay_ms']),
    max_delay_ms: numberOrNull(r['max_delay_ms']), jitter: numberOrNull(r['jitter']),
  };
}

/** A `healing_actions` row from an engine row selected with `command` as JSON text. */
export function healingFromRow(r: Row): HealingActionRow {
  return {
    origin: r['origin'] as ControlOrigin, ord: Number(r['ord']), scope: String(r['scope']), on_code: String(r['on_code']) as ErrorCode,
    message_pattern: textOrNull(r['message_pattern']), action: String(r['action']) as HealingActionKind, command: jsonList(r['command']),
    timeout_ms: numberOrNull(r['timeout_ms']), max_memory: textOrNull(r['max_memory']), max_ratio: numberOrNull(r['max_ratio']),
    max_times: numberOrNull(r['max_times']) ?? 1,
  };
}
