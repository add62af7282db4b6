import { describe, expect, it } from 'vitest';
import { formatCount, formatCounters, formatDuration, formatMegabytes, formatRate } from '../../runtime/progress/format-progress.js';

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

  it('counts rows and bytes read for a source that is not XML, records and XML bytes for an XML one', () => {
    const tables = { label: 'store', elapsedMs: 2000, counts: { compressedBytes: 3e6, xmlBytes: 0, records: 15607, rows: 15607 } };
    expect(formatCounters(tables)).toBe('15,607 rows, 3.0 MB read, 1.5 MB/s');
    const xml = { label: 'releases', elapsedMs: 2000, counts: { compressedBytes: 1e6, xmlBytes: 4e6, records: 1000, rows: 9000 } };
    expect(formatCounters(xml)).toBe('1,000 records, 9,000 rows, 4.0 MB XML, 2.0 MB/s');
  });
});
