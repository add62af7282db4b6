// ingest/xml: RFC 4180 field encoding for the temporary CSV chunks, straight into UTF-8 bytes. NULL is
// the empty unquoted field; every non-null string is distinguishable from it (empty is written `""`).
// Read back with DuckDB `quote='"', escape='"', allow_quoted_nulls=false`, this round-trips exactly.

const QUOTE = 0x22;

/**
 * Writes `s[from..to)` as UTF-8 into `out` at `p`; when `quoted`, doubles every `"`.
 * Unquoted, it stops at the first `"`, `,`, `\n` or `\r` and returns -1 (the caller re-encodes quoted).
 * Capacity: the caller guarantees `out.length - p >= (to - from) * 6`. `to` must not split a surrogate pair.
 * @returns the position after the written bytes, or -1 (see above)
 */
export function encodeUtf8Field(s: string, from: number, to: number, out: Uint8Array, p: number, quoted: boolean): number {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === QUOTE || c === 0x2c || c === 0x0a || c === 0x0d) {
        if (!quoted) return -1;
        if (c === QUOTE) out[p++] = QUOTE;
      }
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const cp = ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00) + 0x10000;
      out[p++] = 0xf0 | (cp >> 18);
      out[p++] = 0x80 | ((cp >> 12) & 0x3f);
      out[p++] = 0x80 | ((cp >> 6) & 0x3f);
      out[p++] = 0x80 | (cp & 0x3f);
    } else {
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p;
}

const NEEDS_QUOTES = /[",\n\r]/;

/** True when a non-null string must be quoted in CSV (contains `"`, `,`, `\n`, `\r`, or is empty). */
export function needsQuotes(s: string): boolean {
  return s.length === 0 || NEEDS_QUOTES.test(s);
}
