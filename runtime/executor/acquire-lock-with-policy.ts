// executor/: takes the lake lock for an apply under the control plane: on LOCK_CONFLICT the project-level
// healing action (wait_for_lock by default) is tried, then the project retry policy; when both are
// spent the apply fails with LK6406 saying who holds the lake and how long it waited. An explicit wait
// (`lakec apply --lock-wait`) replaces that policy: wait up to that long (0: not at all), then fail.
import { setTimeout as sleep } from 'node:timers/promises';
import { LakecError } from '../../compiler/index.js';
import { DEFAULT_LOCK_WAIT_MS, waitForLock } from '../control/healing/wait-for-lock.js';
import type { PlanControl } from '../../compiler/types/control.js';
import { classifyError } from '../control/classify-error.js';
import { runHealing } from '../control/healing/run-healing.js';
import type { HealingResult } from '../control/healing/healing-types.js';
import { selectHealing } from '../control/healing/select-healing.js';
import { resolveRetryPolicy, retryDelayMs } from '../control/retry-policy.js';
import { acquireLakeLock, LakeLockedError, type LakeLock } from '../lake/lake-lock.js';
import type { LakeLayout } from '../lake/lake-layout.js';

/** One try at the lock, for the caller's log: what happened and what was done about it. */
export interface LockAttempt {
  readonly attempt: number;
  readonly message: string;
  readonly healing?: { readonly action: string; readonly result: HealingResult };
  readonly retryDelayMs?: number;
  /** Set before a wait for the lock begins (so a waiting apply says so at once): at most this many ms. */
  readonly waitingMs?: number;
}

/**
 * Acquires the lake lock, waiting per `control` (scope `*`) while another apply holds it; or, when
 * `options.waitMs` is set, waiting up to that many ms for it to be released (0: failing at once).
 * @throws LakecError LK6406 when the lock stays held after healing and retries (or the wait); other
 *   errors as thrown.
 */
export async function acquireLockWithPolicy(
  lake: LakeLayout, control: Pick<PlanControl, 'retry' | 'healing'>,
  options: { projectDir: string; onAttempt?: (a: LockAttempt) => void; random?: () => number; waitMs?: number } = { projectDir: '.' },
): Promise<LakeLock> {
  if (options.waitMs !== undefined) return acquireWithin(lake, options.waitMs, options.onAttempt);
  const policy = resolveRetryPolicy(control.retry);
  const tried = new Map<number, number>();
  const started = Date.now();
  for (let n = 1; ; n++) {
    const e = await tryAcquire(lake);
    if (!(e instanceof LakeLockedError)) return e;
    const error = classifyError(e);
    const action = selectHealing(control.healing, { code: error.code, message: error.message }, tried);
    if (action) {
      tried.set(action.order, (tried.get(action.order) ?? 0) + 1);
      if (action.action === 'wait_for_lock') options.onAttempt?.({ attempt: n, message: error.message, waitingMs: action.timeoutMs ?? DEFAULT_LOCK_WAIT_MS });
      const result = await runHealing(action, {
        projectDir: options.projectDir, lake,
        failure: { runId: '', attempt: n, code: error.code, transient: error.transient, message: error.message, original: error.original },
      });
      options.onAttempt?.({ attempt: n, message: error.message, healing: { action: action.action, result } });
      if (result.outcome === 'healed') continue;
    }
    if (n < policy.maxAttempts) {
      const delay = retryDelayMs(policy, n, options.random);
      options.onAttempt?.({ attempt: n, message: error.message, retryDelayMs: delay });
      await sleep(delay);
      continue;
    }
    const waited = ((Date.now() - started) / 1000).toFixed(1);
    throw new LakecError({
      ...e.diagnostic,
      message: `${e.diagnostic.message}; gave up after ${n} attempt${n === 1 ? '' : 's'} and ${waited} s of waiting (LOCK_CONFLICT, retry policy: ${policy.maxAttempts} attempts, ${policy.backoff} backoff)`,
    }, { cause: e });
  }
}

/**
 * Takes the lock, waiting (wait-for-lock.ts) while it is held until `waitMs` have passed in all; another
 * waiter may win the lock the moment it is released, so the wait resumes with what remains.
 */
async function acquireWithin(lake: LakeLayout, waitMs: number, onAttempt?: (a: LockAttempt) => void): Promise<LakeLock> {
  const started = Date.now();
  for (let n = 1; ; n++) {
    const e = await tryAcquire(lake);
    if (!(e instanceof LakeLockedError)) return e;
    const remaining = waitMs - (Date.now() - started);
    if (remaining > 0) onAttempt?.({ attempt: n, message: e.diagnostic.message, waitingMs: remaining });
    const result = remaining > 0 ? await waitForLock(lake, remaining) : undefined;
    if (result) onAttempt?.({ attempt: n, message: e.diagnostic.message, healing: { action: 'wait_for_lock', result } });
    if (result?.outcome === 'healed') continue;
    const waited = ((Date.now() - started) / 1000).toFixed(1);
    throw new LakecError({
      ...e.diagnostic,
      message: `${e.diagnostic.message}; gave up after ${waited} s of waiting (LOCK_CONFLICT, --lock-wait ${waitMs} ms)`,
      ...(waitMs === 0 ? { hint: `to wait for it instead, give --lock-wait a duration (e.g. 10m); ${e.diagnostic.hint ?? ''}` } : {}),
    }, { cause: e });
  }
}

/** One try at the lock: the lock, or the LakeLockedError naming its holder. @throws any other error. */
async function tryAcquire(lake: LakeLayout): Promise<LakeLock | LakeLockedError> {
  try {
    return await acquireLakeLock(lake, { runId: null, command: 'lakec apply' });
  } catch (e) {
    if (e instanceof LakeLockedError) return e;
    throw e;
  }
}
