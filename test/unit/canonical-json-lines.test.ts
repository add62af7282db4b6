// canonicalJsonLines writes the same canonical JSON as canonicalJson, only with fewer line breaks.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { canonicalJson, canonicalJsonLines, canonicalJsonLinesTo } from '../../compiler/emit/canonical-json.js';

const json = fc.jsonValue({ maxDepth: 6 });

test('same value and key order as canonicalJson at every compact depth', () => {
  fc.assert(
    fc.property(json, fc.integer({ min: 0, max: 7 }), (value, depth) => {
      const lines = canonicalJsonLines(value, depth);
      expect(JSON.stringify(JSON.parse(lines))).toBe(canonicalJson(value));
    }),
    { seed: 20261121, numRuns: 500 },
  );
});

test('with no compact depth it is canonicalJson pretty; at depth 0 it is canonicalJson compact', () => {
  fc.assert(
    fc.property(json, (value) => {
      expect(canonicalJsonLines(value, Number.POSITIVE_INFINITY)).toBe(canonicalJson(value, true));
      expect(canonicalJsonLines(value, 0)).toBe(canonicalJson(value));
    }),
    { seed: 7, numRuns: 300 },
  );
});

test('values at the compact depth sit on one line', () => {
  const text = canonicalJsonLines({ steps: [{ columns: [{ name: 'a', edges: [{ type: 'DIRECT' }] }] }] }, 4);
  expect(text).toBe('{\n  "steps": [\n    {\n      "columns": [\n        {"edges":[{"type":"DIRECT"}],"name":"a"}\n      ]\n    }\n  ]\n}');
});

test('written in chunks, the pieces concatenate to the same text', () => {
  fc.assert(
    fc.property(json, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 64 }), (value, depth, chunk) => {
      const pieces: string[] = [];
      canonicalJsonLinesTo(value, depth, (c) => pieces.push(c), chunk);
      expect(pieces.join('')).toBe(canonicalJsonLines(value, depth));
      expect(pieces.slice(0, -1).every((p) => p.length >= chunk)).toBe(true);
    }),
    { seed: 99, numRuns: 300 },
  );
});
