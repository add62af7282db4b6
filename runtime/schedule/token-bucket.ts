// schedule/: a token bucket rate limiter (rows/s or bytes/s of one system), with an admission log so
// the guarantee can be checked after the fact.
import type { Clock } from './clock.js';

/** Relative slack on admission, against float drift in refills (1e-9 of the capacity). */
const EPSILON = 1e-9;

/** Admissions kept in the log by default. */
export const DEFAULT_ADMISSION_LIMIT = 10_000;

interface Waiter {
  remaining: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/** Options of a TokenBucket. */
export interface TokenBucketOptions {
  /** Time the admission log counts from, ms on the bucket's clock; default the clock's now at construction. */
  readonly originMs?: number;
  /** Admissions kept in the log (the first ones); default DEFAULT_ADMISSION_LIMIT. */
  readonly admissionLimit?: number;
}

/**
 * A token bucket (Turner 1986; RFC 2697's single-rate bucket): `ratePerSecond` tokens flow in, up to
 * `capacity`; `take(n)` waits until n tokens are there and removes them. The bucket starts full.
 *
 * Guarantee: for every window [a, b] (ms), admitted ≤ ratePerSecond·(b−a)/1000 + capacity (up to
 * 1e-9·capacity of float slack per admission). A take larger than `capacity` is admitted in
 * capacity-sized pieces. Pieces are served first-come first-served, and a take with pieces left
 * goes to the back of the queue after each one (round-robin), so a new take never overtakes a
 * waiting piece, no take starves, and a stage streaming small chunks is not held up for seconds
 * behind one large take of another stage on the same system.
 *
 * @example
 * const rows = new TokenBucket(10_000, 1_000, systemClock); // 10k rows/s, 0.1 s of burst
 * await rows.take(chunk.length, signal);
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly queue: Waiter[] = [];
  private pumping = false;
  private wake: AbortController | undefined;
  private readonly origin: number;
  private readonly limit: number;
  private readonly log: [number, number][] = [];
  private dropped = 0;
  private total = 0;

  /**
   * @param ratePerSecond tokens per second, > 0.
   * @param capacity bucket depth in tokens, > 0.
   * @throws RangeError when rate or capacity is not a positive finite number.
   */
  constructor(
    readonly ratePerSecond: number,
    readonly capacity: number,
    private readonly clock: Clock,
    options: TokenBucketOptions = {},
  ) {
    if (!(ratePerSecond > 0 && Number.isFinite(ratePerSecond))) throw new RangeError(`token bucket rate must be > 0, got ${ratePerSecond}`);
    if (!(capacity > 0 && Number.isFinite(capacity))) throw new RangeError(`token bucket capacity must be > 0, got ${capacity}`);
    this.tokens = capacity;
    this.last = clock.now();
    this.origin = options.originMs ?? this.last;
    this.limit = options.admissionLimit ?? DEFAULT_ADMISSION_LIMIT;
  }

  /**
   * Waits until `n` tokens are admitted (in capacity-sized pieces when n > capacity).
   * @param n tokens, finite and ≥ 0 (0 resolves at once).
   * @throws RangeError for a negative or non-finite n; rejects with `signal.reason` when aborted
   *   while waiting (pieces already admitted stay admitted).
   */
  take(n: number, signal?: AbortSignal): Promise<void> {
    if (!(n >= 0 && Number.isFinite(n))) return Promise.reject(new RangeError(`token bucket take must be ≥ 0, got ${n}`));
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (n === 0) return Promise.resolve();
    this.refill();
    if (this.queue.length === 0 && n <= this.capacity && this.tokens + EPSILON * this.capacity >= n) {
      this.admit(n);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        remaining: n,
        resolve,
        reject,
        signal,
        onAbort: () => this.abandon(waiter),
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      void this.pump();
    });
  }

  /** Tokens available now. */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Total tokens admitted so far. */
  get admitted(): number {
    return this.total;
  }

  /** Admissions `[atMs, amount]` in time order, ms relative to the origin (the first `admissionLimit`). */
  admissions(): readonly (readonly [number, number])[] {
    return this.log;
  }

  /** Admissions beyond the log limit (counted in `admitted`, not kept). */
  get droppedAdmissions(): number {
    return this.dropped;
  }

  /**
   * Most tokens admitted within any window of `windowMs` (half-open [t, t+windowMs)), over the kept
   * log. Two-pointer sweep, O(log length).
   */
  peakWindow(windowMs: number): number {
    let peak = 0;
    let sum = 0;
    let lo = 0;
    for (const [at, amount] of this.log) {
      sum += amount;
      while (this.log[lo]![0] <= at - windowMs) sum -= this.log[lo++]![1];
      peak = Math.max(peak, sum);
    }
    return peak;
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
      this.last = now;
    }
  }

  /** Takes `amount` tokens; callers refill first, so the admission is logged at that refill's time. */
  private admit(amount: number): void {
    this.tokens = Math.max(0, this.tokens - amount);
    this.total += amount;
    // Logged at `last`, the instant the tokens were counted: a fresh clock read here would be a few µs
    // later, and two admissions logged that way can look closer together than the bucket saw them.
    if (this.log.length < this.limit) this.log.push([this.last - this.origin, amount]);
    else this.dropped++;
  }

  private abandon(waiter: Waiter): void {
    const at = this.queue.indexOf(waiter);
    if (at < 0) return;
    this.queue.splice(at, 1);
    waiter.reject(waiter.signal?.reason);
    if (at === 0) this.wake?.abort(); // the pump may be sleeping for this waiter's piece
  }

  /** Serves the queue head one piece at a time, sleeping until each piece's tokens are in. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        this.refill();
        const head = this.queue[0]!;
        const piece = Math.min(head.remaining, this.capacity);
        if (this.tokens + EPSILON * this.capacity >= piece) {
          this.admit(piece);
          head.remaining -= piece;
          this.queue.shift();
          if (head.remaining > 0) this.queue.push(head); // round-robin: a large take yields after each piece
          else {
            head.signal?.removeEventListener('abort', head.onAbort);
            head.resolve();
          }
          continue;
        }
        const waitMs = Math.max(1e-3, ((piece - this.tokens) * 1000) / this.ratePerSecond);
        this.wake = new AbortController();
        await this.clock.sleep(waitMs, this.wake.signal).catch(() => undefined);
      }
    } finally {
      this.pumping = false;
      this.wake = undefined;
    }
  }
}
