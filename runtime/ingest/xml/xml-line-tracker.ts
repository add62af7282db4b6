// ingest/xml: line and column bookkeeping for the streaming tokenizer. Lines are counted once per
// consumed chunk (a native indexOf pass); a position is computed only when a diagnostic needs one.
import { utf16Length } from './byte-strings.js';
import type { XmlPos } from './xml-error.js';

/**
 * Where the tokenizer's current buffer sits in the document: `origin` is the absolute byte offset of
 * `buf[0]`, and `line`/`column` describe `buf[base]` (columns in UTF-16 units of the decoded text).
 */
export class XmlLineTracker {
  origin = 0;
  base = 0;
  private line = 1;
  /** UTF-16 units before `buf[base]` on its line. */
  private col = 0;

  /** Accounts for `buf[base..pos)` being consumed; the caller then keeps `buf.slice(pos)` as the new buffer. */
  consume(buf: string, pos: number): void {
    let lastNl = -1;
    let lines = 0;
    for (let j = buf.indexOf('\n', this.base); j !== -1 && j < pos; j = buf.indexOf('\n', j + 1)) {
      lines++;
      lastNl = j;
    }
    this.line += lines;
    this.col = lastNl === -1 ? this.col + utf16Length(buf, this.base, pos) : utf16Length(buf, lastNl + 1, pos);
    this.origin += pos;
    this.base = 0;
  }

  /** Switches to a new buffer whose index `at` is where the consumed text ended. */
  continueAt(at: number): void {
    this.origin -= at;
    this.base = at;
  }

  /** Position of `buf[i]` for `i >= base`; offset -1 as for every streamed source (see spanAtLineCol). */
  positionAt(buf: string, i: number): XmlPos {
    let line = this.line;
    let lastNl = -1;
    for (let j = buf.indexOf('\n', this.base); j !== -1 && j < i; j = buf.indexOf('\n', j + 1)) {
      line++;
      lastNl = j;
    }
    const column = lastNl === -1 ? this.col + utf16Length(buf, this.base, i) + 1 : utf16Length(buf, lastNl + 1, i) + 1;
    return { line, column, offset: -1 };
  }
}
