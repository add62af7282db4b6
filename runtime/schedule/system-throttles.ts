// schedule/: the throttles of every source and target system during one run: concurrency slots and
// rows/bytes token buckets. A running stage holds a StageLease; the streaming read/write paths call
// `lease.take({ rows, bytes })` per chunk.
import { InternalError } from '../../compiler/diagnostics/diagnostic.js';
import type { Clock } from './clock.js';
import { DEFAULT_BURST_SECONDS, type RateRecord, type SystemThrottle } from './schedule-types.js';
import { TokenBucket } from './token-bucket.js';

/** Rows and bytes one chunk moves; absent means 0. */
export interface LeaseTake {
  readonly rows?: number;
  readonly bytes?: number;
}

/** A running stage's hold on its systems: one concurrency slot in each, and their rate limits. */
export interface StageLease {
  readonly stageId: string;
  /** The stage's systems, sorted, without duplicates. */
  readonly systems: readonly string[];
  /**
   * Waits until `rows` and `bytes` are admitted by every rate-limited system of the stage. The
   * buckets are waited on at once (queued in each), so a chunk waits for the slowest system, not
   * the sum. Rejects with `signal.reason` when aborted while waiting.
   */
  take(amount: LeaseTake, signal?: AbortSignal): Promise<void>;
  /** Gives the slots back; idempotent. */
  release(): void;
}

/** Token-bucket depth of a rate: rate × burstSeconds (default DEFAULT_BURST_SECONDS). */
export function bucketCapacity(ratePerSecond: number, burstSeconds: number | undefined): number {
  return ratePerSecond * (burstSeconds ?? DEFAULT_BURST_SECONDS);
}

interface SystemState {
  readonly throttle: SystemThrottle;
  running: number;
  readonly rows?: TokenBucket;
  readonly bytes?: TokenBucket;
}

/**
 * The throttles of one run, from `SystemThrottle[]`. Systems without a throttle are unlimited.
 * Concurrency is decided by the scheduler; `open` checks it again and throws on a breach (a bug).
 */
export class SystemThrottles {
  private readonly systems = new Map<string, SystemState>();

  /**
   * @param throttles one per system name (later duplicates are ignored).
   * @param options.originMs time the admission logs count from (the run start), clock ms.
   * @throws RangeError when a rate or burst is not positive.
   */
  constructor(
    throttles: readonly SystemThrottle[],
    clock: Clock,
    options: { originMs?: number; admissionLimit?: number } = {},
  ) {
    for (const t of throttles) {
      if (this.systems.has(t.name)) continue;
      const bucket = (rate: number | undefined) =>
        rate === undefined ? undefined : new TokenBucket(rate, bucketCapacity(rate, t.burstSeconds), clock, options);
      const rows = bucket(t.rowsPerSecond);
      const bytes = bucket(t.bytesPerSecond);
      this.systems.set(t.name, { throttle: t, running: 0, ...(rows ? { rows } : {}), ...(bytes ? { bytes } : {}) });
    }
  }

  /** Stages running on `system` now. */
  running(system: string): number {
    return this.systems.get(system)?.running ?? 0;
  }

  /** Whether a stage on `systems` could start now without exceeding any max_concurrent. */
  fits(systems: readonly string[]): boolean {
    return uniqueSorted(systems).every((s) => {
      const state = this.systems.get(s);
      return !state || state.throttle.maxConcurrent === undefined || state.running < state.throttle.maxConcurrent;
    });
  }

  /**
   * Takes one slot in each of the stage's systems.
   * @throws InternalError when a system is already at max_concurrent (the scheduler must not start it).
   */
  open(stageId: string, systems: readonly string[]): StageLease {
    const names = uniqueSorted(systems);
    if (!this.fits(names)) throw new InternalError(`stage "${stageId}" started on a system at max_concurrent (${names.join(', ')})`);
    for (const s of names) {
      const state = this.systems.get(s);
      if (state) state.running++;
    }
    let released = false;
    const buckets = names.flatMap((s) => {
      const state = this.systems.get(s);
      return state ? [state] : [];
    });
    return {
      stageId,
      systems: names,
      take: async ({ rows = 0, bytes = 0 }, signal) => {
        const waits: Promise<void>[] = [];
        for (const state of buckets) {
          if (state.rows && rows > 0) waits.push(state.rows.take(rows, signal));
          if (state.bytes && bytes > 0) waits.push(state.bytes.take(bytes, signal));
        }
        await Promise.all(waits);
      },
      release: () => {
        if (released) return;
        released = true;
        for (const state of buckets) state.running--;
      },
    };
  }

  /** What every rate-limited system admitted, sorted by system then kind (`bytes` before `rows`). */
  rateRecords(): RateRecord[] {
    const out: RateRecord[] = [];
    for (const name of [...this.systems.keys()].sort()) {
      const state = this.systems.get(name)!;
      for (const [kind, bucket] of [['bytes', state.bytes], ['rows', state.rows]] as const) {
        if (!bucket) continue;
        out.push({
          system: name,
          kind,
          ratePerSecond: bucket.ratePerSecond,
          capacity: bucket.capacity,
          admitted: bucket.admitted,
          peakPerSecond: bucket.peakWindow(1000),
          admissions: bucket.admissions().map(([at, amount]) => [at, amount] as const),
          droppedAdmissions: bucket.droppedAdmissions,
        });
      }
    }
    return out;
  }
}

/** Sorted, duplicate-free copy of a list of system names. */
export function uniqueSorted(systems: readonly string[]): string[] {
  return [...new Set(systems)].sort();
}
