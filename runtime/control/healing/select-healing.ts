// control/healing/: which healing action answers a failure. The most specific scope wins (stage, then
// pipeline, then project), then declaration order; an action is tried at most `maxTimes` per stage and run.
import type { ErrorCode, PlanHealingAction } from '../../../compiler/types/control.js';
import { scopesOf } from '../retry-policy.js';

/** The failure as healing selection sees it. `stage`/`pipeline` are absent for run-level work (the lake lock). */
export interface HealingQuery {
  readonly code: ErrorCode;
  readonly message: string;
  readonly stage?: string;
  readonly pipeline?: string;
}

/**
 * The first applicable action, or undefined. `tried` counts earlier tries per action `order` for this
 * stage in this run. Message patterns are JavaScript regular expressions (checked at compile time).
 */
export function selectHealing(actions: readonly PlanHealingAction[], failure: HealingQuery, tried: ReadonlyMap<number, number>): PlanHealingAction | undefined {
  const scopes = scopesOf(failure.stage, failure.pipeline);
  const candidates = actions
    .filter((a) => a.on === failure.code && scopes.includes(a.scope))
    .filter((a) => a.message === undefined || new RegExp(a.message).test(failure.message))
    .filter((a) => (tried.get(a.order) ?? 0) < a.maxTimes);
  candidates.sort((a, b) => scopes.indexOf(b.scope) - scopes.indexOf(a.scope) || a.order - b.order);
  return candidates[0];
}
