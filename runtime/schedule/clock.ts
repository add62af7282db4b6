// schedule/: the time source of the scheduler, the runner and the token buckets. `systemClock` for
// real applies; VirtualClock (virtual-clock.ts) for simulations and tests.
import { setTimeout as delay } from 'node:timers/promises';

/** A monotonic time source with cancellable sleeps. */
export interface Clock {
  /** Monotonic time, ms (arbitrary origin; only differences mean anything). */
  now(): number;
  /**
   * Resolves after `ms` (≤ 0: on a later tick). Rejects with `signal.reason` when the signal is
   * aborted before or during the sleep.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Wall-clock time: `performance.now()` and Node timers (ms granularity; never early). */
export const systemClock: Clock = {
  now: () => performance.now(),
  async sleep(ms, signal) {
    signal?.throwIfAborted();
    try {
      await delay(Math.max(0, Math.ceil(ms)), undefined, signal ? { signal } : undefined);
    } catch (error) {
      // node:timers rejects with its own AbortError; callers expect the signal's reason.
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
  },
};
