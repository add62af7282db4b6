// The text Gantt of a small hand-written record, byte for byte.
import { describe, expect, it } from 'vitest';
import { formatMs, renderGantt } from '../../runtime/schedule/render-gantt.js';
import type { ScheduleRecord } from '../../runtime/schedule/schedule-types.js';

const record: ScheduleRecord = {
  profile: 'focus',
  profileChanges: [{ atMs: 30_000, profile: 'balanced' }],
  workers: 2,
  throttles: [{ name: 'pg', maxConcurrent: 2, rowsPerSecond: 5000 }, { name: 's3', bytesPerSecond: 20e6 }],
  entries: [
    { id: 'bronze.artists', worker: 0, systems: ['pg', 's3'], startMs: 0, endMs: 20_000, status: 'succeeded' },
    { id: 'bronze.labels', worker: 1, systems: ['pg'], startMs: 0, endMs: 10_000, status: 'succeeded' },
    { id: 'silver.labels', worker: 1, systems: ['s3'], startMs: 10_000, endMs: 25_000, status: 'failed', error: 'boom' },
    { id: 'report', worker: 0, systems: [], startMs: 20_000, endMs: 40_000, status: 'succeeded' },
  ],
  skipped: [{ id: 'gold.labels', reason: 'upstream "silver.labels" failed', upstream: 'silver.labels' }],
  rates: [
    { system: 'pg', kind: 'rows', ratePerSecond: 5000, capacity: 500, admitted: 90_000, peakPerSecond: 5400, admissions: [], droppedAdmissions: 0 },
    { system: 's3', kind: 'bytes', ratePerSecond: 20e6, capacity: 2e6, admitted: 1e8, peakPerSecond: 19.5e6, admissions: [], droppedAdmissions: 0 },
  ],
  decisions: [],
  makespanMs: 40_000,
};

describe('renderGantt', () => {
  it('draws one section per system on a shared axis', () => {
    expect(renderGantt(record, { width: 40, title: 'predicted schedule' })).toBe(GOLDEN);
  });

  it('is deterministic and honours the width', () => {
    expect(renderGantt(record)).toBe(renderGantt(structuredClone(record)));
    const bars = renderGantt(record, { width: 20 }).split('\n').filter((l) => l.startsWith('  bronze'));
    expect(bars.every((l) => /\|[# x!]{20}\|/.test(l))).toBe(true);
  });

  it.each([[0, '0s'], [250.4, '250ms'], [12_500, '12.5s'], [185_000, '3m05s'], [7_620_000, '2h07m']])('formatMs(%d) = %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });
});

const GOLDEN = `predicted schedule: profile focus, 2 workers, 4 stages run, makespan 40.0s
                  0s       10.0s     20.0s     30.0s   40.0s
                  |----------------------------------------|
system pg · max 2 concurrent (peak 2) · 5,000 rows/s (peak 5,400 rows/s)
  bronze.artists  |####################                    | 0s → 20.0s  w0
  bronze.labels   |##########                              | 0s → 10.0s  w1
system s3 · peak 2 concurrent · 20.0 MB/s (peak 19.5 MB/s)
  bronze.artists  |####################                    | 0s → 20.0s  w0
  silver.labels   |          xxxxxxxxxxxxxxx               | 10.0s → 25.0s  w1
(no system)
  report          |                    ####################| 20.0s → 40.0s  w0
workers: w0 100% · w1 63%
profile → balanced at 30.0s
skipped gold.labels: upstream "silver.labels" failed
`;
