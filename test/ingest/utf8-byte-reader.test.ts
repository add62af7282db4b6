// Utf8ByteReader: strict UTF-8 validation over arbitrarily split chunks, handing out byte strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Text } from '../../runtime/ingest/xml/byte-strings.js';
import { Utf8ByteReader } from '../../runtime/ingest/xml/utf8-byte-reader.js';
import type { XmlPos } from '../../runtime/ingest/xml/xml-error.js';
import { byteChunks, diagnosticOf, where } from './ingest-test-helpers.js';

/** Reads `chunks` and returns the decoded text; positions of errors are counted from the text handed out. */
function readAll(chunks: readonly Uint8Array[]): string {
  const reader = new Utf8ByteReader('doc.xml');
  let out = '';
  const where = (): XmlPos => {
    const text = utf8Text(out);
    const nl = text.lastIndexOf('\n');
    return { line: text.split('\n').length, column: text.length - nl, offset: -1 };
  };
  for (const c of chunks) out += reader.read(c, where);
  reader.end(where);
  return utf8Text(out);
}

const TEXT = 'ascii \u00e9\u00e8 \u2153 \u4e2d\u6587 \ud83c\udfb5\ud83d\ude00 end';

describe('Utf8ByteReader', () => {
  it('accepts valid UTF-8 split at any byte, and drops a leading BOM even when split', () => {
    expect(readAll(byteChunks(TEXT, 'each-byte'))).toBe(TEXT);
    expect(readAll(byteChunks(`\ufeff${TEXT}`, 'each-byte'))).toBe(TEXT);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: Buffer.byteLength(TEXT) }), { maxLength: 10 }), (cuts) => {
        expect(readAll(byteChunks(TEXT, cuts))).toBe(TEXT);
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  const bad: [string, number[], string][] = [
    ['lone continuation byte', [0x61, 0x80, 0x62], 'LK6106@1:2'],
    ['overlong encoding', [0x61, 0x0a, 0xc0, 0xaf], 'LK6106@2:1'],
    ['surrogate code point', [0x61, 0x62, 0xed, 0xa0, 0x80], 'LK6106@1:3'],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 'LK6106@1:1'],
    ['cut short before ASCII', [0xc3, 0xa9, 0xe2, 0x82, 0x3c], 'LK6106@1:2'],
    ['cut off at the end of input', [0x61, 0xe2, 0x82], 'LK6106@1:2'],
  ];
  it.each(bad)('refuses %s (LK6106), however the bytes are split', (_name, bytes, expected) => {
    const all = Uint8Array.from(bytes);
    expect(where(diagnosticOf(() => readAll([all])))).toBe(expected);
    for (let cut = 1; cut < all.length; cut++) {
      expect(diagnosticOf(() => readAll([all.subarray(0, cut), all.subarray(cut)])).code).toBe('LK6106');
    }
  });
});
