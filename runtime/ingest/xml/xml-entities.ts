// ingest/xml: decodes entity and character references in text and attribute values, and normalizes
// line ends (XML 1.0 §2.11, §3.3.3). No entity expansion beyond the five predefined entities exists.
import { codePointBytes, utf8Text } from './byte-strings.js';
import { isXmlChar } from './xml-chars.js';
import { XmlProblem } from './xml-error.js';


/** Longest reference we accept between `&` and `;` (`#x10FFFF` is 8; zero-padding beyond is refused). */
const MAX_REF_CHARS = 32;

/**
 * Decodes the byte string `s[start..end)` of element content (`attr` false) or an attribute value (`attr` true).
 * References: `&lt; &gt; &amp; &apos; &quot;`, `&#N;`, `&#xH;` (code point must be an XML Char).
 * The result is a byte string too (references become their UTF-8 bytes). Literal `\r\n` and `\r` become `\n`; in attribute values literal tab/LF/CR then become a space,
 * while characters produced by references are kept as they are.
 * @throws XmlProblem LK6101 for a malformed reference or bad code point, LK6107 for any other
 *   named entity (undefined: no DTD entities are ever expanded).
 */
export function decodeXml(s: string, start: number, end: number, attr: boolean): string {
  let out = '';
  let i = start;
  for (;;) {
    let amp = s.indexOf('&', i);
    if (amp === -1 || amp > end) amp = end;
    if (amp > i) out += normalizeLiteral(s.slice(i, amp), attr);
    if (amp === end) return out;
    const semi = s.indexOf(';', amp + 1);
    if (semi === -1 || semi >= end || semi - amp - 1 > MAX_REF_CHARS) {
      throw new XmlProblem(amp, 'LK6101', `"&" not followed by a reference ending in ";"`, 'write a literal "&" as "&amp;"');
    }
    out += resolveReference(s, amp, semi);
    i = semi + 1;
  }
}

/** Normalizes literal line ends (and, in attributes, whitespace) of a reference-free segment. */
function normalizeLiteral(seg: string, attr: boolean): string {
  if (attr) return /[\t\n\r]/.test(seg) ? seg.replace(/\r\n?|[\t\n]/g, ' ') : seg;
  return seg.indexOf('\r') === -1 ? seg : seg.replace(/\r\n?/g, '\n');
}

/** Normalizes literal line ends in CDATA content (`\r\n`, `\r` → `\n`). */
export function normalizeCdata(seg: string): string {
  return seg.indexOf('\r') === -1 ? seg : seg.replace(/\r\n?/g, '\n');
}

/** Resolves the reference `s[amp..semi]` (inclusive of `&` and `;`). */
function resolveReference(s: string, amp: number, semi: number): string {
  const body = s.slice(amp + 1, semi);
  switch (body) {
    case 'lt': return '<';
    case 'gt': return '>';
    case 'amp': return '&';
    case 'apos': return "'";
    case 'quot': return '"';
  }
  if (body.charCodeAt(0) !== 0x23 /* # */) {
    throw new XmlProblem(amp, 'LK6107', `undefined entity "&${utf8Text(body)};" refused`,
      'only &lt; &gt; &amp; &apos; &quot; and numeric character references are accepted; DTD entities are never expanded');
  }
  const hex = body.charCodeAt(1) === 0x78; /* x */
  const digits = body.slice(hex ? 2 : 1);
  const valid = hex ? /^[0-9A-Fa-f]+$/.test(digits) : /^[0-9]+$/.test(digits);
  const cp = valid ? parseInt(digits, hex ? 16 : 10) : NaN;
  if (!valid || !isXmlChar(cp)) {
    throw new XmlProblem(amp, 'LK6101', `character reference "&${utf8Text(body)};" does not denote an XML character`);
  }
  return codePointBytes(cp);
}
