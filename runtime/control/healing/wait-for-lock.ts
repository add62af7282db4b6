// control/healing/: the `wait_for_lock` action: after LOCK_CONFLICT, wait until the lake lock is
// released (or its holder died on this host, which makes it stale and takeable) or the timeout passes.
import { setTimeout as sleep } from 'node:timers/promises';
import type { LakeLayout } from '../../lake/lake-layout.js';
import { isLockOwnerGone, readLakeLock, type LakeLockOwner } from '../../lake/lake-lock.js';
import type { HealingResult } from './healing-types.js';

/** How often the lock file is looked at while waiting, ms. */
const POLL_MS = 100;
/** Default wait, ms. */
export const DEFAULT_LOCK_WAIT_MS = 60_000;

/**
 * Waits up to `timeoutMs` for the lake lock to become free. Resolves `healed` as soon as it is (the
 * caller then tries to take it at once), `not_healed` when still held at the end; an aborted `signal`
 * ends the wait early with `not_healed`.
 */
export async function waitForLock(lake: LakeLayout, timeoutMs = DEFAULT_LOCK_WAIT_MS, signal?: AbortSignal, now: () => number = Date.now): Promise<HealingResult> {
  const started = now();
  let holder: LakeLockOwner | undefined;
  for (;;) {
    holder = await readLakeLock(lake);
    if (!holder || isLockOwnerGone(holder)) {
      const waited = now() - started;
      return { outcome: 'healed', detail: holder ? `the lock holder (pid ${holder.pid}) is gone after ${waited} ms; its stale lock can be taken over` : `the lake lock was released after ${waited} ms` };
    }
    if (signal?.aborted || now() - started >= timeoutMs) break;
    await sleep(POLL_MS).catch(() => undefined);
  }
  return { outcome: 'not_healed', detail: `the lake lock is still held by pid ${holder.pid} on ${holder.host} (run ${holder.runId ?? 'none'}) after waiting ${now() - started} ms` };
}

