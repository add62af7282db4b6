// Clocks: the virtual clock's ordering, abort and deadlock detection; the system clock's abort.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../runtime/schedule/clock.js';
import { VirtualClock } from '../../runtime/schedule/virtual-clock.js';

describe('VirtualClock', () => {
  it('fires timers in time order, equal times in the order set, and jumps time', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const work = Promise.all([
      clock.sleep(300).then(() => log.push(`c@${clock.now()}`)),
      clock.sleep(100).then(() => log.push(`a@${clock.now()}`)),
      clock.sleep(100).then(() => log.push(`b@${clock.now()}`)),
      clock.sleep(0).then(() => log.push(`z@${clock.now()}`)),
    ]);
    await clock.runUntilIdle(work);
    expect(log).toEqual(['z@0', 'a@100', 'b@100', 'c@300']);
    expect(clock.now()).toBe(300);
    expect(clock.pendingTimers).toBe(0);
  });

  it('runs chains of async work that sleep again after waking', async () => {
    const clock = new VirtualClock(1000);
    const loop = async () => {
      for (let i = 0; i < 5; i++) await clock.sleep(10);
      await Promise.resolve();
      await clock.sleep(2.5);
      return clock.now();
    };
    expect(await clock.runUntilIdle(loop())).toBe(1052.5);
  });

  it('rejects an aborted sleep with the signal reason and forgets its timer', async () => {
    const clock = new VirtualClock();
    const ac = new AbortController();
    const sleeping = expect(clock.sleep(1000, ac.signal)).rejects.toThrow('stop');
    const stopper = clock.sleep(10).then(() => ac.abort(new Error('stop')));
    await clock.runUntilIdle(stopper);
    await sleeping;
    expect(clock.pendingTimers).toBe(0);
    expect(clock.now()).toBe(10);
    await expect(clock.sleep(5, ac.signal)).rejects.toThrow('stop');
  });

  it('reports a deadlock: a pending promise and no timer', async () => {
    const clock = new VirtualClock();
    await expect(clock.runUntilIdle(new Promise(() => undefined))).rejects.toThrow(/deadlock/);
  });

  it('passes a rejection through', async () => {
    const clock = new VirtualClock();
    await expect(clock.runUntilIdle(clock.sleep(5).then(() => Promise.reject(new Error('boom'))))).rejects.toThrow('boom');
  });
});

describe('systemClock', () => {
  it('sleeps at least the time asked and rejects with the abort reason', async () => {
    const t0 = systemClock.now();
    await systemClock.sleep(15);
    expect(systemClock.now() - t0).toBeGreaterThanOrEqual(14);
    const ac = new AbortController();
    const p = systemClock.sleep(10_000, ac.signal);
    ac.abort(new Error('cancelled'));
    await expect(p).rejects.toThrow('cancelled');
  });
});
