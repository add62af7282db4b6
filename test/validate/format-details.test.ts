import { describe, expect, it } from 'vitest';
import { encodeCsvField } from '../../runtime/validate/csv-encode.js';
import { displayIdent, displayValue, displayValueList, formatPercent } from '../../runtime/validate/format-details.js';

describe('formatPercent', () => {
  it.each([
    [12, 1000, '1.2%'], [1, 3, '33.33%'], [0, 10, '0%'], [5, 0, '0%'], [10, 10, '100%'],
    [1, 1_000_000, '<0.01%'], [999_999, 1_000_000, '>99.99%'],
  ])('%d of %d -> %s', (part, whole, text) => expect(formatPercent(part, whole)).toBe(text));
});

describe('displayValue / displayIdent / displayValueList', () => {
  it.each([
    ['1660109', '1660109'], ['Vinyl', 'Vinyl'], ['2020-01-31', '2020-01-31'], ['', '""'],
    ['Blue Note', '"Blue Note"'], ['a,b', '"a,b"'], ['line\nbreak', '"line\\nbreak"'],
    ['x'.repeat(70), `"${'x'.repeat(60)}…"`], [null, 'NULL'],
  ])('value %j -> %s', (value, text) => expect(displayValue(value)).toBe(text));

  it.each([['release_id', 'release_id'], ['release id', '"release id"'], ['a"b', '"a""b"'], ['1st', '"1st"']])(
    'ident %j -> %s', (name, text) => expect(displayIdent(name)).toBe(text));

  it('cuts long accepted-value lists', () => {
    expect(displayValueList([1, true, 'CD', 'Blue Note'], 3)).toBe('[1, true, CD, … 1 more]');
  });
});

describe('encodeCsvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'], ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'], ['a\nb', '"a\nb"'], ['a\r\nb', '"a\r\nb"'],
    [' padded', '" padded"'], ['', ''],
  ])('%j -> %j', (value, text) => expect(encodeCsvField(value)).toBe(text));
});
