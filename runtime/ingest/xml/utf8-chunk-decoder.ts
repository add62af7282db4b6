// ingest/xml: strict streaming UTF-8 decoding (TextDecoder fatal mode) with a located LK6106 error.
// Chunks may split multibyte sequences anywhere; the decoder carries the partial bytes over.
import type { LakecError } from '../../../compiler/diagnostics/diagnostic.js';
import { xmlError, type XmlPos } from './xml-error.js';

/** Decodes byte chunks to strings; a leading BOM is dropped. */
export class Utf8ChunkDecoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private bytesBefore = 0;
  private carry: Uint8Array = new Uint8Array(0);

  constructor(private readonly file: string) {}

  /**
   * Decodes the next chunk.
   * @param where position just after all text decoded so far (to locate an error)
   * @throws LakecError LK6106 on an invalid byte sequence
   */
  decode(bytes: Uint8Array, where: () => XmlPos): string {
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: true });
    } catch (e) {
      throw this.invalid(concat(this.carry, bytes), where(), e);
    }
    this.bytesBefore += bytes.length;
    this.carry = trailingPartial(bytes, this.carry);
    return text;
  }

  /**
   * Flushes the decoder at end of input.
   * @throws LakecError LK6106 when the input ends inside a multibyte sequence
   */
  end(where: () => XmlPos): string {
    try {
      return this.decoder.decode();
    } catch (e) {
      throw this.invalid(this.carry, where(), e, true);
    }
  }

  private invalid(bytes: Uint8Array, pos: XmlPos, cause: unknown, atEnd = false): LakecError {
    const bad = atEnd ? 0 : firstInvalidUtf8(bytes);
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const offset = this.bytesBefore - this.carry.length + bad;
    return xmlError('LK6106', this.file, advance(pos, prefix), `invalid UTF-8 byte sequence at byte offset ${offset} of the XML`,
      'the dump must be UTF-8; it may be corrupt or in another encoding', cause);
  }
}

/** Index of the first byte that does not start a valid UTF-8 sequence (bytes.length if none complete is bad). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    if (i + n >= b.length) return n === 0 ? b.length : i; // cut-off sequence: treat as the error point
    const c1 = b[i + 1] as number;
    if (n >= 1) {
      const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
      const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
      if (c1 < lo || c1 > hi) return i;
      for (let k = 2; k <= n; k++) if (((b[i + k] as number) & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return b.length;
}

/** The bytes of an incomplete sequence at the end of `bytes` (what the streaming decoder holds back). */
function trailingPartial(bytes: Uint8Array, previous: Uint8Array): Uint8Array {
  const all = bytes.length >= 4 ? bytes : concat(previous, bytes);
  for (let back = 1; back <= Math.min(3, all.length); back++) {
    const c = all[all.length - back] as number;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? all.slice(all.length - back) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** `pos` moved past `text` (lines at `\n`, columns in UTF-16 units). */
function advance(pos: XmlPos, text: string): XmlPos {
  const nl = text.lastIndexOf('\n');
  if (nl === -1) return { line: pos.line, column: pos.column + text.length, offset: pos.offset + text.length };
  let lines = 0;
  for (let j = text.indexOf('\n'); j !== -1; j = text.indexOf('\n', j + 1)) lines++;
  return { line: pos.line + lines, column: text.length - nl, offset: pos.offset + text.length };
}
