// ingest/xml: "byte strings", the tokenizer's text representation: one char per UTF-8 byte (what latin1
// decoding of UTF-8 bytes gives). Markup is ASCII, so scanning is unchanged; values stay UTF-8 bytes
// until they are copied into CSV. Only diagnostics need real text back.

/** The text a byte string encodes (invalid UTF-8 becomes U+FFFD). For messages, not hot paths. */
export function utf8Text(bytes: string): string {
  for (let i = 0; i < bytes.length; i++) if (bytes.charCodeAt(i) >= 0x80) return Buffer.from(bytes, 'latin1').toString('utf8');
  return bytes;
}

/** The byte string of `text` (its UTF-8 bytes, one char each). */
export function byteString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** The byte string of code point `cp` (1 to 4 chars). */
export function codePointBytes(cp: number): string {
  if (cp < 0x80) return String.fromCharCode(cp);
  if (cp < 0x800) return String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  if (cp < 0x10000) return String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  return String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/** Number of UTF-16 units the UTF-8 bytes `s[from..to)` encode (lead bytes count, 4-byte leads twice). */
export function utf16Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c >= 0xc0) n += c >= 0xf0 ? 2 : 1;
  }
  return n;
}
