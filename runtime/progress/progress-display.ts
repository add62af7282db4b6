// progress/: a progress reporter for long ingestion. Writes only to the stream it is given; never
// reads process state or starts timers (lines are drawn from update calls, so a stalled parser
// simply stops redrawing).
import {
  formatDoneLine,
  formatFailLine,
  formatProgressLine,
  type ProgressCounts,
  type ProgressSnapshot,
} from './format-progress.js';

export type { ProgressCounts } from './format-progress.js';

/** Where progress goes: anything with `write(string)`, e.g. `process.stderr` or a `Writable`. */
export interface ProgressSink {
  write(chunk: string): unknown;
  /** Terminal width in columns, when known (TTY streams have it); TTY lines are cut to fit. */
  readonly columns?: number;
}

export interface ProgressOptions {
  readonly stream: ProgressSink;
  /** True for an interactive terminal: one line redrawn in place. False: plain appended lines. */
  readonly isTTY: boolean;
  /** Shown at the start of every line, e.g. the source name `releases`. */
  readonly label: string;
  /** Monotonic clock in milliseconds; default `performance.now`. Injected by tests. */
  readonly now?: () => number;
  /** Input file size in bytes, when known: lines then show the percentage of it read. */
  readonly totalCompressedBytes?: number;
  /** Least time between TTY redraws, ms; default 100 (at most 10 redraws per second). */
  readonly ttyIntervalMs?: number;
  /** Least time between plain lines, ms; default 5000. */
  readonly plainIntervalMs?: number;
}

/** A running progress reporter. After `done` or `fail`, every call is ignored. */
export interface Progress {
  /** Reports cumulative counters; draws only when the interval has passed since the last line. */
  update(counts: ProgressCounts): void;
  /** Writes the final line (with `final` counters if given, else the last ones) ending in `\n`. */
  done(final?: ProgressCounts): void;
  /** Writes a failure line with the last counters, clearing the TTY line first, ending in `\n`. */
  fail(reason?: string): void;
}

/** `\r` then ANSI "erase entire line" (CSI 2 K): the TTY redraw prefix. */
const CLEAR_LINE = '\r\x1b[2K';

const ZERO: ProgressCounts = { xmlBytes: 0, records: 0, rows: 0, compressedBytes: 0 };

/**
 * Creates a progress reporter.
 *
 * TTY: each drawn update rewrites one line (`\r`, clear line, text; no newline), at most once per
 * `ttyIntervalMs`, the first update drawing at once; lines are cut to `stream.columns - 1`.
 * Non-TTY: one plain line per `plainIntervalMs` (the first after one interval), each ending in `\n`.
 * Both: `done`/`fail` write one final line ending in `\n`. No colours, no cursor tricks beyond the
 * clear-line sequence on a TTY.
 *
 * @example
 * const progress = createProgress({ stream: process.stderr, isTTY: process.stderr.isTTY, label: 'releases' });
 * progress.update({ xmlBytes: 5e6, records: 1200, rows: 5400, compressedBytes: 1e6 });
 * progress.done();
 */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const interval = options.isTTY ? (options.ttyIntervalMs ?? 100) : (options.plainIntervalMs ?? 5000);
  const start = now();
  let counts = ZERO;
  let lastDrawn: number | undefined = options.isTTY ? undefined : start;
  let finished = false;

  const snapshot = (at: number): ProgressSnapshot => ({
    label: options.label,
    counts,
    elapsedMs: Math.max(0, at - start),
    ...(options.totalCompressedBytes === undefined ? {} : { totalCompressedBytes: options.totalCompressedBytes }),
  });
  const fit = (line: string): string => {
    const width = options.stream.columns;
    return width !== undefined && width > 1 && line.length > width - 1 ? line.slice(0, width - 1) : line;
  };
  const finish = (line: string): void => {
    finished = true;
    options.stream.write(options.isTTY ? `${CLEAR_LINE}${line}\n` : `${line}\n`);
  };

  return {
    update(next) {
      if (finished) return;
      counts = next;
      const t = now();
      if (lastDrawn !== undefined && t - lastDrawn < interval) return;
      lastDrawn = t;
      const line = formatProgressLine(snapshot(t));
      options.stream.write(options.isTTY ? `${CLEAR_LINE}${fit(line)}` : `${line}\n`);
    },
    done(final) {
      if (finished) return;
      if (final !== undefined) counts = final;
      finish(formatDoneLine(snapshot(now())));
    },
    fail(reason) {
      if (finished) return;
      finish(formatFailLine(snapshot(now()), reason));
    },
  };
}
