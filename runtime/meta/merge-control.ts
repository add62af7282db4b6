// meta/: combines the control rows of both origins into what the runtime uses: retry policies with
// operator fields over spec fields, healing actions operator-first. Pure.
import type { PlanHealingAction, PlanRetryPolicy } from '../../compiler/types/control.js';
import type { ControlOrigin, HealingActionRow, RetryPolicyRow } from './control-rows.js';

/**
 * The healing actions of `rows` in the order they are tried: operator rows, then spec rows, each by
 * `ord`. `order` of the result is the position in that list (from 0).
 */
export function healingActions(rows: readonly HealingActionRow[]): PlanHealingAction[] {
  const rank = (o: ControlOrigin) => (o === 'operator' ? 0 : 1);
  const sorted = [...rows].sort((a, b) => rank(a.origin) - rank(b.origin) || a.ord - b.ord);
  return sorted.map((h, order) => ({
    order, scope: h.scope, on: h.on_code, action: h.action, maxTimes: h.max_times,
    ...(h.message_pattern !== null ? { message: h.message_pattern } : {}),
    ...(h.command !== null ? { command: h.command } : {}),
    ...(h.timeout_ms !== null ? { timeoutMs: h.timeout_ms } : {}),
    ...(h.max_memory !== null ? { maxMemory: h.max_memory } : {}),
    ...(h.max_ratio !== null ? { maxRatio: h.max_ratio } : {}),
  }));
}

/**
 * Retry policies per scope with operator fields over spec fields, field by field (a null operator
 * field keeps the spec's). Sorted by scope (`*` first). Inheritance between scopes is the reader's.
 */
export function mergeRetryPolicies(rows: readonly RetryPolicyRow[]): PlanRetryPolicy[] {
  const byScope = new Map<string, { spec?: RetryPolicyRow; operator?: RetryPolicyRow }>();
  for (const r of rows) byScope.set(r.scope, { ...byScope.get(r.scope), [r.origin]: r });
  return [...byScope.keys()].sort().map((scope) => {
    const { spec, operator } = byScope.get(scope)!;
    const pick = <K extends keyof RetryPolicyRow>(k: K): RetryPolicyRow[K] | null => operator?.[k] ?? spec?.[k] ?? null;
    const maxAttempts = pick('max_attempts');
    const backoff = pick('backoff');
    const delayMs = pick('delay_ms');
    const maxDelayMs = pick('max_delay_ms');
    const jitter = pick('jitter');
    return {
      scope,
      ...(maxAttempts !== null ? { maxAttempts } : {}), ...(backoff !== null ? { backoff } : {}),
      ...(delayMs !== null ? { delayMs } : {}), ...(maxDelayMs !== null ? { maxDelayMs } : {}), ...(jitter !== null ? { jitter } : {}),
    };
  });
}
