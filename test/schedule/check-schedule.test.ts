// The invariant checkers find each kind of violation in hand-built bad records (and none in good
// ones), so the simulator's zero counts mean something.
import { describe, expect, it } from 'vitest';
import {
  concurrencyViolations, coverageViolations, dependencyViolations, focusOrderViolations, idleWhileReadyViolations,
  imbalanceViolations, meanCompletion, rateViolations,
} from '../../runtime/schedule/check-schedule.js';
import type { ScheduleEntry, ScheduleProfile, ScheduleRecord, ScheduleTask, SystemThrottle } from '../../runtime/schedule/schedule-types.js';

const task = (id: string, dependsOn: string[] = [], more: Partial<ScheduleTask> = {}): ScheduleTask => ({
  id, dependsOn, priority: 'normal', systems: [], estimate: { durationMs: 1000, rows: 0, bytes: 0 }, ...more,
});
const entry = (id: string, worker: number, startMs: number, endMs: number, systems: string[] = []): ScheduleEntry => ({ id, worker, systems, startMs, endMs, status: 'succeeded' });
const record = (entries: ScheduleEntry[], more: Partial<ScheduleRecord> = {}, profile: ScheduleProfile = 'balanced'): ScheduleRecord => ({
  profile, profileChanges: [], workers: 2, throttles: [], entries, skipped: [], rates: [], decisions: [], makespanMs: Math.max(0, ...entries.map((e) => e.endMs)), ...more,
});
const throttles: SystemThrottle[] = [{ name: 'pg', maxConcurrent: 1, rowsPerSecond: 100 }];

describe('concurrencyViolations', () => {
  it('finds a system over max_concurrent, too many stages and a double-booked worker', () => {
    const bad = record([entry('a', 0, 0, 10, ['pg']), entry('b', 1, 5, 15, ['pg']), entry('c', 1, 6, 8)]);
    expect(concurrencyViolations(bad, throttles).map((v) => [v.check, v.atMs, v.stage])).toEqual([
      ['concurrency', 5, 'b'], ['workers', 6, 'c'], ['workers', 6, 'c'],
    ]);
  });

  it('treats entries as half-open: back to back is fine', () => {
    expect(concurrencyViolations(record([entry('a', 0, 0, 10, ['pg']), entry('b', 0, 10, 20, ['pg'])]), throttles)).toEqual([]);
  });
});

describe('rateViolations', () => {
  const rates = (admissions: [number, number][]) => ({
    rates: [{ system: 'pg', kind: 'rows' as const, ratePerSecond: 100, capacity: 10, admitted: 0, peakPerSecond: 0, admissions, droppedAdmissions: 0 }],
  });
  it('accepts the burst plus the rate, and flags more', () => {
    expect(rateViolations(rates([[0, 10], [100, 10], [200, 10]]), throttles)).toEqual([]);
    const v = rateViolations(rates([[0, 10], [100, 10], [150, 10]]), throttles);
    expect(v.map((x) => [x.check, x.system, x.atMs])).toEqual([['rate', 'pg', 0]]);
    expect(v[0]!.message).toContain('30 rows admitted in [0, 150] ms');
  });
});

describe('dependencyViolations and coverageViolations', () => {
  const tasks = [task('a'), task('b', ['a']), task('c'), task('d')];
  it('flags a stage that started before its dependency ended, and lost or doubled stages', () => {
    const rec = record([entry('a', 0, 0, 10), entry('b', 1, 5, 15), entry('c', 0, 10, 12)], { skipped: [{ id: 'c', reason: 'x' }, { id: 'zz', reason: '' }] });
    expect(dependencyViolations(rec, tasks).map((v) => v.stage)).toEqual(['b']);
    expect(coverageViolations(rec, tasks).map((v) => v.message)).toEqual([
      '"zz" skipped without a reason', '"c" recorded 2 times', '"d" neither ran nor was skipped', '"zz" is not a task',
    ]);
  });
});

describe('idleWhileReadyViolations', () => {
  const tasks = [task('a'), task('b', ['a']), task('idle'), task('crit', [], { priority: 'critical' })];
  it('flags a ready stage that waited with a worker free', () => {
    const rec = record([entry('a', 0, 0, 10), entry('b', 0, 10, 20), entry('idle', 1, 12, 20)]);
    expect(idleWhileReadyViolations(rec, tasks.slice(0, 3), [], 1).map((v) => [v.stage, v.atMs])).toEqual([['idle', 0]]);
    expect(idleWhileReadyViolations(rec, tasks.slice(0, 3), [], 12)).toEqual([]);
  });

  it('excuses non-critical waits under focus while critical work is unfinished, and only then', () => {
    const rec = record([entry('crit', 0, 0, 30), entry('a', 0, 30, 40), entry('idle', 1, 35, 40), entry('b', 0, 40, 50)], {}, 'focus');
    expect(idleWhileReadyViolations(rec, tasks, [], 0).map((v) => [v.stage, v.atMs])).toEqual([['idle', 30]]);
  });
});

describe('focusOrderViolations and imbalanceViolations', () => {
  it('flags a non-critical start that took the place of a ready critical stage', () => {
    const tasks = [task('crit', [], { priority: 'critical' }), task('n')];
    const rec = record([entry('n', 0, 0, 10), entry('crit', 0, 10, 20)], { workers: 1 }, 'focus');
    expect(focusOrderViolations(rec, tasks, []).map((v) => [v.stage, v.atMs])).toEqual([['n', 0]]);
    expect(focusOrderViolations({ ...rec, profile: 'balanced' }, tasks, [])).toEqual([]);
  });

  it('flags a worker given to a busy system while an idle system had ready work', () => {
    const tasks = [task('r', [], { systems: ['x'] }), task('p', [], { systems: ['x'] }), task('q', [], { systems: ['y'] })];
    const rec = record([entry('r', 0, 0, 10, ['x']), entry('p', 1, 5, 10, ['x']), entry('q', 0, 10, 20, ['y'])]);
    expect(imbalanceViolations(rec, tasks, []).map((v) => [v.stage, v.atMs])).toEqual([['p', 5]]);
  });
});

it('meanCompletion averages succeeded end times', () => {
  expect(meanCompletion(record([entry('a', 0, 0, 10), entry('b', 0, 10, 30), { ...entry('c', 1, 0, 99), status: 'failed' }]))).toBe(20);
});
