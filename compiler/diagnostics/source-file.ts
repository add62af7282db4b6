// A loaded text file and its line index, for turning offsets into line:col once.
import type { Pos, Span } from './diagnostic.js';

/** A source file as read: `path` is project-relative POSIX; `lineStarts[i]` is the offset of line i+1. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly lineStarts: readonly number[];
}

/** Builds a SourceFile, indexing line starts after each `\n`. */
export function makeSourceFile(path: string, text: string): SourceFile {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return { path, text, lineStarts };
}

/** Converts a 0-based offset (clamped to the text) into a Pos by binary search over line starts. */
export function posAt(file: SourceFile, offset: number): Pos {
  const off = Math.max(0, Math.min(offset, file.text.length));
  let lo = 0;
  let hi = file.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((file.lineStarts[mid] ?? 0) <= off) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: off - (file.lineStarts[lo] ?? 0) + 1, offset: off };
}

/** A span from `start` to `end` offsets (end exclusive) in `file`. */
export function spanAt(file: SourceFile, start: number, end: number = start): Span {
  return { file: file.path, start: posAt(file, start), end: posAt(file, Math.max(start, end)) };
}

/** A span from a 1-based line and column, for sources (e.g. a streaming XML parser) that count lines themselves. */
export function spanAtLineCol(file: string, line: number, column: number): Span {
  const p = { line, column, offset: -1 };
  return { file, start: p, end: p };
}
