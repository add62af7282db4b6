// Per-system throttles: slots, leases that take from every rate-limited system, rate records.
import { describe, expect, it } from 'vitest';
import { SystemThrottles, bucketCapacity } from '../../runtime/schedule/system-throttles.js';
import { VirtualClock } from '../../runtime/schedule/virtual-clock.js';

describe('SystemThrottles', () => {
  const throttles = [
    { name: 'pg', maxConcurrent: 1, rowsPerSecond: 100, burstSeconds: 1 },
    { name: 's3', bytesPerSecond: 1000 },
  ];

  it('holds one slot per system while a lease is open, and refuses a breach', () => {
    const t = new SystemThrottles(throttles, new VirtualClock());
    const lease = t.open('a', ['s3', 'pg', 'pg']);
    expect(lease.systems).toEqual(['pg', 's3']);
    expect([t.running('pg'), t.running('s3'), t.fits(['pg']), t.fits(['s3', 'other'])]).toEqual([1, 1, false, true]);
    expect(() => t.open('b', ['pg'])).toThrow(/max_concurrent/);
    lease.release();
    lease.release();
    expect([t.running('pg'), t.fits(['pg'])]).toEqual([0, true]);
  });

  it('takes rows and bytes from every rate-limited system of the stage', async () => {
    const clock = new VirtualClock();
    const t = new SystemThrottles(throttles, clock);
    const lease = t.open('a', ['pg', 's3']);
    await clock.runUntilIdle(lease.take({ rows: 300, bytes: 300 }));
    expect(clock.now()).toBeCloseTo(2000, 6); // waited on at once: pg's 2 s (100 burst + 200 at 100/s), not plus s3's 0.2 s
    expect(t.rateRecords().map((r) => [r.system, r.kind, r.capacity, r.admitted])).toEqual([
      ['pg', 'rows', 100, 300],
      ['s3', 'bytes', 100, 300],
    ]);
  });

  it('sizes buckets as rate x burst seconds (default 0.1 s)', () => {
    expect(bucketCapacity(5000, undefined)).toBe(500);
    expect(bucketCapacity(5000, 2)).toBe(10_000);
  });
});
