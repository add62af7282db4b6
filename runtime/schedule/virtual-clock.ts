// schedule/: a deterministic virtual clock for simulations: sleeps are timers in a heap and time only
// moves when the driver jumps to the next timer, so hours of schedule run in milliseconds.
import { BinaryHeap } from './binary-heap.js';
import type { Clock } from './clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
  done: boolean;
  cleanup?: () => void;
}

/**
 * A Clock whose time moves only through `advance()` / `runUntilIdle()`. Timers due at the same time
 * fire in the order they were set, so a run is a pure function of its inputs.
 *
 * Simulated work must wait only on this clock and on promises (no real I/O or Node timers): the
 * driver treats "a macrotask turn passed with no timer set or cancelled" as "all work is blocked on
 * the clock", and then jumps to the next timer.
 *
 * @example
 * const clock = new VirtualClock();
 * const done = clock.runUntilIdle(clock.sleep(5000).then(() => clock.now())); // resolves to 5000
 */
export class VirtualClock implements Clock {
  private time: number;
  private seq = 0;
  /** Bumped whenever a timer is set, fired or cancelled: the driver's progress signal. */
  private version = 0;
  private live = 0;
  private readonly timers = new BinaryHeap<Timer>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));

  /** @param startMs initial time, ms. */
  constructor(startMs = 0) {
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, resolve, done: false };
      if (signal) {
        const onAbort = (): void => {
          if (timer.done) return;
          timer.done = true;
          this.live--;
          this.version++;
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        timer.cleanup = () => signal.removeEventListener('abort', onAbort);
      }
      this.timers.push(timer);
      this.live++;
      this.version++;
    });
  }

  /** Timers set and neither fired nor cancelled. */
  get pendingTimers(): number {
    return this.live;
  }

  /**
   * Moves time to the earliest pending timer and fires every timer due then (in the order set).
   * @returns false when no timer is pending (time does not move).
   */
  advance(): boolean {
    while (this.timers.peek()?.done) this.timers.pop();
    const first = this.timers.peek();
    if (!first) return false;
    this.time = Math.max(this.time, first.at);
    for (let t = this.timers.peek(); t && (t.done || t.at <= this.time); t = this.timers.peek()) {
      this.timers.pop();
      if (t.done) continue;
      t.done = true;
      this.live--;
      t.cleanup?.();
      t.resolve();
    }
    this.version++;
    return true;
  }

  /** Lets promise and immediate work run until a macrotask turn passes with no timer change. */
  async settle(): Promise<void> {
    for (;;) {
      const before = this.version;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (before === this.version) return;
    }
  }

  /**
   * Drives the clock until `promise` settles: settle, then jump to the next timer, repeatedly.
   * @returns the promise's value (or rethrows its rejection).
   * @throws Error when the promise is still pending and no timer is set (a deadlock), or after
   *   `maxSteps` jumps (default 10,000,000).
   */
  async runUntilIdle<T>(promise: Promise<T>, options: { maxSteps?: number } = {}): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    promise.then(
      (value) => (outcome = { ok: true, value }),
      (error: unknown) => (outcome = { ok: false, error }),
    );
    const maxSteps = options.maxSteps ?? 10_000_000;
    for (let step = 0; ; step++) {
      await this.settle();
      if (outcome) {
        if (outcome.ok) return outcome.value;
        throw outcome.error;
      }
      if (step >= maxSteps) throw new Error(`VirtualClock: still pending after ${maxSteps} timer jumps`);
      if (!this.advance()) throw new Error(`VirtualClock: promise pending at ${this.time} ms with no timer set (deadlock)`);
    }
  }
}
