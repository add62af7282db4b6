// The acceptance simulator: the real Scheduler and runner on a virtual clock over seeded synthetic
// DAGs of 300 stages, mixed priorities (~5% critical) and 3-5 throttled systems.
//   focus:    every critical stage completes within 1.1x its critical-path lower bound, given
//             capacity in which the critical closure fits (fitClosure);
//   balanced: lower mean completion than a FIFO list scheduler, never a ready stage idle beside a
//             free worker, never a worker given to a busy system while an idle one has ready work;
//   both:     no concurrency, rate, dependency or coverage violation.
import { describe, expect, it } from 'vitest';
import {
  concurrencyViolations, coverageViolations, dependencyViolations, focusOrderViolations, idleWhileReadyViolations,
  imbalanceViolations, meanCompletion, rateViolations, saturatedWhileIdleMs,
} from '../../runtime/schedule/check-schedule.js';
import { predictSchedule } from '../../runtime/schedule/predict-schedule.js';
import type { ScheduleRecord, ScheduleTask, SystemThrottle } from '../../runtime/schedule/schedule-types.js';
import { analyzeTasks, criticalPathLowerBound } from '../../runtime/schedule/task-ranks.js';
import { fifoPolicy } from '../support/fifo-policy.js';
import { fitClosure, syntheticDag } from '../support/synthetic-dag.js';

const SEEDS = [1, 2, 3, 4, 5];

function expectSafe(record: ScheduleRecord, tasks: readonly ScheduleTask[], throttles: readonly SystemThrottle[]): void {
  expect(concurrencyViolations(record, throttles)).toEqual([]);
  expect(rateViolations(record, throttles)).toEqual([]);
  expect(dependencyViolations(record, tasks)).toEqual([]);
  expect(coverageViolations(record, tasks)).toEqual([]);
  expect(record.rates.every((r) => r.droppedAdmissions === 0)).toBe(true); // the rate check saw every admission
}

describe('simulator: focus', () => {
  it.each(SEEDS)('seed %i: critical stages complete within 1.1x the critical-path lower bound', async (seed) => {
    const { tasks, throttles, workers } = fitClosure(syntheticDag({ seed }), 2, 1);
    const graph = analyzeTasks(tasks, throttles);
    const focus = await predictSchedule(tasks, workers, throttles, 'focus', { recordDecisions: false });
    const balanced = await predictSchedule(tasks, workers, throttles, 'balanced', { recordDecisions: false });
    const ratios = (rec: ScheduleRecord) => {
      const end = new Map(rec.entries.map((e) => [e.id, e.endMs]));
      return tasks.filter((t) => t.priority === 'critical').map((t) => end.get(t.id)! / criticalPathLowerBound(graph, t.id));
    };
    const worst = Math.max(...ratios(focus));
    console.log(`focus seed ${seed}: ${workers} workers, closure ${graph.criticalClosure.size} stages, ` +
      `worst critical ratio ${worst.toFixed(3)} (balanced ${Math.max(...ratios(balanced)).toFixed(3)})`);
    expect(worst).toBeLessThanOrEqual(1.1);
    expectSafe(focus, tasks, throttles);
    expect(focusOrderViolations(focus, tasks, throttles)).toEqual([]);
    expect(idleWhileReadyViolations(focus, tasks, throttles, 0)).toEqual([]);
  });
});

describe('simulator: balanced', () => {
  it.each(SEEDS)('seed %i: beats FIFO on mean completion and keeps every system busy', async (seed) => {
    const { tasks, throttles } = syntheticDag({ seed });
    const workers = 8;
    const balanced = await predictSchedule(tasks, workers, throttles, 'balanced', { recordDecisions: false });
    const fifo = await predictSchedule(tasks, workers, throttles, 'balanced', { policy: fifoPolicy, recordDecisions: false });
    const [b, f] = [meanCompletion(balanced), meanCompletion(fifo)];
    console.log(`balanced seed ${seed}: mean completion ${(b / 1000).toFixed(1)} s vs FIFO ${(f / 1000).toFixed(1)} s ` +
      `(${((1 - b / f) * 100).toFixed(1)}% lower); saturated-while-idle ${Math.round(saturatedWhileIdleMs(balanced, tasks, throttles))} ms vs FIFO ` +
      `${Math.round(saturatedWhileIdleMs(fifo, tasks, throttles))} ms`);
    expect(b).toBeLessThan(f);
    expect(idleWhileReadyViolations(balanced, tasks, throttles, 0)).toEqual([]);
    expect(imbalanceViolations(balanced, tasks, throttles)).toEqual([]);
    expectSafe(balanced, tasks, throttles);
    expectSafe(fifo, tasks, throttles);
  });
});

describe('simulator: profile switch', () => {
  it('takes effect at the first decision after the operator switches', async () => {
    const { tasks, throttles, workers } = fitClosure(syntheticDag({ seed: 7 }), 2, 1);
    const switchAt = 30_000;
    const record = await predictSchedule(tasks, workers, throttles, 'balanced', { profileAt: (ms) => (ms < switchAt ? 'balanced' : 'focus') });
    const firstAfter = record.decisions.find((d) => d.atMs >= switchAt)!;
    expect(record.profile).toBe('balanced');
    expect(record.profileChanges).toEqual([{ atMs: firstAfter.atMs, profile: 'focus' }]);
    expect(record.decisions.every((d) => d.profile === (d.atMs < switchAt ? 'balanced' : 'focus'))).toBe(true);
    expect(record.decisions.some((d) => d.atMs >= switchAt && d.waiting.some((w) => w.reason === 'reserved'))).toBe(true);
    expect(focusOrderViolations(record, tasks, throttles)).toEqual([]);
    expect(idleWhileReadyViolations(record, tasks, throttles, 0)).toEqual([]);
    expectSafe(record, tasks, throttles);
  });
});
