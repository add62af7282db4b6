// RE2 patterns (DuckDB) rewritten to Java syntax (Trino) so both match the same strings.
import { describe, expect, it } from 'vitest';
import { re2ToJavaRegex } from '../../compiler/emit/trino/re2-to-java-regex.js';

describe('re2ToJavaRegex', () => {
  it.each([
    ['abc', 'abc'],
    ['^\\s+|\\s+$', '^[\\t\\n\\f\\r ]+|[\\t\\n\\f\\r ]+\\z'],
    [' \\(\\d+\\)$', ' \\([0-9]+\\)\\z'],
    ['\\s*\\[[^\\]]*\\]', '[\\t\\n\\f\\r ]*\\[[^\\]]*\\]'],
    ['[0-9]+:[0-9]{1,2}', '[0-9]+:[0-9]{1,2}'],
    ['a.c', 'a[^\\n]c'],
    ['(?:ab)+?x{2,}', '(?:ab)+?x{2,}'],
    ['[\\w&&[a]]', '[0-9A-Za-z_\\&\\&\\[a]]'],
    ['[]a]', '[\\]a]'],
    ['\\D\\S\\W\\t\\.', '[^0-9][^\\t\\n\\f\\r ][^0-9A-Za-z_]\\t\\.'],
  ])('%s -> %s', (re2, java) => {
    expect(re2ToJavaRegex(re2)).toBe(java);
  });

  it.each([
    ['(?i)abc', 'flags'], ['\\bword', '\\b'], ['\\p{L}', '\\p'], ['[[:alpha:]]', 'POSIX'], ['[\\D]', 'inside a class'], ['(?P<n>a)', 'flags'], ['a{', 'repetition'], ['[abc', 'unterminated'],
  ])('refuses %s', (re2, what) => {
    expect(() => re2ToJavaRegex(re2)).toThrow(what);
  });
});
