// control/: which retry policy and timeout apply to a stage, and how long to wait before the next
// attempt. Scopes nest project (`*`) -> pipeline -> stage; the innermost declared field wins.
import { DEFAULT_RETRY_POLICY, type PlanRetryPolicy, type PlanStageTimeout, type RetryPolicy } from '../../compiler/types/control.js';

/** Scopes from outermost to innermost for a stage (`*`, pipeline, stage id); `'*'` alone for run-level work. */
export function scopesOf(stageId: string | undefined, pipeline: string | undefined): string[] {
  return ['*', ...(pipeline ? [pipeline] : []), ...(stageId && stageId !== pipeline ? [stageId] : [])];
}

/**
 * The effective retry policy of a stage: DEFAULT_RETRY_POLICY overlaid with the `*`, pipeline and
 * stage overrides in that order, field by field.
 */
export function resolveRetryPolicy(overrides: readonly PlanRetryPolicy[], stageId?: string, pipeline?: string): RetryPolicy {
  let policy: RetryPolicy = DEFAULT_RETRY_POLICY;
  for (const scope of scopesOf(stageId, pipeline)) {
    for (const o of overrides) {
      if (o.scope !== scope) continue;
      policy = {
        maxAttempts: o.maxAttempts ?? policy.maxAttempts, backoff: o.backoff ?? policy.backoff, delayMs: o.delayMs ?? policy.delayMs,
        maxDelayMs: o.maxDelayMs ?? policy.maxDelayMs, jitter: o.jitter ?? policy.jitter,
      };
    }
  }
  return policy;
}

/** The stage's attempt time limit in ms (innermost declared scope wins), or undefined for none. */
export function resolveTimeout(timeouts: readonly PlanStageTimeout[], stageId: string, pipeline: string): number | undefined {
  let ms: number | undefined;
  for (const scope of scopesOf(stageId, pipeline)) ms = timeouts.find((t) => t.scope === scope)?.timeoutMs ?? ms;
  return ms;
}

/**
 * Delay before attempt `failedAttempt + 1`, ms: `fixed` = delay, `linear` = delay * n, `exponential` =
 * delay * 2^(n-1) (n = failedAttempt), spread by ±jitter (a uniform draw from `random`, 0..1, as in
 * AWS's "Exponential Backoff And Jitter" equal-jitter family), then capped at maxDelayMs.
 */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  const n = Math.max(1, failedAttempt);
  const base = policy.backoff === 'fixed' ? policy.delayMs : policy.backoff === 'linear' ? policy.delayMs * n : policy.delayMs * 2 ** (n - 1);
  const spread = base * (1 + policy.jitter * (2 * random() - 1));
  return Math.round(Math.min(policy.maxDelayMs, Math.max(0, spread)));
}
