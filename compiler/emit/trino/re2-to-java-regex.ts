// emit/trino/: DuckDB's regular expressions (RE2 syntax) rewritten for Trino (Java pattern syntax, run
// by Joni), so that both match exactly the same strings. Only a known subset is accepted; anything else
// is refused rather than guessed.
// Differences handled: RE2's `$` (without the m flag) matches only at the end of the text, Java's also
// before a final line terminator, so `$` becomes `\z`; `.` excludes only `\n` in RE2 but every line
// terminator in Java, so it becomes `[^\n]`; `\d \s \w` are ASCII in RE2 and become explicit classes
// (RE2's `\s` is `[\t\n\f\r ]`, without Java's `\x0B`); a literal `[` or `&` inside a class is escaped
// (Java reads them as nested classes and intersections).
// @see https://github.com/google/re2/wiki/Syntax
// @see https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/util/regex/Pattern.html
// @see https://trino.io/docs/current/functions/regexp.html
import { TrinoRefusal } from './trino-refusal.js';

const SHORTHANDS: Readonly<Record<string, { readonly outside: string; readonly inside: string }>> = {
  d: { outside: '[0-9]', inside: '0-9' },
  s: { outside: '[\\t\\n\\f\\r ]', inside: '\\t\\n\\f\\r ' },
  w: { outside: '[0-9A-Za-z_]', inside: '0-9A-Za-z_' },
  D: { outside: '[^0-9]', inside: '' },
  S: { outside: '[^\\t\\n\\f\\r ]', inside: '' },
  W: { outside: '[^0-9A-Za-z_]', inside: '' },
};

/** Escapes that mean the same single character in RE2 and Java. */
const CONTROL_ESCAPES = new Set(['t', 'n', 'r', 'f']);

/**
 * The Java-syntax pattern that matches exactly what RE2 pattern `pattern` matches (no flags): literals,
 * `.`, classes `[...]` with ranges and negation, `\d \s \w \D \S \W`, `\t \n \r \f`, escaped punctuation,
 * groups `( )` and `(?: )`, `|`, `^`, `$`, and the quantifiers `* + ? {n} {n,} {n,m}` with a lazy `?`.
 * @example re2ToJavaRegex(' \\(\\d+\\)$') // ' \\([0-9]+\\)\\z'
 * @throws TrinoRefusal for anything else: flags `(?i)`, named groups, `\b`, `\p{…}`, `[[:alpha:]]`, `\Q…\E`,
 * `\D \S \W` inside a class, octal or hex escapes.
 */
export function re2ToJavaRegex(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += escapeOutside(pattern, i);
      i += 2;
    } else if (c === '[') {
      const [cls, next] = readClass(pattern, i);
      out += cls;
      i = next;
    } else if (c === '(') {
      if (pattern[i + 1] === '?') {
        if (pattern[i + 2] !== ':') refuseRegex(pattern, 'flags and named groups `(?…)`');
        out += '(?:';
        i += 3;
      } else {
        out += '(';
        i++;
      }
    } else if (c === '$') {
      out += '\\z';
      i++;
    } else if (c === '.') {
      out += '[^\\n]';
      i++;
    } else if (c === '{') {
      const m = /^\{[0-9]+(,[0-9]*)?\}/.exec(pattern.slice(i));
      if (!m) refuseRegex(pattern, 'a `{` that is not a repetition');
      out += m[0];
      i += m[0].length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function escapeOutside(pattern: string, i: number): string {
  const e = pattern[i + 1];
  if (e === undefined) refuseRegex(pattern, 'a trailing `\\`');
  const short = SHORTHANDS[e];
  if (short) return short.outside;
  if (CONTROL_ESCAPES.has(e)) return `\\${e}`;
  if (/[!-/:-@[-`{-~]/.test(e)) return `\\${e}`;
  return refuseRegex(pattern, `the escape \`\\${e}\``);
}

/** Reads the class starting at `pattern[start] === '['`; returns its Java spelling and the index after `]`. */
function readClass(pattern: string, start: number): [string, number] {
  let i = start + 1;
  let out = '[';
  if (pattern[i] === '^') {
    out += '^';
    i++;
  }
  if (pattern[i] === ']') {
    out += '\\]';
    i++;
  }
  for (;;) {
    const c = pattern[i];
    if (c === undefined) return refuseRegex(pattern, 'an unterminated `[`');
    if (c === ']') return [out + ']', i + 1];
    if (c === '[' && pattern[i + 1] === ':') refuseRegex(pattern, 'POSIX classes `[[:…:]]`');
    if (c === '\\') {
      const e = pattern[i + 1];
      if (e === undefined) refuseRegex(pattern, 'a trailing `\\`');
      const short = SHORTHANDS[e];
      if (short && short.inside !== '') out += short.inside;
      else if (short) refuseRegex(pattern, `\`\\${e}\` inside a class`);
      else if (CONTROL_ESCAPES.has(e) || /[!-/:-@[-`{-~]/.test(e)) out += `\\${e}`;
      else refuseRegex(pattern, `the escape \`\\${e}\``);
      i += 2;
    } else if (c === '[' || c === '&') {
      out += `\\${c}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
}

function refuseRegex(pattern: string, what: string): never {
  throw new TrinoRefusal(`regular expression '${pattern}'`, `${what} has no exact Java-syntax equivalent here`);
}
