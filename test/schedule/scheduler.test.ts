// Scheduler decisions: work conservation, balanced ordering and system spreading, focus's critical
// first order and reservation, deadline urgency, and state transitions.
import { describe, expect, it } from 'vitest';
import type { ScheduleTask, SystemThrottle } from '../../runtime/schedule/schedule-types.js';
import { Scheduler } from '../../runtime/schedule/scheduler.js';

const task = (id: string, durationMs: number, more: Partial<ScheduleTask> = {}): ScheduleTask => ({
  id, dependsOn: [], priority: 'normal', systems: [], estimate: { durationMs, rows: 0, bytes: 0 }, ...more,
});
const make = (tasks: ScheduleTask[], workers: number, throttles: SystemThrottle[] = []) => new Scheduler({ tasks, workers, throttles });

describe('Scheduler: both profiles', () => {
  it('is work-conserving within max_concurrent and says why the rest wait', () => {
    const s = make([task('a', 10, { systems: ['x'] }), task('b', 10, { systems: ['x'] }), task('c', 10, { systems: ['y'] }), task('d', 10)], 3, [{ name: 'x', maxConcurrent: 1 }]);
    for (const profile of ['balanced', 'focus'] as const) {
      const d = s.decide(0, profile);
      expect(d.start).toHaveLength(3);
      expect(d.start).toContain('c');
      expect(d.start).toContain('d');
      expect(d.waiting).toEqual([{ id: d.start.includes('a') ? 'b' : 'a', reason: 'system', system: 'x' }]);
    }
  });

  it('puts a stage whose latest start has passed first', () => {
    const s = make([task('slow', 50_000, { deadlineMs: 60_000 }), task('quick', 10)], 1);
    expect(s.pick(0, 'balanced')).toEqual(['quick']);
    expect(s.pick(10_000, 'balanced')).toEqual(['slow']); // latest start 10 s
    expect(s.pick(10_000, 'focus')).toEqual(['slow']);
  });

  it('breaks every tie by id', () => {
    const s = make([task('b', 10), task('a', 10), task('c', 10)], 2);
    expect(s.pick(0, 'balanced')).toEqual(['a', 'b']);
    expect(s.pick(0, 'focus')).toEqual(['a', 'b']);
  });
});

describe('Scheduler: balanced', () => {
  it('prefers short stages that unblock more, weighted by priority', () => {
    const tasks = [
      task('long-leaf', 10_000), task('short-leaf', 1000), task('hub', 3000),
      ...['x1', 'x2', 'x3', 'x4', 'x5'].map((id) => task(id, 10, { dependsOn: ['hub'] })),
      task('low-short', 900, { priority: 'low' }),
    ];
    // scores (solo ÷ weight·(1+descendants)): hub 500, short-leaf 1000, low-short 1800, long-leaf 10000
    expect(make(tasks, 3).pick(0, 'balanced')).toEqual(['hub', 'short-leaf', 'low-short']);
  });

  it('gives a free worker to an idle system before a busy one', () => {
    const s = make([task('r', 100, { systems: ['x'] }), task('p', 1, { systems: ['x'] }), task('q', 5000, { systems: ['y'] })], 2);
    s.markStarted('r', 0);
    expect(s.decide(0, 'balanced')).toEqual({ start: ['q'], waiting: [{ id: 'p', reason: 'workers' }] });
  });
});

describe('Scheduler: focus', () => {
  // a ─┬─ c1 (critical)     n-long, n-short: unrelated normal stages
  //    └─ c2 (critical)
  const tasks = [
    task('a', 1000), task('c1', 1000, { dependsOn: ['a'], priority: 'critical' }), task('c2', 1000, { dependsOn: ['a'], priority: 'critical' }),
    task('n-long', 10_000, { priority: 'high' }), task('n-short', 500),
  ];

  it('starts closure stages first and holds back what the closure will need', () => {
    const s = make(tasks, 2);
    // plan: a [0,1s), c1 and c2 [1s,2s) need both workers; n-long would hold one until 10 s.
    expect(s.decide(0, 'focus')).toEqual({ start: ['a', 'n-short'], waiting: [{ id: 'n-long', reason: 'reserved' }] });
    expect(s.pick(0, 'balanced')).toEqual(['a', 'n-short']);
  });

  it('reserves nothing once the closure is done', () => {
    const s = make(tasks, 2);
    for (const id of ['a', 'c1', 'c2']) {
      s.markStarted(id, 0);
      s.markFinished(id, 0);
    }
    expect(s.pick(0, 'focus')).toEqual(['n-long', 'n-short']);
  });

  it('keeps non-critical stages off a rate-limited system the closure is using', () => {
    const rated = [
      task('crit', 4000, { priority: 'critical', systems: ['db'], estimate: { durationMs: 4000, rows: 3000, bytes: 0 } }),
      task('heavy', 4000, { systems: ['db'], estimate: { durationMs: 4000, rows: 2000, bytes: 0 } }),
      task('light', 4000, { systems: ['db'], estimate: { durationMs: 4000, rows: 800, bytes: 0 } }),
    ];
    const s = make(rated, 3, [{ name: 'db', rowsPerSecond: 1000 }]); // crit uses 75% of db's rate
    expect(s.decide(0, 'focus')).toEqual({ start: ['crit', 'light'], waiting: [{ id: 'heavy', reason: 'reserved' }] });
    expect(s.pick(0, 'balanced')).toHaveLength(3);
  });
});

describe('Scheduler: state', () => {
  it('drops the dependents of a failed stage and of a dropped one', () => {
    const s = make([task('a', 1), task('b', 1, { dependsOn: ['a'] }), task('c', 1, { dependsOn: ['b'] }), task('d', 1), task('e', 1, { dependsOn: ['d'] })], 2);
    s.markStarted('a', 0);
    expect(s.markFinished('a', 5, 'failed')).toEqual(['b', 'c']);
    expect(s.drop('d')).toEqual(['d', 'e']);
    expect(s.done()).toBe(true);
    expect(s.stateOf('c')).toBe('dropped');
  });

  it('makes a stage ready when its last dependency succeeds, and refuses impossible moves', () => {
    const s = make([task('a', 1), task('b', 1), task('c', 1, { dependsOn: ['a', 'b'] })], 1);
    expect(() => s.markStarted('c', 0)).toThrow(/started while blocked/);
    s.markStarted('a', 0);
    expect(() => s.markStarted('b', 0)).toThrow(/every worker busy/);
    s.markFinished('a', 1);
    expect(s.ready()).toEqual(['b']);
    s.markStarted('b', 1);
    s.markFinished('b', 2);
    expect(s.ready()).toEqual(['c']);
    expect(s.readyAt.get('c')).toBe(2);
    expect(() => s.markFinished('c', 3)).toThrow(/finished while ready/);
  });
});
