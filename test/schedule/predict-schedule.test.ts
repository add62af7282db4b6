// The predicted schedule: deterministic, stage times follow the estimates and rate limits, and it
// renders as a Gantt chart.
import { describe, expect, it } from 'vitest';
import { predictSchedule } from '../../runtime/schedule/predict-schedule.js';
import { renderGantt } from '../../runtime/schedule/render-gantt.js';
import type { ScheduleTask } from '../../runtime/schedule/schedule-types.js';
import { syntheticDag } from '../support/synthetic-dag.js';

const task = (id: string, durationMs: number, rows: number, dependsOn: string[] = []): ScheduleTask => ({
  id, dependsOn, priority: 'normal', systems: ['pg'], estimate: { durationMs, rows, bytes: 0 },
});

describe('predictSchedule', () => {
  it('runs each stage for max(estimate, rows / rate) when alone', async () => {
    const rec = await predictSchedule([task('fast', 1000, 100), task('bound', 1000, 5000, ['fast'])], 1, [{ name: 'pg', rowsPerSecond: 1000 }], 'balanced');
    const [fast, bound] = rec.entries;
    expect(fast!.endMs).toBeCloseTo(1000, 6);
    expect(bound!.endMs - bound!.startMs).toBeGreaterThan(4800); // 5 s at 1000 rows/s, less the 0.1 s burst
    expect(bound!.endMs - bound!.startMs).toBeLessThanOrEqual(5000 + 1e-6);
  });

  it('gives the same record and chart for the same inputs', async () => {
    const { tasks, throttles } = syntheticDag({ seed: 11, stages: 60 });
    const a = await predictSchedule(tasks, 4, throttles, 'focus');
    const b = await predictSchedule([...tasks].reverse(), 4, throttles, 'focus');
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const chart = renderGantt(a, { title: 'predicted schedule' });
    expect(chart).toBe(renderGantt(b, { title: 'predicted schedule' }));
    expect(chart.split('\n').filter((l) => l.startsWith('system ')).length).toBe(throttles.length);
  });
});
