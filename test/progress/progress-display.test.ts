import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, type ProgressCounts, type ProgressSink } from '../../runtime/progress/progress-display.js';

/** A sink that records every write, and a clock the test moves by hand. */
function harness(columns?: number) {
  const writes: string[] = [];
  const sink: ProgressSink = { write: (chunk: string) => writes.push(chunk), ...(columns === undefined ? {} : { columns }) };
  let t = 1000;
  return { writes, sink, now: () => t, advance: (ms: number) => void (t += ms) };
}

const at = (mb: number, records: number, rows: number): ProgressCounts => ({
  xmlBytes: mb * 1e6, records, rows, compressedBytes: (mb * 1e6) / 4,
});

const CLEAR = '\r\x1b[2K';

describe('createProgress on a TTY', () => {
  it('redraws one line at most every 100 ms and ends with a newline', () => {
    const h = harness();
    const p = createProgress({ stream: h.sink, isTTY: true, label: 'releases', now: h.now });
    h.advance(500);
    p.update(at(5, 1200, 5400)); // first update draws at once
    h.advance(50);
    p.update(at(6, 1300, 5500)); // too soon: skipped
    h.advance(50);
    p.update(at(10, 2000, 9000)); // 100 ms since the last draw
    h.advance(1400);
    p.done(at(40, 1_234_567, 9_876_543));
    p.update(at(50, 1, 1)); // ignored after done
    p.fail();
    expect(h.writes).toEqual([
      `${CLEAR}releases: 1,200 records, 5,400 rows, 5.0 MB XML, 10.0 MB/s`,
      `${CLEAR}releases: 2,000 records, 9,000 rows, 10.0 MB XML, 16.7 MB/s`,
      `${CLEAR}releases: done in 2.0s: 1,234,567 records, 9,876,543 rows, 40.0 MB XML, 20.0 MB/s\n`,
    ]);
  });

  it('cuts running lines to the terminal width, shows input percentage when its size is known', () => {
    const h = harness(40);
    const p = createProgress({ stream: h.sink, isTTY: true, label: 'artists', now: h.now, totalCompressedBytes: 4e6 });
    h.advance(1000);
    p.update(at(4, 10, 20));
    expect(h.writes).toEqual([`${CLEAR}${'artists: 10 records, 20 rows, 4.0 MB XML, 4.0 MB/s, 25% of input'.slice(0, 39)}`]);
  });

  it('clears the running line before the failure line', () => {
    const h = harness();
    const p = createProgress({ stream: h.sink, isTTY: true, label: 'labels', now: h.now });
    p.update(at(1, 1, 1));
    h.advance(75_500);
    p.fail('XML syntax error');
    expect(h.writes.at(-1)).toBe(
      `${CLEAR}labels: failed after 1m15s (XML syntax error): 1 records, 1 rows, 1.0 MB XML, 0.0 MB/s\n`,
    );
  });
});

describe('createProgress off a TTY', () => {
  it('prints plain lines at most every 5 s, the first after 5 s, plus a final line, without escapes', () => {
    const h = harness();
    const p = createProgress({ stream: h.sink, isTTY: false, label: 'masters', now: h.now });
    p.update(at(1, 10, 10)); // t=0: nothing yet
    h.advance(4999);
    p.update(at(2, 20, 20)); // still under 5 s
    h.advance(1);
    p.update(at(5, 50, 50)); // 5 s: line
    h.advance(3000);
    p.update(at(8, 80, 80)); // 3 s after the last line: nothing
    h.advance(3_592_000);
    p.update(at(3600, 100, 100)); // line
    p.done();
    expect(h.writes).toEqual([
      'masters: 50 records, 50 rows, 5.0 MB XML, 1.0 MB/s\n',
      'masters: 100 records, 100 rows, 3600.0 MB XML, 1.0 MB/s\n',
      'masters: done in 1h00m00s: 100 records, 100 rows, 3600.0 MB XML, 1.0 MB/s\n',
    ]);
    expect(h.writes.join('')).not.toMatch(/[\r\x1b]/);
  });

  it('prints the final line even when nothing was reported, and only once', () => {
    const h = harness();
    const p = createProgress({ stream: h.sink, isTTY: false, label: 'x', now: h.now });
    p.done();
    p.done();
    expect(h.writes).toEqual(['x: done in 0.0s: 0 records, 0 rows, 0.0 MB XML, 0.0 MB/s\n']);
  });

  it('writes to a Node Writable', async () => {
    const chunks: string[] = [];
    const stream = new Writable({ write(chunk, _enc, cb) { chunks.push(String(chunk)); cb(); } });
    const h = harness();
    const p = createProgress({ stream, isTTY: false, label: 'w', now: h.now });
    p.fail();
    await new Promise<void>((resolve) => stream.end(resolve));
    expect(chunks).toEqual(['w: failed after 0.0s: 0 records, 0 rows, 0.0 MB XML, 0.0 MB/s\n']);
  });
});
