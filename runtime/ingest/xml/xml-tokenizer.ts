// ingest/xml: a strict, streaming, non-validating XML 1.0 tokenizer over UTF-8 byte-string chunks.
// It owns well-formedness (tags, nesting, references, prolog/epilog), DTD refusal and limits; what
// the elements mean belongs to the handler (record-mapper.ts). Hot path: indexOf/charCodeAt scans,
// interned names, values handed over as ranges of the chunk, no per-character string building.
import { InternalError } from '../../../compiler/diagnostics/diagnostic.js';
import type { LakecError } from '../../../compiler/diagnostics/diagnostic.js';
import { utf8Text } from './byte-strings.js';
import { firstNonSpace, isNameCode, isNameStartCode, isXmlSpace } from './xml-chars.js';
import { decodeXml, normalizeCdata } from './xml-entities.js';
import { xmlError, XmlProblem, type XmlPos } from './xml-error.js';
import { scanComment, scanDoctype, scanProcessingInstruction } from './xml-special-markup.js';
import type { XmlLimits } from './xml-limits.js';
import { XmlLineTracker } from './xml-line-tracker.js';
import { XmlNameTable } from './xml-name-table.js';

/** Receives the document's structure. The tokenizer guarantees well-formed, balanced calls. */
export interface XmlTokenHandler {
  /** When true, `text` receives the decoded direct text of the innermost open element. */
  readonly captureText: boolean;
  /**
   * A start tag; its attributes are readable through `tok` during this call only. `id` is the name's
   * id, stable for this tokenizer (0 <= id < MAX_XML_NAMES), or -1 for a name past that many.
   */
  openElement(name: string, id: number, tok: XmlTokenizer): void;
  /** The end of the innermost open element (also called right after `openElement` for `<a/>`). */
  closeElement(tok: XmlTokenizer): void;
  /**
   * One piece of direct text or CDATA of the innermost element (an element's text may arrive in
   * several pieces). When `raw`, the piece is exactly `tok.buffer[start..end)` (no reference, no CR);
   * otherwise `tok.pieceText(start, end)` gives its decoded text.
   */
  text(tok: XmlTokenizer, start: number, end: number, raw: boolean): void;
}

/** A pending tail bigger than this waits for a chunk holding its terminator before re-scanning. */
const LARGE_PENDING = 1 << 16;
const ATTR_SPECIAL = /[&\t\n\r]/;
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/** True when `name` occurs in `buf` at `i` (a JS loop beats startsWith for short names). */
function matchAt(buf: string, i: number, name: string): boolean {
  const n = name.length;
  if (i + n > buf.length) return false;
  for (let k = 0; k < n; k++) if (buf.charCodeAt(i + k) !== name.charCodeAt(k)) return false;
  return true;
}

/** A copy of `s` that does not share (and so does not keep alive) the string it was sliced from. */
function flatCopy(s: string): string {
  return Array.from(s).join('');
}

/**
 * Streaming tokenizer over UTF-8 byte strings (one char per byte, see byte-strings.ts; Utf8ByteReader
 * validates and produces them): `write` chunks split anywhere (inside tags, references or multibyte
 * characters), then `end`. Names, attribute values and text reach the handler as byte strings.
 * Positions in diagnostics are `file:line:column` of the decoded text (line 1-based, counted at `\n`;
 * column 1-based in UTF-16 units; offset -1).
 *
 * Refuses: any DOCTYPE internal subset and any entity other than the five predefined ones (LK6107);
 * malformed markup, mismatched or unclosed tags, text or elements outside the root (LK6101);
 * nesting deeper than `limits.maxDepth` or a token longer than `limits.maxTokenChars` (LK6108).
 * Leniencies (for speed): control characters are refused only in mapped values (by the mapper, as
 * LK6101), not in ignored text; non-ASCII name characters are not checked against XML's name ranges;
 * `]]>` in text and the noncharacters U+FFFE/U+FFFF are accepted.
 */
export class XmlTokenizer {
  /** Number of attributes of the start tag being reported to `openElement`. */
  attrCount = 0;
  /** Attribute names of that start tag (entries at index >= attrCount are stale). */
  readonly attrNames: string[] = [];
  private readonly attrStart: number[] = [];
  private readonly attrEnd: number[] = [];
  private readonly stack: string[] = [];
  private readonly stackIds: Int32Array;
  private readonly names = new XmlNameTable();
  private depth = 0;
  private buf = '';
  private parts: string[] = [];
  private partsLen = 0;
  private needChar = '<';
  private readonly lines = new XmlLineTracker();
  /** Set by `attributes`: the tag just parsed ended with `/>`. */
  private selfClosing = false;
  /** First `<` after the current attribute value's start (a `<` inside a value is refused). */
  private nextLt = -1;
  /** Pending length at which a large pending token is re-scanned (amortizes huge tokens). */
  private retryAt = 0;
  private ampPos = -1;
  private crPos = -1;
  private tokenStart = 0;
  private textStart = 0;
  private pieceIsCdata = false;
  private sawRoot = false;
  private rootClosed = false;
  private sawDoctype = false;
  private ended = false;

  constructor(
    private readonly handler: XmlTokenHandler,
    /** Path shown in diagnostics. */
    readonly file: string,
    private readonly limits: XmlLimits,
  ) {
    this.stackIds = new Int32Array(limits.maxDepth + 1);
  }

  /** Current element depth (0 outside the root). */
  get currentDepth(): number {
    return this.depth;
  }

  /**
   * Feeds the next decoded chunk; calls the handler for every complete token in it.
   * Text may reach the handler in several pieces; a token cut by the chunk end is completed from the
   * next chunk by joining only the small piece needed (joining whole chunks costs a copy per chunk).
   * @throws LakecError LK6101/LK6107/LK6108 on the first problem (the tokenizer is then unusable).
   */
  write(chunk: string): void {
    if (this.ended) throw new InternalError('XmlTokenizer.write after end');
    if (chunk.length === 0) return;
    if (this.buf.length === 0 && this.parts.length === 0) {
      this.setBuffer(chunk);
      this.scan(false, 0);
      return;
    }
    if (this.parts.length === 0 && this.buf.length < LARGE_PENDING && this.buf.charCodeAt(0) === LT) {
      const gt = chunk.indexOf('>');
      if (gt !== -1) {
        this.setBuffer([this.buf, chunk.slice(0, gt + 1)].join(''));
        this.scan(false, 0);
        if (this.buf.length === 0) {
          // The pending tag ended at the chunk's first '>': go on scanning the chunk in place.
          this.setBuffer(chunk);
          this.lines.continueAt(gt + 1);
          this.scan(false, gt + 1);
          return;
        }
        chunk = chunk.slice(gt + 1);
      }
    }
    const pending = this.buf.length + this.partsLen;
    if (pending > LARGE_PENDING && (pending + chunk.length < this.retryAt || chunk.indexOf(this.needChar) === -1)) {
      this.parts.push(chunk);
      this.partsLen += chunk.length;
      this.checkPendingLength();
      return;
    }
    // join builds a flat string; `a + b` would make a ConsString that slows every later charCodeAt.
    this.parts.unshift(this.buf);
    this.parts.push(chunk);
    this.setBuffer(this.parts.join(''));
    this.parts = [];
    this.partsLen = 0;
    this.scan(false, 0);
    this.retryAt = this.buf.length > LARGE_PENDING ? 2 * this.buf.length : 0;
    this.checkPendingLength();
  }

  /**
   * Signals the end of input and checks that the document is complete.
   * @throws LakecError LK6101 for unclosed elements, a missing root, or a token cut off by EOF.
   */
  end(): void {
    if (this.ended) return;
    this.parts.unshift(this.buf);
    this.setBuffer(this.parts.join(''));
    this.parts = [];
    this.partsLen = 0;
    this.scan(true, 0);
    this.ended = true;
    const eof = this.posAt(this.buf.length);
    if (this.depth > 0) {
      throw xmlError('LK6101', this.file, eof, `unexpected end of input: element <${utf8Text(this.stack[this.depth - 1] ?? '')}> is not closed`,
        'the file may be truncated');
    }
    if (!this.sawRoot) throw xmlError('LK6101', this.file, eof, 'no root element', 'the file is empty or not XML');
  }

  /** The chunk text that positions given to the handler index into (valid during the call only). */
  get buffer(): string {
    return this.buf;
  }

  /** Decoded text (a byte string) of the piece `buffer[start..end)` being delivered to `text`. */
  pieceText(start: number, end: number): string {
    return this.pieceIsCdata ? normalizeCdata(this.buf.slice(start, end)) : this.decode(start, end, false);
  }

  /** Raw source range of attribute `k` of the current start tag in `buffer` (not decoded). */
  attrStartIndex(k: number): number {
    return this.attrStart[k] ?? 0;
  }

  /** End (exclusive) of the raw range of attribute `k` in `buffer`. */
  attrEndIndex(k: number): number {
    return this.attrEnd[k] ?? 0;
  }

  /** Index of the attribute `name` of the current start tag, or -1. */
  attrIndex(name: string): number {
    for (let k = 0; k < this.attrCount; k++) if (this.attrNames[k] === name) return k;
    return -1;
  }

  /** Decoded, normalized value (a byte string) of attribute `k` of the current start tag. */
  attrValue(k: number): string {
    const s = this.attrStart[k] ?? 0;
    const e = this.attrEnd[k] ?? 0;
    const v = this.buf.slice(s, e);
    return ATTR_SPECIAL.test(v) ? this.decode(s, e, true) : v;
  }

  /** Absolute UTF-16 offset of the value of attribute `k` of the current start tag (for `positionOf`). */
  attrOffset(k: number): number {
    return this.lines.origin + (this.attrStart[k] ?? 0);
  }

  /** Position of the current start tag (during `openElement`) or end tag (during `closeElement`). */
  tokenPosition(): XmlPos {
    return this.posAt(this.tokenStart);
  }

  /** Absolute UTF-16 offset of the text piece being delivered to `text` (for a later `positionOf`). */
  textOffset(): number {
    return this.lines.origin + this.textStart;
  }

  /**
   * Position of absolute offset `abs` if it is still buffered, else (or for `abs` < 0) of the current
   * token. Counts lines in the buffer: for error paths only.
   */
  positionOf(abs: number): XmlPos {
    const i = abs - this.lines.origin;
    return this.posAt(abs >= 0 && i >= this.lines.base && i <= this.buf.length ? i : this.tokenStart);
  }

  /** Position just after all text written so far (for errors found outside the tokenizer). */
  endPosition(): XmlPos {
    return this.posAt(this.buf.length + this.partsLen);
  }

  /** Builds an error at `pos` in this file (for the handler's own checks, e.g. value conversion). */
  errorAt(code: 'LK6101' | 'LK6103' | 'LK6104' | 'LK6107' | 'LK6108', pos: XmlPos, message: string, hint?: string): LakecError {
    return xmlError(code, this.file, pos, message, hint);
  }

  // ---- scanning -------------------------------------------------------------------------------

  private setBuffer(buf: string): void {
    this.buf = buf;
    this.ampPos = -1;
    this.crPos = -1;
  }

  /** Tokenizes `buf` from `pos`; keeps an incomplete trailing token (or reference) as the new `buf`. */
  private scan(final: boolean, pos: number): void {
    const buf = this.buf;
    const len = buf.length;
    while (pos < len) {
      let lt = pos;
      if (buf.charCodeAt(pos) !== LT) {
        lt = buf.indexOf('<', pos);
        if (lt === -1) {
          const end = final ? len : this.safeTextEnd(pos, len);
          if (end > pos) this.onText(pos, end);
          pos = end;
          break;
        }
        this.onText(pos, lt);
      }
      const next = this.markup(lt);
      if (next < 0) {
        if (final) throw this.malformed(lt, 'unexpected end of input inside markup', 'the file may be truncated');
        pos = lt;
        break;
      }
      pos = next;
    }
    this.needChar = pos < len && buf.charCodeAt(pos) === LT ? '>' : '<';
    this.consume(pos);
    this.checkPendingLength();
  }

  /**
   * End of the text in `buf[pos..len)` that can be delivered before the next chunk arrives: all of
   * it, less an unterminated reference or a final `\r` (which may start a `\r\n`).
   */
  private safeTextEnd(pos: number, len: number): number {
    const buf = this.buf;
    let end = len;
    const amp = buf.lastIndexOf('&', len - 1);
    if (amp >= pos && buf.indexOf(';', amp) === -1) end = amp;
    if (end > pos && buf.charCodeAt(end - 1) === 0x0d) end--;
    return end;
  }

  /** Drops `buf[0..pos)`, keeping line/column bookkeeping in step. */
  private consume(pos: number): void {
    this.lines.consume(this.buf, pos);
    this.setBuffer(pos >= this.buf.length ? '' : this.buf.slice(pos));
  }

  private markup(lt: number): number {
    const c = this.buf.charCodeAt(lt + 1);
    if (c === SLASH) return this.endTag(lt);
    if (c === 0x21 /* ! */) return this.bang(lt);
    if (c === 0x3f /* ? */) return this.special(scanProcessingInstruction, lt);
    if (c !== c) return -1; // NaN: '<' is the last character
    return this.startTag(lt);
  }

  private startTag(lt: number): number {
    const buf = this.buf;
    const len = buf.length;
    let i = lt + 1;
    let h = buf.charCodeAt(i);
    if (!isNameStartCode(h)) throw this.malformed(lt, 'invalid element name after "<"', 'write a literal "<" as "&lt;"');
    i++;
    for (; i < len; i++) {
      const c = buf.charCodeAt(i);
      if (!isNameCode(c)) break;
      h = (h * 31 + c) | 0;
    }
    if (i >= len) return -1;
    const id = this.names.intern(buf, lt + 1, i, h);
    const name = id >= 0 ? this.names.names[id]! : flatCopy(buf.slice(lt + 1, i));
    i = this.attributes(i, name);
    if (i < 0) return -1;
    if (i - lt > this.limits.maxTokenChars) throw this.tooLong(lt, 'start tag');
    if (this.rootClosed) throw this.malformed(lt, `element <${utf8Text(name)}> after the end of the root element`);
    if (this.depth >= this.limits.maxDepth) {
      throw xmlError('LK6108', this.file, this.posAt(lt), `element nesting deeper than the limit of ${this.limits.maxDepth}`,
        'raise limits.maxDepth if this document is trusted');
    }
    this.tokenStart = lt;
    this.stackIds[this.depth] = id;
    this.stack[this.depth++] = name;
    this.sawRoot = true;
    this.handler.openElement(name, id, this);
    if (this.selfClosing) this.closeTop();
    return i;
  }

  /**
   * Parses the attributes of a start tag from `i` (just after its name) through `>` or `/>`; sets
   * attrCount and selfClosing. Returns the index after the tag, or -1 when the buffer ends first.
   */
  private attributes(i: number, name: string): number {
    const buf = this.buf;
    const len = buf.length;
    this.attrCount = 0;
    this.nextLt = -1;
    for (;;) {
      let c = buf.charCodeAt(i);
      if (c === GT) {
        this.selfClosing = false;
        return i + 1;
      }
      if (c === SLASH) {
        if (i + 1 >= len) return -1;
        if (buf.charCodeAt(i + 1) !== GT) throw this.malformed(i, `expected "/>" in start tag <${utf8Text(name)}>`);
        this.selfClosing = true;
        return i + 2;
      }
      if (!isXmlSpace(c)) {
        if (i >= len) return -1;
        throw this.malformed(i, `expected whitespace, ">" or "/>" in start tag <${utf8Text(name)}>`);
      }
      do i++; while (i < len && isXmlSpace(buf.charCodeAt(i)));
      if (i >= len) return -1;
      c = buf.charCodeAt(i);
      if (c === GT || c === SLASH) continue;
      i = this.attribute(i, name);
      if (i < 0) return -1;
    }
  }

  /** Parses one `name = "value"` at `i` into the attribute arrays; returns the index after it, or -1. */
  private attribute(i: number, name: string): number {
    const buf = this.buf;
    const len = buf.length;
    let h = buf.charCodeAt(i);
    if (!isNameStartCode(h)) throw this.malformed(i, `invalid attribute name in start tag <${utf8Text(name)}>`);
    const aStart = i;
    for (i++; i < len; i++) {
      const c = buf.charCodeAt(i);
      if (!isNameCode(c)) break;
      h = (h * 31 + c) | 0;
    }
    const aEnd = i;
    while (i < len && isXmlSpace(buf.charCodeAt(i))) i++;
    if (i >= len) return -1;
    if (buf.charCodeAt(i) !== 0x3d) throw this.malformed(i, `expected "=" after attribute name in start tag <${utf8Text(name)}>`);
    i++;
    while (i < len && isXmlSpace(buf.charCodeAt(i))) i++;
    if (i >= len) return -1;
    const q = buf.charCodeAt(i);
    if (q !== 0x22 && q !== 0x27) throw this.malformed(i, 'attribute value must be in quotes');
    const vStart = i + 1;
    const vEnd = buf.indexOf(q === 0x22 ? '"' : "'", vStart);
    if (vEnd === -1) return -1;
    if (this.nextLt < vStart) {
      this.nextLt = buf.indexOf('<', vStart);
      if (this.nextLt === -1) this.nextLt = len;
    }
    if (this.nextLt < vEnd) throw this.malformed(this.nextLt, '"<" is not allowed in an attribute value', 'write it as "&lt;"');
    if (vEnd - vStart > this.limits.maxTokenChars) throw this.tooLong(vStart, 'attribute value');
    const id = this.names.intern(buf, aStart, aEnd, h);
    const aName = id >= 0 ? this.names.names[id]! : buf.slice(aStart, aEnd);
    const n = this.attrCount;
    for (let k = 0; k < n; k++) {
      if (this.attrNames[k] === aName) throw this.malformed(aStart, `duplicate attribute "${utf8Text(aName)}" in start tag <${utf8Text(name)}>`);
    }
    if (this.nextAmp(vStart) < vEnd) this.decode(vStart, vEnd, true); // validates references
    this.attrNames[n] = aName;
    this.attrStart[n] = vStart;
    this.attrEnd[n] = vEnd;
    this.attrCount = n + 1;
    return vEnd + 1;
  }

  private closeTop(): void {
    this.handler.closeElement(this);
    this.depth--;
    if (this.depth === 0) this.rootClosed = true;
  }

  private endTag(lt: number): number {
    const buf = this.buf;
    const len = buf.length;
    if (this.depth === 0) throw this.malformed(lt, 'end tag without a matching start tag');
    const top = this.stack[this.depth - 1] ?? '';
    const topId = this.stackIds[this.depth - 1]!;
    const i = lt + 2;
    if (topId >= 0 ? this.names.matches(buf, i, topId) : matchAt(buf, i, top)) {
      let j = i + top.length;
      while (j < len && isXmlSpace(buf.charCodeAt(j))) j++;
      if (j >= len) return -1;
      if (buf.charCodeAt(j) === GT) {
        this.tokenStart = lt;
        this.closeTop();
        return j + 1;
      }
    } else if (len - i <= top.length && top.startsWith(buf.slice(i))) {
      return -1;
    }
    const gt = buf.indexOf('>', i);
    const found = buf.slice(i, gt === -1 ? Math.min(len, i + 40) : Math.min(gt, i + 200)).trim();
    throw this.malformed(lt, `end tag </${utf8Text(found)}> does not match start tag <${utf8Text(top)}>`);
  }

  private bang(lt: number): number {
    const buf = this.buf;
    if (buf.startsWith('<!--', lt)) return this.special(scanComment, lt);
    if (buf.startsWith('<![CDATA[', lt)) return this.cdata(lt);
    if (buf.startsWith('<!DOCTYPE', lt)) {
      if (this.sawRoot || this.sawDoctype) throw this.malformed(lt, 'DOCTYPE is only allowed once, before the root element');
      const next = this.special(scanDoctype, lt);
      if (next > 0) this.sawDoctype = true;
      return next;
    }
    const rest = buf.slice(lt, lt + 9);
    if (rest.length < 9 && ('<!--'.startsWith(rest) || '<![CDATA['.startsWith(rest) || '<!DOCTYPE'.startsWith(rest))) return -1;
    throw this.malformed(lt, 'invalid markup after "<!"');
  }

  private cdata(lt: number): number {
    const buf = this.buf;
    if (this.depth === 0) throw this.malformed(lt, 'CDATA section outside the root element');
    const end = buf.indexOf(']]>', lt + 9);
    if (end === -1) return -1;
    const start = lt + 9;
    if (end - start > this.limits.maxTokenChars) throw this.tooLong(lt, 'CDATA section');
    if (this.handler.captureText && end > start) {
      this.textStart = start;
      this.pieceIsCdata = true;
      this.handler.text(this, start, end, false);
    }
    return end + 3;
  }

  /** Runs a special-markup scanner, turning its XmlProblem into a located error. */
  private special(scan: (buf: string, lt: number, max: number, atStart: boolean) => number, lt: number): number {
    try {
      return scan(this.buf, lt, this.limits.maxTokenChars, this.lines.origin + lt === 0);
    } catch (e) {
      if (e instanceof XmlProblem) throw xmlError(e.code, this.file, this.posAt(e.index), e.message, e.hint);
      throw e;
    }
  }

  private onText(start: number, end: number): void {
    if (this.depth === 0) {
      const junk = firstNonSpace(this.buf, start, end);
      if (junk >= 0) throw this.malformed(junk, this.sawRoot ? 'text after the end of the root element' : 'text before the root element');
      return;
    }
    if (end - start > this.limits.maxTokenChars) throw this.tooLong(start, 'text node');
    if (this.handler.captureText) {
      this.textStart = start;
      this.pieceIsCdata = false;
      this.handler.text(this, start, end, this.nextAmp(start) >= end && this.nextCr(start) >= end);
    } else if (this.nextAmp(start) < end) {
      this.decode(start, end, false); // validates references
    }
  }

  /** Index of the first `&` at or after `from` (monotonic callers only; reset per buffer). */
  private nextAmp(from: number): number {
    if (this.ampPos < from) {
      const a = this.buf.indexOf('&', from);
      this.ampPos = a === -1 ? Infinity : a;
    }
    return this.ampPos;
  }

  /** Index of the first `\r` at or after `from` (monotonic callers only; reset per buffer). */
  private nextCr(from: number): number {
    if (this.crPos < from) {
      const a = this.buf.indexOf('\r', from);
      this.crPos = a === -1 ? Infinity : a;
    }
    return this.crPos;
  }

  private decode(start: number, end: number, attr: boolean): string {
    try {
      return decodeXml(this.buf, start, end, attr);
    } catch (e) {
      if (e instanceof XmlProblem) throw xmlError(e.code, this.file, this.posAt(e.index), e.message, e.hint);
      throw e;
    }
  }

  private checkPendingLength(): void {
    if (this.buf.length + this.partsLen > this.limits.maxTokenChars) throw this.tooLong(this.lines.base, 'token');
  }

  // ---- positions and errors -------------------------------------------------------------------

  /** Position of buffer index `i` (error paths only). */
  private posAt(i: number): XmlPos {
    return this.lines.positionAt(this.buf, i);
  }

  private malformed(i: number, message: string, hint?: string): LakecError {
    return xmlError('LK6101', this.file, this.posAt(i), message, hint);
  }

  private tooLong(i: number, what: string): LakecError {
    return xmlError('LK6108', this.file, this.posAt(i), `${what} longer than the limit of ${this.limits.maxTokenChars} characters`,
      'raise limits.maxTokenChars if this document is trusted');
  }
}
