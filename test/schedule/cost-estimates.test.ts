// Cost estimates from audit history: median of the last successful attempts, defaults otherwise.
import { describe, expect, it } from 'vitest';
import { estimateCosts, median, type CostHistoryRecord } from '../../runtime/schedule/cost-estimates.js';

const rec = (stage: string, day: number, duration_ms: number, status = 'succeeded', rows: number | null = duration_ms * 10, bytes: number | null = null): CostHistoryRecord => ({
  stage, status, duration_ms, rows, bytes, started_at: `2025-01-${String(day).padStart(2, '0')}T00:00:00.000Z`,
});
const defaults = (id: string) => ({ durationMs: id.length * 1000, rows: 7, bytes: 9 });

describe('estimateCosts', () => {
  it('takes the median of the last five successful attempts, field by field', () => {
    const history = [
      rec('a', 1, 100_000), // oldest of six: outside the window
      rec('a', 2, 900), rec('a', 3, 1000), rec('a', 4, 50_000), rec('a', 5, 1100), rec('a', 6, 1200),
      rec('a', 7, 1, 'failed'), rec('a', 8, 2, 'reused'), rec('a', 9, 3, 'skipped'),
    ];
    expect(estimateCosts(['a'], history, defaults).get('a')).toEqual({ durationMs: 1100, rows: 11_000, bytes: 9, source: 'history', runs: 5 });
  });

  it('uses the defaults for stages without a successful attempt, keeping the order asked', () => {
    const out = estimateCosts(['zz', 'a'], [rec('a', 1, 400, 'succeeded', null), rec('a', 2, 600, 'succeeded', null), rec('zz', 3, 5, 'failed')], defaults);
    expect([...out.keys()]).toEqual(['zz', 'a']);
    expect(out.get('zz')).toEqual({ durationMs: 2000, rows: 7, bytes: 9, source: 'default', runs: 0 });
    expect(out.get('a')).toEqual({ durationMs: 500, rows: 7, bytes: 9, source: 'history', runs: 2 });
  });

  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
