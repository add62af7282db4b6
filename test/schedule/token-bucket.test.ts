// Token bucket under the virtual clock: burst, waits, large takes in pieces, FIFO order, aborts,
// and the window guarantee checked from its admission log.
import { describe, expect, it } from 'vitest';
import { rateViolations } from '../../runtime/schedule/check-rates.js';
import type { RateRecord } from '../../runtime/schedule/schedule-types.js';
import { TokenBucket } from '../../runtime/schedule/token-bucket.js';
import { VirtualClock } from '../../runtime/schedule/virtual-clock.js';

function asRecord(bucket: TokenBucket, system = 'db'): { rates: RateRecord[] } {
  return {
    rates: [{
      system, kind: 'rows', ratePerSecond: bucket.ratePerSecond, capacity: bucket.capacity, admitted: bucket.admitted,
      peakPerSecond: bucket.peakWindow(1000), admissions: bucket.admissions(), droppedAdmissions: bucket.droppedAdmissions,
    }],
  };
}

describe('TokenBucket', () => {
  it('starts full: admits a burst of `capacity` at once, then at the rate', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(100, 10, clock); // 100/s, 10 deep
    const times: number[] = [];
    const work = (async () => {
      for (let i = 0; i < 4; i++) {
        await bucket.take(5);
        times.push(clock.now());
      }
    })();
    await clock.runUntilIdle(work);
    expect(times).toEqual([0, 0, 50, 100]);
    expect(bucket.admitted).toBe(20);
  });

  it('admits a take larger than the capacity in capacity-sized pieces', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(1000, 100, clock);
    await clock.runUntilIdle(bucket.take(1050));
    expect(clock.now()).toBeCloseTo(950, 6); // 100 at once, then 950 more at 1/ms
    expect(bucket.admissions().every(([, n]) => n <= 100 + 1e-9)).toBe(true);
    expect(bucket.admissions().reduce((a, [, n]) => a + n, 0)).toBeCloseTo(1050, 6);
    expect(rateViolations(asRecord(bucket), [{ name: 'db', rowsPerSecond: 1000, burstSeconds: 0.1 }])).toEqual([]);
  });

  it('serves pieces first come first served, a large take yielding after each piece', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(10, 10, clock);
    await bucket.take(10);
    const order: string[] = [];
    const note = (name: string) => () => order.push(`${name}@${clock.now()}`);
    const waits = [
      bucket.take(8).then(note('first')),
      bucket.take(30).then(note('big')),
      bucket.take(1).then(note('small')),
      bucket.take(5).then(note('later')),
    ];
    await clock.runUntilIdle(Promise.all(waits));
    // 8 at 0.8 s; big's first 10 at 1.8 s; 1 at 1.9 s; 5 at 2.4 s; big's last 20 at 3.4 s and 4.4 s.
    expect(order).toEqual(['first@800', 'small@1900', 'later@2400', 'big@4400']);
  });

  it('rejects an aborted waiter with its reason and serves the next one without delay', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(10, 10, clock);
    await bucket.take(10);
    const ac = new AbortController();
    const big = expect(bucket.take(10, ac.signal)).rejects.toThrow('stage cancelled');
    const small = bucket.take(2).then(() => clock.now());
    void clock.sleep(100).then(() => ac.abort(new Error('stage cancelled')));
    const t = await clock.runUntilIdle(small);
    await big;
    expect(t).toBeCloseTo(200, 6); // 1 token at 100 ms when the head left, 2 at 200 ms
  });

  it('rejects negative takes and bad construction', async () => {
    const clock = new VirtualClock();
    expect(() => new TokenBucket(0, 1, clock)).toThrow(RangeError);
    expect(() => new TokenBucket(1, -1, clock)).toThrow(RangeError);
    await expect(new TokenBucket(1, 1, clock).take(-1)).rejects.toThrow(RangeError);
  });

  it('keeps a bounded admission log and a peak-window summary', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(100, 10, clock, { admissionLimit: 5 });
    const work = (async () => {
      for (let i = 0; i < 40; i++) await bucket.take(5);
    })();
    await clock.runUntilIdle(work);
    expect(bucket.admissions()).toHaveLength(5);
    expect(bucket.droppedAdmissions).toBe(35);
    expect(bucket.admitted).toBe(200);
    const full = new TokenBucket(100, 10, new VirtualClock());
    const c2 = new VirtualClock();
    const b2 = new TokenBucket(100, 10, c2);
    await c2.runUntilIdle((async () => {
      for (let i = 0; i < 60; i++) await b2.take(5);
    })());
    expect(b2.peakWindow(1000)).toBeLessThanOrEqual(100 + 10 + 1e-9);
    expect(b2.peakWindow(1000)).toBeGreaterThanOrEqual(100);
    expect(full.peakWindow(1000)).toBe(0);
  });
});
