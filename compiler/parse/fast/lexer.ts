// parse/fast/: the scanner. One pass over char codes produces parallel token arrays, following the rules of
// DuckDB's Postgres-derived scanner (scan.l): nested block comments, `--` comments, '' and "" escapes,
// operator runs cut at comment starts and stripped of trailing +/-. Token positions are UTF-8 byte offsets,
// which is what DuckDB reports as query_location. Anything the parser does not handle (E'' strings,
// dollar quotes, parameters, odd operators, non-ASCII identifiers) declines here.
import { decline } from './decline.js';
import { keywordCategory, KW_NONE, MAX_KEYWORD_LENGTH } from './keywords.js';

/** Token kinds. T_EOF ends every token stream. */
export const T_EOF = 0;
/** Unquoted identifier or keyword: `text` as written, `lower` lower-cased, `kw` its KW_* category. */
export const T_IDENT = 1;
/** "Quoted" identifier: `text` unescaped. */
export const T_QIDENT = 2;
/** 'String' literal: `text` unescaped. */
export const T_STRING = 3;
/** Numeric literal: `text` as written (digits, '.', exponent). */
export const T_NUMBER = 4;
/** Punctuation or operator: `text` is one of ( ) , . ; [ ] { } :: + - * / % ^ < > = <= >= <> != || // ** */
export const T_OP = 5;

/** Scanner output: token i is (kind[i], pos[i], text[i], lower[i], kw[i]); the last token is T_EOF. */
export interface Tokens {
  readonly kind: Uint8Array;
  /** Byte offset of the token's first character. */
  readonly pos: Int32Array;
  readonly text: string[];
  readonly lower: string[];
  readonly kw: Uint8Array;
}

const CH_TAB = 9, CH_LF = 10, CH_FF = 12, CH_CR = 13, CH_SPACE = 32, CH_DQUOTE = 34, CH_DOLLAR = 36, CH_QUOTE = 39;
const CH_STAR = 42, CH_DASH = 45, CH_DOT = 46, CH_SLASH = 47, CH_COLON = 58, CH_UNDERSCORE = 95;

/** Op characters of the Postgres scanner: ~ ! @ # ^ & | ` ? + - * / % < > = */
const OP_CHAR = new Uint8Array(128);
for (const c of '~!@#^&|`?+-*/%<>=') OP_CHAR[c.charCodeAt(0)] = 1;
/** Characters that, inside an operator, allow a trailing + or - to stay part of it. */
const OP_KEEP_SIGN = new Uint8Array(128);
for (const c of '~!@#^&|`?%') OP_KEEP_SIGN[c.charCodeAt(0)] = 1;
/** Single characters returned as themselves. */
const SELF = new Set(['+', '-', '*', '/', '%', '^', '<', '>', '=']);
const PUNCT = new Uint8Array(128);
for (const c of '(),;[]{}') PUNCT[c.charCodeAt(0)] = 1;

/** Matches any character outside 0x01..0x7f (NUL or non-ASCII). */
const NOT_PLAIN_ASCII = /[^\x01-\x7f]/;

/** Character classes of ASCII codes: 1 identifier start (letter or _), 2 digit, 3 $ (identifier part only). */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === CH_UNDERSCORE) CLASS[c] = 1;
  else if (c >= 48 && c <= 57) CLASS[c] = 2;
  else if (c === CH_DOLLAR) CLASS[c] = 3;
}
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => c < 128 && CLASS[c] === 1;
const isIdentChar = (c: number): boolean => c < 128 && CLASS[c]! !== 0;
/** End of a `--` comment: the next line feed or carriage return. */
const LINE_END = /[\n\r]/g;

/**
 * UTF-8 byte offset of every UTF-16 index of `sql` (length + 1 entries), or undefined when `sql` is ASCII
 * (offsets are then the indexes). Declines on NUL and on unpaired surrogates.
 */
function byteOffsets(sql: string): Int32Array | undefined {
  // one native scan of the whole text; the per-character walk below only runs for non-ASCII input
  if (!NOT_PLAIN_ASCII.test(sql)) return undefined;
  const out = new Int32Array(sql.length + 1);
  let b = 0;
  for (let i = 0; i < sql.length; i++) {
    out[i] = b;
    const c = sql.charCodeAt(i);
    if (c === 0) decline();
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = sql.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) decline();
      b += 4;
      out[++i] = b;
    } else if (c >= 0xdc00 && c <= 0xdfff) decline();
    else b += 3;
  }
  out[sql.length] = b;
  return out;
}

/** Index just past the comment or whitespace run at `i`, or `i` when there is none. Declines on an unterminated block comment. */
export function skipTrivia(sql: string, i: number): number {
  const n = sql.length;
  for (;;) {
    const c = sql.charCodeAt(i);
    if (c === CH_SPACE || c === CH_LF || c === CH_TAB || c === CH_CR || c === CH_FF) { i++; continue; }
    if (c === CH_DASH && sql.charCodeAt(i + 1) === CH_DASH) {
      LINE_END.lastIndex = i + 2;
      i = LINE_END.test(sql) ? LINE_END.lastIndex - 1 : n;
      continue;
    }
    if (c === CH_SLASH && sql.charCodeAt(i + 1) === CH_STAR) {
      // block comments nest
      let depth = 1;
      i += 2;
      while (depth > 0) {
        const close = sql.indexOf('*/', i);
        if (close < 0) decline();
        const open = sql.indexOf('/*', i);
        if (open >= 0 && open < close) { depth++; i = open + 2; }
        else { depth--; i = close + 2; }
      }
      continue;
    }
    return i;
  }
}

/** Scans a quoted run starting at the opening `quote`; returns [unescaped text, index past the closing quote]. */
function scanQuoted(sql: string, i: number, quote: string): [string, number] {
  let out = '';
  let from = i + 1;
  for (;;) {
    const close = sql.indexOf(quote, from);
    if (close < 0) decline();
    if (sql.charCodeAt(close + 1) === quote.charCodeAt(0)) {
      out += sql.slice(from, close + 1);
      from = close + 2;
      continue;
    }
    return [out + sql.slice(from, close), close + 1];
  }
}

/** Scans a numeric literal at `i`; returns the index past it. Declines on forms the parser does not type. */
function scanNumber(sql: string, i: number): number {
  const n = sql.length;
  let j = i;
  while (j < n && isDigit(sql.charCodeAt(j))) j++;
  if (sql.charCodeAt(j) === CH_DOT) {
    if (sql.charCodeAt(j + 1) === CH_DOT) decline();
    j++;
    while (j < n && isDigit(sql.charCodeAt(j))) j++;
  }
  const e = sql.charCodeAt(j);
  if (e === 101 || e === 69) {
    let k = j + 1;
    const s = sql.charCodeAt(k);
    if (s === 43 || s === CH_DASH) k++;
    if (!isDigit(sql.charCodeAt(k))) decline();
    while (k < n && isDigit(sql.charCodeAt(k))) k++;
    j = k;
  }
  const after = sql.charCodeAt(j);
  if (j < n && (isIdentChar(after) || after === CH_DOT || after > 127)) decline();
  return j;
}

/** Scans an operator run at `i` the way scan.l does; returns [operator text, index past it]. */
function scanOperator(sql: string, i: number): [string, number] {
  const n = sql.length;
  let j = i;
  while (j < n) {
    const c = sql.charCodeAt(j);
    if (c > 127 || OP_CHAR[c] !== 1) break;
    if (j > i && ((c === CH_DASH && sql.charCodeAt(j + 1) === CH_DASH) || (c === CH_STAR && sql.charCodeAt(j - 1) === CH_SLASH))) {
      if (c === CH_STAR) j--;
      break;
    }
    j++;
  }
  const run = j - i;
  let len = run;
  const last = sql.charCodeAt(i + len - 1);
  if (len > 1 && (last === 43 || last === CH_DASH)) {
    let keep = false;
    for (let k = i + len - 2; k >= i; k--) if (OP_KEEP_SIGN[sql.charCodeAt(k)] === 1) { keep = true; break; }
    if (!keep) {
      do len--; while (len > 1 && (sql.charCodeAt(i + len - 1) === 43 || sql.charCodeAt(i + len - 1) === CH_DASH));
    }
  }
  const op = sql.slice(i, i + len);
  if (len === 1) {
    if (!SELF.has(op)) decline();
  } else if (op === '<=' || op === '>=' || op === '<>' || op === '!=' || op === '||') {
    // comparison tokens (also when cut out of a longer run) and the generic || operator
  } else if ((op === '//' || op === '**') && len === run) {
    // INTEGER_DIVISION / POWER_OF tokens; cut out of a longer run they would be generic operators
  } else {
    decline();
  }
  return [op, i + len];
}

/** Scans `sql` into tokens. Declines (throws) on anything outside the fast subset's lexical forms. */
export function tokenize(sql: string): Tokens {
  const bytes = byteOffsets(sql);
  const n = sql.length;
  // a token takes at least one character, so n + 1 slots always suffice
  const kind = new Uint8Array(n + 1), pos = new Int32Array(n + 1), kw = new Uint8Array(n + 1);
  const text: string[] = [], lower: string[] = [];
  let count = 0;
  const push = (k: number, start: number, t: string, l: string, c: number): void => {
    kind[count] = k;
    pos[count] = bytes === undefined ? start : bytes[start]!;
    kw[count] = c;
    text.push(t);
    lower.push(l);
    count++;
  };
  let upper = false;
  let i = skipTrivia(sql, 0);
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isIdentStart(c)) {
      let j = i;
      upper = false;
      for (; j < n; j++) {
        const d = sql.charCodeAt(j);
        if (d >= 65 && d <= 90) upper = true;
        else if (!isIdentChar(d)) break;
      }
      const next = sql.charCodeAt(j);
      if (next > 127) decline();
      const word = sql.slice(i, j);
      // E'..', B'..', X'..', N'..' and U&'..' are special literals
      if (next === CH_QUOTE && j - i === 1 && 'eEbBxXnN'.includes(word)) decline();
      if (next === 38 && (word === 'u' || word === 'U')) decline();
      const low = upper ? word.toLowerCase() : word;
      push(T_IDENT, i, word, low, j - i <= MAX_KEYWORD_LENGTH ? keywordCategory(low) : KW_NONE);
      i = j;
    } else if (c === CH_QUOTE) {
      const [value, end] = scanQuoted(sql, i, "'");
      // 'a'<newline>'b' continues the literal; leave that to DuckDB
      const k = skipTrivia(sql, end);
      if (sql.charCodeAt(k) === CH_QUOTE) decline();
      push(T_STRING, i, value, '', KW_NONE);
      i = end;
    } else if (c === CH_DQUOTE) {
      const [name, end] = scanQuoted(sql, i, '"');
      if (name.length === 0) decline();
      push(T_QIDENT, i, name, '', KW_NONE);
      i = end;
    } else if (isDigit(c) || (c === CH_DOT && isDigit(sql.charCodeAt(i + 1)))) {
      const end = scanNumber(sql, i);
      push(T_NUMBER, i, sql.slice(i, end), '', KW_NONE);
      i = end;
    } else if (c === CH_COLON) {
      if (sql.charCodeAt(i + 1) !== CH_COLON || sql.charCodeAt(i + 2) === CH_COLON) decline();
      push(T_OP, i, '::', '', KW_NONE);
      i += 2;
    } else if (c === CH_DOT) {
      if (sql.charCodeAt(i + 1) === CH_DOT) decline();
      push(T_OP, i, '.', '', KW_NONE);
      i++;
    } else if (c < 128 && PUNCT[c] === 1) {
      push(T_OP, i, sql[i]!, '', KW_NONE);
      i++;
    } else if (c < 128 && OP_CHAR[c] === 1) {
      const [op, end] = scanOperator(sql, i);
      push(T_OP, i, op, '', KW_NONE);
      i = end;
    } else {
      decline();
    }
    i = skipTrivia(sql, i);
  }
  push(T_EOF, n, '', '', KW_NONE);
  return { kind: kind.subarray(0, count), pos: pos.subarray(0, count), text, lower, kw: kw.subarray(0, count) };
}
