// executor/: runs one stage under the control plane: attempt, classify a failure, try a healing
// action, retry transient failures per the retry policy with backoff, honour kill switches and
// timeouts, and write one audit record per attempt.
import { setTimeout as sleep } from 'node:timers/promises';
import { LakecError } from '../../compiler/index.js';
import type { PlanHealingAction, RetryPolicy } from '../../compiler/types/control.js';
import type { AttemptStatus } from '../control/audit-record.js';
import type { AuditEntry } from '../control/audit-writer.js';
import { NO_FAILURE } from '../control/audit-writer.js';
import { classifyError, type ClassifiedError } from '../control/classify-error.js';
import type { HealingContext, HealingResult } from '../control/healing/healing-types.js';
import { runHealing } from '../control/healing/run-healing.js';
import { selectHealing } from '../control/healing/select-healing.js';
import { retryDelayMs } from '../control/retry-policy.js';

/** What the attempt function returns on success: rows and bytes for the audit log, plus anything the caller needs. */
export interface AttemptOutput<T> {
  readonly value: T;
  readonly rows: number | null;
  readonly bytes: number | null;
  /** Message of the succeeded attempt's audit record (e.g. the recovery route taken). */
  readonly message?: string;
}

/** How a stage ended under the policy. */
export type PolicyOutcome<T> =
  | { readonly status: 'succeeded'; readonly value: T; readonly attempts: number }
  | { readonly status: 'failed'; readonly error: ClassifiedError; readonly attempts: number }
  | { readonly status: 'cancelled' | 'disabled'; readonly reason: string; readonly scope: string; readonly attempts: number };

/** The stage, its policies and the run's services. */
export interface PolicyContext {
  readonly stage: string;
  readonly pipeline: string;
  readonly runId: string;
  readonly policy: RetryPolicy;
  readonly healing: readonly PlanHealingAction[];
  /** Attempt time limit, ms. */
  readonly timeoutMs?: number;
  /** Healing context parts other than the failure. */
  readonly healingContext: Omit<HealingContext, 'failure' | 'signal'>;
  /** The kill switch currently off for this stage (its own or its pipeline's), if any. */
  readonly disabledScope: () => { scope: string; reason: string } | undefined;
  /** Registers the controller of the attempt or wait in progress, so a kill switch can abort it (undefined when done). */
  readonly setCurrent: (controller: AbortController | undefined) => void;
  /** Removes whatever a failed or cancelled attempt left behind (partial outputs). */
  readonly discard: () => Promise<void>;
  readonly audit: (entry: AuditEntry) => Promise<unknown>;
  readonly now: () => Date;
  readonly random?: () => number;
}

/** Error used to abort an attempt when its stage's kill switch is set (classified CANCELLED). */
export function cancelledError(stage: string, scope: string, reason: string): LakecError {
  return new LakecError({ code: 'LK6407', severity: 'error', message: `stage "${stage}" cancelled: ${scope} was disabled (${reason})`, hint: `lakec enable ${scope} and apply again` });
}

/**
 * Runs `attempt` until it succeeds, fails for good, or a kill switch stops it. On failure: the error is
 * classified; a matching healing action is tried first (healed → the stage runs again at once, bounded
 * by the action's maxTimes); otherwise a transient code is retried while attempts < maxAttempts after
 * `retryDelayMs`; a permanent one ends the stage. A kill switch aborts the attempt or the wait in
 * progress (outcome `cancelled`) or prevents the next one (`disabled`).
 */
export async function runWithPolicy<T>(ctx: PolicyContext, attempt: (signal: AbortSignal, n: number) => Promise<AttemptOutput<T>>): Promise<PolicyOutcome<T>> {
  const tried = new Map<number, number>();
  for (let n = 1; ; n++) {
    const off = ctx.disabledScope();
    if (off) {
      await audit(ctx, n, 'disabled', ctx.now(), { message: `disabled: ${off.scope} (${off.reason})` });
      return { status: 'disabled', reason: off.reason, scope: off.scope, attempts: n - 1 };
    }
    const controller = new AbortController();
    ctx.setCurrent(controller);
    const timer = ctx.timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(new LakecError({
      code: 'LK6408', severity: 'error', message: `stage "${ctx.stage}" ran longer than its timeout of ${ctx.timeoutMs} ms`, hint: 'raise `timeout` for the stage in pipelines.yaml, or find out why it is slow',
    })), ctx.timeoutMs);
    const started = ctx.now();
    try {
      const out = await attempt(controller.signal, n);
      controller.signal.throwIfAborted();
      await audit(ctx, n, 'succeeded', started, { rows: out.rows, bytes: out.bytes, ...(out.message ? { message: out.message } : {}) });
      return { status: 'succeeded', value: out.value, attempts: n };
    } catch (caught) {
      const error = classifyError(controller.signal.aborted ? controller.signal.reason : caught);
      await ctx.discard();
      if (error.code === 'CANCELLED') {
        const stop = ctx.disabledScope() ?? { scope: ctx.stage, reason: 'cancelled' };
        await audit(ctx, n, 'cancelled', started, { error });
        return { status: 'cancelled', reason: stop.reason, scope: stop.scope, attempts: n };
      }
      const action = selectHealing(ctx.healing, { code: error.code, message: error.message, stage: ctx.stage, pipeline: ctx.pipeline }, tried);
      let healed: HealingResult | undefined;
      if (action) {
        tried.set(action.order, (tried.get(action.order) ?? 0) + 1);
        healed = await runHealing(action, {
          ...ctx.healingContext, signal: controller.signal,
          failure: { runId: ctx.runId, stage: ctx.stage, pipeline: ctx.pipeline, attempt: n, code: error.code, transient: error.transient, message: error.message, original: error.original, ...(details(caught) ? { details: details(caught)! } : {}) },
        });
      }
      const healing = action && healed ? { action: action.action, result: healed } : undefined;
      if (healed?.outcome === 'healed') {
        await audit(ctx, n, 'failed', started, { error, healing });
        continue;
      }
      if (error.transient && n < ctx.policy.maxAttempts) {
        const delay = retryDelayMs(ctx.policy, n, ctx.random);
        await audit(ctx, n, 'failed', started, { error, healing, retryDelayMs: delay });
        const wait = new AbortController();
        ctx.setCurrent(wait);
        await sleep(delay, undefined, { signal: wait.signal }).catch(() => undefined);
        continue;
      }
      await audit(ctx, n, 'failed', started, { error, healing });
      return { status: 'failed', error, attempts: n };
    } finally {
      clearTimeout(timer);
      ctx.setCurrent(undefined);
    }
  }
}

/** Structured facts a failure carries for healing (LakecError `details` set by the drift check). */
function details(e: unknown): Readonly<Record<string, unknown>> | undefined {
  const d = (e as { details?: unknown } | null)?.details;
  return d && typeof d === 'object' ? (d as Record<string, unknown>) : undefined;
}

async function audit(
  ctx: PolicyContext, attempt: number, status: AttemptStatus, started: Date,
  extra: { rows?: number | null; bytes?: number | null; message?: string; error?: ClassifiedError; healing?: { action: string; result: HealingResult } | undefined; retryDelayMs?: number },
): Promise<void> {
  const ended = ctx.now();
  const e = extra.error;
  await ctx.audit({
    ...NO_FAILURE, stage: ctx.stage, pipeline: ctx.pipeline, attempt, status,
    started_at: started.toISOString(), ended_at: ended.toISOString(), duration_ms: ended.getTime() - started.getTime(),
    rows: extra.rows ?? null, bytes: extra.bytes ?? null, message: extra.message ?? e?.message ?? null,
    ...(e ? { error_code: e.code, transient: e.transient, original_error: e.original } : {}),
    ...(extra.healing ? { healing_action: extra.healing.action, healing_outcome: extra.healing.result.outcome, healing_detail: extra.healing.result.detail } : {}),
    ...(extra.retryDelayMs !== undefined ? { retry_delay_ms: extra.retryDelayMs } : {}),
  });
}
