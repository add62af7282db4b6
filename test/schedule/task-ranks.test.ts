// Static ranks of a task DAG: solo bounds from rate limits, levels, critical closure, latest starts.
import { describe, expect, it } from 'vitest';
import type { ScheduleTask } from '../../runtime/schedule/schedule-types.js';
import { analyzeTasks, criticalPathLowerBound } from '../../runtime/schedule/task-ranks.js';

const task = (id: string, durationMs: number, more: Partial<ScheduleTask> = {}): ScheduleTask => ({
  id, dependsOn: [], priority: 'normal', systems: [], estimate: { durationMs, rows: 0, bytes: 0 }, ...more,
});

//   a ─ b ─ d (critical)
//    └─ c ─ e (deadline 9 s)
const tasks: ScheduleTask[] = [
  task('e', 100, { dependsOn: ['c'], deadlineMs: 9000 }),
  task('d', 500, { dependsOn: ['b'], priority: 'critical' }),
  task('c', 4000, { dependsOn: ['a'] }),
  task('b', 2000, { dependsOn: ['a'] }),
  task('a', 1000, { systems: ['x'], estimate: { durationMs: 1000, rows: 300, bytes: 0 } }),
];
const throttles = [{ name: 'x', rowsPerSecond: 100 }];

describe('analyzeTasks', () => {
  const g = analyzeTasks(tasks, throttles);
  const of = (m: ReadonlyMap<string, number>) => Object.fromEntries([...m].sort());

  it('orders topologically with ties by id', () => {
    expect(g.order).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(g.children.get('a')).toEqual(['b', 'c']);
  });

  it('bounds solo durations by the systems rate limits', () => {
    expect(of(g.soloMs)).toEqual({ a: 3000, b: 2000, c: 4000, d: 500, e: 100 }); // a: 300 rows at 100/s
  });

  it('computes top and bottom levels over solo bounds', () => {
    expect(of(g.topLevelMs)).toEqual({ a: 0, b: 3000, c: 3000, d: 5000, e: 7000 });
    expect(of(g.bottomLevelMs)).toEqual({ a: 7100, b: 2500, c: 4100, d: 500, e: 100 });
  });

  it('finds the critical closure and its levels', () => {
    expect([...g.criticalClosure].sort()).toEqual(['a', 'b', 'd']);
    expect(of(g.criticalBottomLevelMs)).toEqual({ a: 5500, b: 2500, d: 500 });
    expect(criticalPathLowerBound(g, 'd')).toBe(5500);
  });

  it('propagates deadlines backwards as latest starts', () => {
    expect(of(g.latestStartMs)).toEqual({ a: 1900, b: Infinity, c: 4900, d: Infinity, e: 8900 });
  });

  it('counts descendants', () => {
    expect(of(g.descendantCount)).toEqual({ a: 4, b: 1, c: 1, d: 0, e: 0 });
  });

  it.each([
    ['a cycle', [task('p', 1, { dependsOn: ['q'] }), task('q', 1, { dependsOn: ['p'] })], /cycle among: p, q/],
    ['an unknown dependency', [task('p', 1, { dependsOn: ['nope'] })], /unknown task "nope"/],
    ['a duplicate id', [task('p', 1), task('p', 2)], /duplicate task "p"/],
    ['a negative estimate', [task('p', -1)], /negative or non-finite/],
  ])('rejects %s', (_, bad, message) => {
    expect(() => analyzeTasks(bad, [])).toThrow(message);
  });
});
