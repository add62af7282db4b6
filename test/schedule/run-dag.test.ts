// The runner on a virtual clock with scripted stages: worker indexes, failure and stop semantics,
// cancellation, profile reads, and the record it returns.
import { describe, expect, it } from 'vitest';
import { runDag, type RunDagOptions } from '../../runtime/schedule/run-dag.js';
import type { ScheduleProfile, ScheduleTask, TaskStatus } from '../../runtime/schedule/schedule-types.js';
import { VirtualClock } from '../../runtime/schedule/virtual-clock.js';

const task = (id: string, dependsOn: string[] = [], more: Partial<ScheduleTask> = {}): ScheduleTask => ({
  id, dependsOn, priority: 'normal', systems: [], estimate: { durationMs: 1000, rows: 0, bytes: 0 }, ...more,
});

/** Each stage sleeps its estimate, then ends with `outcomes[id]` (default succeeded); 'throw' throws. */
function scripted(clock: VirtualClock, outcomes: Record<string, TaskStatus | 'throw'> = {}): RunDagOptions['runTask'] {
  return async (t, { signal }) => {
    try {
      await clock.sleep(t.estimate.durationMs, signal);
    } catch {
      return 'stopped';
    }
    const outcome = outcomes[t.id] ?? 'succeeded';
    if (outcome === 'throw') throw new Error(`${t.id} exploded`);
    return outcome;
  };
}

async function run(tasks: ScheduleTask[], more: Partial<RunDagOptions> & { outcomes?: Record<string, TaskStatus | 'throw'> } = {}) {
  const clock = new VirtualClock();
  const { outcomes, ...rest } = more;
  return clock.runUntilIdle(runDag({ tasks, workers: 2, throttles: [], clock, profile: () => 'balanced', runTask: scripted(clock, outcomes), ...rest }));
}

describe('runDag', () => {
  it('runs dependencies first on a bounded pool and records the schedule', async () => {
    const rec = await run([task('a'), task('b'), task('c', ['a', 'b']), task('d')]);
    expect(rec.entries.map((e) => [e.id, e.worker, e.startMs, e.endMs, e.status])).toEqual([
      ['a', 0, 0, 1000, 'succeeded'],
      ['b', 1, 0, 1000, 'succeeded'],
      ['c', 0, 1000, 2000, 'succeeded'],
      ['d', 1, 1000, 2000, 'succeeded'],
    ]);
    expect(rec.makespanMs).toBe(2000);
    expect(rec.skipped).toEqual([]);
    expect(rec.decisions.map((d) => [d.atMs, d.started])).toEqual([[0, ['a', 'b']], [1000, ['c', 'd']], [2000, []]]);
  });

  it('after a failure starts nothing new, lets running stages finish and skips the rest', async () => {
    const tasks = [task('a', [], { estimate: { durationMs: 100, rows: 0, bytes: 0 } }), task('long'), task('after', ['a']), task('other')];
    const rec = await run(tasks, { outcomes: { a: 'failed' } });
    expect(rec.entries.map((e) => [e.id, e.status, e.endMs])).toEqual([['a', 'failed', 100], ['long', 'succeeded', 1000]]);
    expect(rec.skipped).toEqual([
      { id: 'after', reason: 'upstream "a" failed', upstream: 'a' },
      { id: 'other', reason: 'run stopped after "a" failed', upstream: 'a' },
    ]);
    expect(rec.decisions.at(1)?.waiting).toEqual([{ id: 'other', reason: 'stopping' }]);
  });

  it('without stopOnFailure skips only the dependents; a throw is a failure with its message', async () => {
    const rec = await run([task('a'), task('after', ['a']), task('other'), task('more', ['other'])], { outcomes: { a: 'throw' }, stopOnFailure: false });
    expect(rec.entries.map((e) => [e.id, e.status, e.error])).toEqual([['a', 'failed', 'a exploded'], ['other', 'succeeded', undefined], ['more', 'succeeded', undefined]]);
    expect(rec.skipped).toEqual([{ id: 'after', reason: 'upstream "a" failed', upstream: 'a' }]);
  });

  it('skips the dependents of a stopped stage and carries on', async () => {
    const rec = await run([task('a'), task('b', ['a']), task('c', ['b']), task('d')], { outcomes: { a: 'stopped' } });
    expect(rec.entries.map((e) => [e.id, e.status])).toEqual([['a', 'stopped'], ['d', 'succeeded']]);
    expect(rec.skipped.map((s) => [s.id, s.reason])).toEqual([['b', 'upstream "a" stopped'], ['c', 'upstream "a" stopped']]);
  });

  it('cancels: running stages see the signal, nothing new starts', async () => {
    const clock = new VirtualClock();
    const ac = new AbortController();
    void clock.sleep(500).then(() => ac.abort(new Error('operator cancel')));
    const rec = await clock.runUntilIdle(runDag({
      tasks: [task('a'), task('b', ['a'])], workers: 1, throttles: [], clock, profile: () => 'balanced', runTask: scripted(clock), signal: ac.signal,
    }));
    expect(rec.entries.map((e) => [e.id, e.status, e.endMs])).toEqual([['a', 'stopped', 500]]);
    expect(rec.skipped).toEqual([{ id: 'b', reason: 'upstream "a" stopped', upstream: 'a' }]);
  });

  it('reads the profile at every decision and records each change', async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const profile = (): ScheduleProfile => {
      seen.push(clock.now());
      return clock.now() < 1500 ? 'balanced' : 'focus';
    };
    const tasks = [task('a'), task('b', ['a']), task('c', ['b'])];
    const rec = await clock.runUntilIdle(runDag({ tasks, workers: 1, throttles: [], clock, profile, runTask: scripted(clock) }));
    expect(seen).toEqual([0, 1000, 2000, 3000]);
    expect(rec.profile).toBe('balanced');
    expect(rec.profileChanges).toEqual([{ atMs: 2000, profile: 'focus' }]);
    expect(rec.decisions.map((d) => d.profile)).toEqual(['balanced', 'balanced', 'focus', 'focus']);
  });

  it('hands each stage a lease on its systems and never two stages the same worker', async () => {
    const clock = new VirtualClock();
    const held: string[] = [];
    const rec = await clock.runUntilIdle(runDag({
      tasks: [task('a', [], { systems: ['pg', 's3', 'pg'] }), task('b', [], { systems: ['pg'] }), task('c')],
      workers: 3, throttles: [{ name: 'pg', maxConcurrent: 1, rowsPerSecond: 10 }], clock, profile: () => 'balanced',
      runTask: async (t, { lease, worker }) => {
        held.push(`${t.id}:w${worker}:${lease.systems.join('+')}`);
        await lease.take({ rows: 20 });
        return 'succeeded';
      },
    }));
    expect(held).toEqual(['a:w0:pg+s3', 'c:w1:', 'b:w0:pg']);
    expect(rec.entries.find((e) => e.id === 'b')!.startMs).toBeGreaterThanOrEqual(rec.entries.find((e) => e.id === 'a')!.endMs);
    expect(rec.rates.map((r) => [r.system, r.kind, r.admitted])).toEqual([['pg', 'rows', 40]]);
  });

  it('rejects a pool without workers', async () => {
    await expect(run([task('a')], { workers: 0 })).rejects.toThrow(RangeError);
  });
});
