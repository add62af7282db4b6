// Property: over random DAGs, throttles, worker counts, profiles (including a mid-run switch) and
// stage outcomes, the runner never exceeds a throttle, every stage either ran or was skipped with a
// reason, dependencies are respected, and no stage idles beside a free worker (focus's reservation
// aside).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  concurrencyViolations, coverageViolations, dependencyViolations, idleWhileReadyViolations, rateViolations,
} from '../../runtime/schedule/check-schedule.js';
import { runDag } from '../../runtime/schedule/run-dag.js';
import type { Priority, ScheduleProfile, ScheduleTask, SystemThrottle, TaskStatus } from '../../runtime/schedule/schedule-types.js';
import { simulateTask } from '../../runtime/schedule/simulate-task.js';
import { VirtualClock } from '../../runtime/schedule/virtual-clock.js';

const SYSTEMS = ['s1', 's2', 's3'];

const stageArb = fc.record({
  deps: fc.array(fc.nat(), { maxLength: 3 }),
  systems: fc.subarray(SYSTEMS),
  priority: fc.constantFrom<Priority>('critical', 'high', 'normal', 'low'),
  durationMs: fc.integer({ min: 0, max: 5000 }),
  rows: fc.integer({ min: 0, max: 5000 }),
  bytes: fc.integer({ min: 0, max: 1_000_000 }),
  deadlineMs: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
  outcome: fc.constantFrom<TaskStatus | 'throw'>('succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed', 'stopped', 'throw'),
});

const throttleArb = (name: string) => fc.record({
  maxConcurrent: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  rowsPerSecond: fc.option(fc.integer({ min: 1000, max: 20_000 }), { nil: undefined }),
  bytesPerSecond: fc.option(fc.integer({ min: 100_000, max: 5_000_000 }), { nil: undefined }),
  burstSeconds: fc.option(fc.constantFrom(0.1, 0.5, 1), { nil: undefined }),
}).map((t): SystemThrottle => ({ name, ...Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) }));

const scenarioArb = fc.record({
  stages: fc.array(stageArb, { minLength: 1, maxLength: 20 }),
  throttles: fc.tuple(...SYSTEMS.map(throttleArb)),
  workers: fc.integer({ min: 1, max: 4 }),
  profile: fc.constantFrom('balanced', 'focus', 'switch'),
  stopOnFailure: fc.boolean(),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

function tasksOf(stages: Scenario['stages']): ScheduleTask[] {
  return stages.map((s, i) => ({
    id: `t${String(i).padStart(2, '0')}`,
    dependsOn: i === 0 ? [] : [...new Set(s.deps.map((d) => `t${String(d % i).padStart(2, '0')}`))],
    priority: s.priority,
    systems: s.systems,
    estimate: { durationMs: s.durationMs, rows: s.rows, bytes: s.bytes },
    ...(s.deadlineMs === undefined ? {} : { deadlineMs: s.deadlineMs }),
  }));
}

describe('runDag property', () => {
  it('never exceeds a throttle, covers every stage and respects dependencies', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ stages, throttles, workers, profile, stopOnFailure }) => {
        const tasks = tasksOf(stages);
        const outcome = new Map(stages.map((s, i) => [tasks[i]!.id, s.outcome]));
        const clock = new VirtualClock();
        const record = await clock.runUntilIdle(runDag({
          tasks, workers, throttles, clock, stopOnFailure,
          profile: (): ScheduleProfile => (profile === 'switch' ? (clock.now() < 3000 ? 'focus' : 'balanced') : profile),
          runTask: simulateTask(clock, {
            chunks: 4,
            outcome: (t) => {
              const o = outcome.get(t.id)!;
              if (o === 'throw') throw new Error(`${t.id} crashed`);
              return o;
            },
          }),
        }));
        expect(concurrencyViolations(record, throttles)).toEqual([]);
        expect(rateViolations(record, throttles)).toEqual([]);
        expect(dependencyViolations(record, tasks)).toEqual([]);
        expect(coverageViolations(record, tasks)).toEqual([]);
        expect(idleWhileReadyViolations(record, tasks, throttles, 0)).toEqual([]);
        for (const e of record.entries) if (e.status === 'failed') expect(outcome.get(e.id)).toMatch(/failed|throw/);
      }),
      { numRuns: 100, seed: 20250611 },
    );
  });
});
