// ingest/xml: the fields of one open row as CSV-ready UTF-8 bytes. Values are copied once, straight
// from the chunk's byte string (no intermediate string per value), with `"` already doubled; a field is quoted
// on output when it holds `"`, `,`, `\n` or `\r`. An empty field is NULL: mapped values are never the
// empty string (empty text maps to NULL).

const QUOTE = 0x22;

/** Outcome of appending a value to a field. */
export type AppendResult = typeof APPENDED | typeof NEEDS_DECODING | typeof CONTROL_CHARACTER;
export const APPENDED = 0;
export const NEEDS_DECODING = 1;
export const CONTROL_CHARACTER = 2;

/** Field storage for one table's open row: `bytes[start[f]..end[f])`, quoted when `quote[f]` is 1. */
export class RowArena {
  bytes: Uint8Array = new Uint8Array(4096);
  pos = 0;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly quote: Uint8Array;

  constructor(readonly fieldCount: number) {
    this.start = new Int32Array(fieldCount);
    this.end = new Int32Array(fieldCount);
    this.quote = new Uint8Array(fieldCount);
  }

  /** Empties every field (all NULL). */
  reset(): void {
    this.pos = 0;
    for (let f = 0; f < this.fieldCount; f++) {
      this.start[f] = 0;
      this.end[f] = 0;
      this.quote[f] = 0;
    }
  }

  /**
   * Appends the byte string `s[from..to)` to field `f`. Returns APPENDED; or, leaving the field's value
   * unchanged, NEEDS_DECODING (only with `attr`: an `&`, tab, LF or CR, so the caller appends the
   * decoded value instead) or CONTROL_CHARACTER (a character XML does not allow: the caller reports it).
   */
  appendRange(f: number, s: string, from: number, to: number, attr: boolean): AppendResult {
    const p0 = this.prepare(f, (to - from) * 2);
    const bytes = this.bytes;
    let p = p0;
    let special = 0;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c <= 0x2c) {
        if (c === QUOTE) {
          bytes[p++] = QUOTE;
          special = 1;
        } else if (c === 0x2c) {
          special = 1;
        } else if (c < 0x20) {
          if (c !== 0x0a && c !== 0x0d && c !== 0x09) return CONTROL_CHARACTER;
          if (attr) return NEEDS_DECODING;
          if (c !== 0x09) special = 1;
        } else if (c === 0x26 && attr) {
          return NEEDS_DECODING;
        }
      }
      bytes[p++] = c;
    }
    this.pos = p;
    this.end[f] = p;
    if (special) this.quote[f] = 1;
    return APPENDED;
  }

  /** Appends the whole byte string `s` (already decoded) to field `f`; see appendRange for the result. */
  appendString(f: number, s: string): AppendResult {
    return s.length > 0 ? this.appendRange(f, s, 0, s.length, false) : APPENDED;
  }

  /** Sets field `f` to the ASCII text `s` (numbers, booleans), replacing nothing else; '' leaves it NULL. */
  setAscii(f: number, s: string): void {
    const n = s.length;
    if (n === 0) return;
    let p = this.prepare(f, n);
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) bytes[p++] = s.charCodeAt(i);
    this.pos = p;
    this.end[f] = p;
  }

  /**
   * Makes field `f` end at `pos` (moving its bytes there if other fields were appended since), with
   * room for `extra` more bytes; returns where to write.
   */
  private prepare(f: number, extra: number): number {
    const end = this.end[f]!;
    const len = end - this.start[f]!;
    if (len === 0) {
      if (this.pos + extra > this.bytes.length) this.reserve(extra);
      this.start[f] = this.pos;
      this.end[f] = this.pos;
    } else if (end !== this.pos) {
      this.reserve(len + extra);
      this.bytes.copyWithin(this.pos, this.start[f]!, end);
      this.start[f] = this.pos;
      this.pos += len;
      this.end[f] = this.pos;
    } else if (this.pos + extra > this.bytes.length) {
      this.reserve(extra);
    }
    return this.pos;
  }

  private reserve(extra: number): void {
    if (this.pos + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.pos));
    this.bytes = next;
  }
}

/** A frozen copy of an arena's fields (for rows waiting for their record's key). */
export interface ArenaSnapshot {
  readonly bytes: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly quote: Uint8Array;
}

/** Copies the arena's current fields. */
export function snapshotArena(a: RowArena): ArenaSnapshot {
  return { bytes: a.bytes.slice(0, a.pos), start: a.start.slice(), end: a.end.slice(), quote: a.quote.slice() };
}
