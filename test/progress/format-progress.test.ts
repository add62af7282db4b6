import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatMegabytes, formatRate } from '../../runtime/progress/format-progress.js';

describe('progress formatting', () => {
  it.each([[0, '0'], [999, '999'], [1000, '1,000'], [1_234_567, '1,234,567'], [-4200, '-4,200']])(
    'formatCount(%d) = %s', (n, text) => expect(formatCount(n)).toBe(text));

  it.each([[0, '0.0s'], [12_345, '12.3s'], [59_940, '59.9s'], [60_000, '1m00s'], [3_599_000, '59m59s'], [3_725_000, '1h02m05s']])(
    'formatDuration(%d) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('uses decimal megabytes and the average rate since the start', () => {
    expect(formatMegabytes(123_456_789)).toBe('123.5 MB');
    expect(formatRate(50e6, 2000)).toBe('25.0 MB/s');
    expect(formatRate(50e6, 0)).toBe('0.0 MB/s');
  });
});
