// ingest/xml: strict streaming UTF-8 validation that hands the tokenizer "byte strings": each UTF-8
// byte becomes one char (latin1 decoding, a plain copy into a one-byte string).
//
// Why not TextDecoder: measured on the 449 MB releases dump, fatal streaming TextDecoder cost ~1 s of
// the main thread and produced two-byte strings that slowed every later scan (decode+tokenize 167 MB/s
// vs 228 MB/s this way). Validation here is `buffer.isUtf8` (simdutf), with the same guarantee: any
// invalid sequence, also one split across chunks or cut off at EOF, is LK6106 at its position.
// Markup is ASCII, so the tokenizer works on byte strings unchanged; values stay UTF-8 bytes all the way
// to the CSV chunk, and only diagnostics convert back (see byte-strings.ts).
import { isUtf8 } from 'node:buffer';
import type { LakecError } from '../../../compiler/diagnostics/diagnostic.js';
import { xmlError, type XmlPos } from './xml-error.js';

const EMPTY = new Uint8Array(0);

/** Validates UTF-8 chunk by chunk (sequences may be split anywhere) and returns each chunk as a byte string. */
export class Utf8ByteReader {
  private carry: Uint8Array = EMPTY;
  private bytesBefore = 0;
  private started = false;
  private head: Uint8Array = EMPTY;

  constructor(private readonly file: string) {}

  /**
   * Checks the next chunk and returns it as a byte string (a leading BOM of the input is dropped).
   * @param where position just after all text handed out so far (to locate an error)
   * @throws LakecError LK6106 on an invalid byte sequence
   */
  read(chunk: Uint8Array, where: () => XmlPos): string {
    let from = 0;
    if (!this.started) {
      // Hold the first bytes back until a BOM (EF BB BF), split or not, can be told apart.
      chunk = this.head.length > 0 ? concat(this.head, chunk) : chunk;
      if (chunk.length < 3 && isBomPrefix(chunk)) {
        this.head = chunk;
        return '';
      }
      this.head = EMPTY;
      this.started = true;
      if (chunk.length >= 3 && isBomPrefix(chunk.subarray(0, 3))) from = 3;
    }
    let start = from;
    if (this.carry.length > 0) {
      const need = sequenceLength(this.carry[0]!) - this.carry.length;
      const head = concat(this.carry, chunk.subarray(0, Math.min(need, chunk.length)));
      if (head.length < sequenceLength(head[0]!)) {
        this.carry = head;
        this.bytesBefore += chunk.length;
        return latin1(chunk, from);
      }
      if (!isUtf8(head)) throw this.invalid(this.bytesBefore - this.carry.length + firstInvalidUtf8(head), this.beforeCarry(where()));
      start = need;
      this.carry = EMPTY;
    }
    const tail = partialTailStart(chunk, start);
    if (!isUtf8(chunk.subarray(start, tail))) {
      const bad = firstInvalidUtf8(chunk, start);
      const prefix = new TextDecoder('utf-8').decode(chunk.subarray(start, bad));
      throw this.invalid(this.bytesBefore + bad, advance(where(), prefix));
    }
    this.carry = tail < chunk.length ? chunk.slice(tail) : EMPTY;
    this.bytesBefore += chunk.length;
    return latin1(chunk, from);
  }

  /**
   * Checks that the input did not end inside a multibyte sequence.
   * @throws LakecError LK6106 when it did
   */
  end(where: () => XmlPos): void {
    if (this.head.length > 0) throw this.invalid(0, where());
    if (this.carry.length > 0) throw this.invalid(this.bytesBefore - this.carry.length, this.beforeCarry(where()));
  }

  /** `pos` (just after all bytes handed out) moved back over the held partial sequence's character. */
  private beforeCarry(pos: XmlPos): XmlPos {
    const units = (this.carry[0] ?? 0) >= 0xf0 ? 2 : 1;
    return { ...pos, column: Math.max(1, pos.column - units) };
  }

  /** LK6106 for the sequence at absolute byte offset `at`, located at `pos`. */
  private invalid(at: number, pos: XmlPos): LakecError {
    return xmlError('LK6106', this.file, pos, `invalid UTF-8 byte sequence at byte offset ${at} of the XML`,
      'the dump must be UTF-8; it may be corrupt or in another encoding');
  }
}

/** True when `b` (at most 3 bytes) is a prefix of the UTF-8 BOM. */
function isBomPrefix(b: Uint8Array): boolean {
  return (b.length < 1 || b[0] === 0xef) && (b.length < 2 || b[1] === 0xbb) && (b.length < 3 || b[2] === 0xbf);
}

function latin1(chunk: Uint8Array, from: number): string {
  return Buffer.from(chunk.buffer, chunk.byteOffset + from, chunk.length - from).toString('latin1');
}

/** Length of the UTF-8 sequence a lead byte starts (1 for anything that is not a multibyte lead). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/** Index where an incomplete multibyte sequence at the end of `b` starts (b.length when none). */
function partialTailStart(b: Uint8Array, from: number): number {
  for (let back = 1; back <= 3 && b.length - back >= from; back++) {
    const c = b[b.length - back]!;
    if ((c & 0xc0) === 0x80) continue;
    return sequenceLength(c) > back ? b.length - back : b.length;
  }
  return b.length;
}

/** Index of the first byte (from `from`) that does not start a complete, valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array, from = 0): number {
  let i = from;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i;
    const c1 = b[i + 1]!;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** `pos` moved past `text` (lines at `\n`, columns in UTF-16 units). */
function advance(pos: XmlPos, text: string): XmlPos {
  const nl = text.lastIndexOf('\n');
  if (nl === -1) return { line: pos.line, column: pos.column + text.length, offset: -1 };
  let lines = 0;
  for (let j = text.indexOf('\n'); j !== -1; j = text.indexOf('\n', j + 1)) lines++;
  return { line: pos.line + lines, column: text.length - nl, offset: -1 };
}
