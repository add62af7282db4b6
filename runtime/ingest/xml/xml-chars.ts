// ingest/xml: character classes of XML 1.0 (https://www.w3.org/TR/xml/#NT-NameChar) over UTF-8 bytes,
// ASCII by table.

const NAME_START = 1;
const NAME = 2;

/** Per ASCII code: bit 1 = may start a name, bit 2 = may continue one. */
const ASCII_CLASS = buildAsciiClass();

function buildAsciiClass(): Uint8Array {
  const t = new Uint8Array(128);
  const mark = (from: number, to: number, bits: number): void => {
    for (let c = from; c <= to; c++) t[c] = (t[c] ?? 0) | bits;
  };
  mark(0x41, 0x5a, NAME_START | NAME); // A-Z
  mark(0x61, 0x7a, NAME_START | NAME); // a-z
  mark(0x5f, 0x5f, NAME_START | NAME); // _
  mark(0x3a, 0x3a, NAME_START | NAME); // :
  mark(0x30, 0x39, NAME); // 0-9
  mark(0x2d, 0x2e, NAME); // - .
  return t;
}

/**
 * True when byte `c` (of a UTF-8 byte string) may start an XML name. Bytes of non-ASCII characters are
 * accepted without the full NameStartChar range check (a documented leniency: they never delimit markup).
 */
export function isNameStartCode(c: number): boolean {
  return c < 128 ? ((ASCII_CLASS[c] ?? 0) & NAME_START) !== 0 : c >= 0xc2;
}

/** True when byte `c` may continue an XML name (bytes of non-ASCII characters accepted, see isNameStartCode). */
export function isNameCode(c: number): boolean {
  return c < 128 ? ((ASCII_CLASS[c] ?? 0) & NAME) !== 0 : c < 0xf8;
}

/** True for the four XML whitespace characters: space, tab, LF, CR. */
export function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** Index of the first non-whitespace character in `s[start..end)`, or -1 when it is all XML whitespace. */
export function firstNonSpace(s: string, start: number, end: number): number {
  for (let i = start; i < end; i++) if (!isXmlSpace(s.charCodeAt(i))) return i;
  return -1;
}

/** True when code point `cp` is an XML 1.0 Char (what a character reference may denote). */
export function isXmlChar(cp: number): boolean {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
  if (cp <= 0xd7ff) return true;
  if (cp < 0xe000) return false;
  if (cp <= 0xfffd) return true;
  return cp >= 0x10000 && cp <= 0x10ffff;
}
