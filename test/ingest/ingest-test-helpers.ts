// Shared helpers for the ingest tests: an event-recording tokenizer handler, error capture, and a
// small RFC 4180 reader for the CSV that mapXmlChunks returns.
import { LakecError } from '../../compiler/diagnostics/diagnostic.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { resolveXmlLimits, type XmlLimits } from '../../runtime/ingest/xml/xml-limits.js';
import { XmlTokenizer, type XmlTokenHandler } from '../../runtime/ingest/xml/xml-tokenizer.js';
import { Utf8ByteReader } from '../../runtime/ingest/xml/utf8-byte-reader.js';
import { utf8Text } from '../../runtime/ingest/xml/byte-strings.js';
import type { XmlPos } from '../../runtime/ingest/xml/xml-error.js';

/** UTF-8 bytes of `doc` (or the bytes given) cut at the given byte offsets, or into single bytes. */
export function byteChunks(doc: string | Uint8Array, cuts: readonly number[] | 'each-byte' = []): Uint8Array[] {
  const bytes = typeof doc === 'string' ? Buffer.from(doc, 'utf8') : doc;
  if (cuts === 'each-byte') return Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

/**
 * Tokenizes `doc` (a string encoded as UTF-8, or bytes, cut at byte offsets `cuts`; or a list of string chunks)
 * and returns the events as text: `<name a="v" …>`, `</name>`, `T:text` (text pieces of one element
 * merged, so chunking cannot change the events).
 */
export function tokenizeEvents(doc: string | Uint8Array | readonly string[], cuts: readonly number[] | 'each-byte' = [], limits?: Partial<XmlLimits>): string[] {
  const events: string[] = [];
  const stack: string[] = [];
  const handler: XmlTokenHandler = {
    captureText: true,
    openElement(name, _id, tok) {
      const attrs: string[] = [];
      for (let k = 0; k < tok.attrCount; k++) attrs.push(` ${utf8Text(tok.attrNames[k]!)}=${JSON.stringify(utf8Text(tok.attrValue(k)))}`);
      events.push(`<${utf8Text(name)}${attrs.join('')}>`);
      stack.push(utf8Text(name));
    },
    closeElement() {
      events.push(`</${stack.pop()}>`);
    },
    text(tok, start, end, raw) {
      const piece = raw ? tok.buffer.slice(start, end) : tok.pieceText(start, end);
      const last = events.length - 1;
      if (last >= 0 && events[last]!.startsWith('B:')) events[last] += piece;
      else events.push(`B:${piece}`);
    },
  };
  const tok = new XmlTokenizer(handler, 'doc.xml', resolveXmlLimits(limits));
  const reader = new Utf8ByteReader('doc.xml');
  const where = (): XmlPos => tok.endPosition();
  const chunks = typeof doc === 'string' || doc instanceof Uint8Array ? byteChunks(doc, cuts) : doc.map((c) => Buffer.from(c, 'utf8'));
  for (const c of chunks) tok.write(reader.read(c, where));
  reader.end(where);
  tok.end();
  return events.map((e) => (e.startsWith('B:') ? `T:${utf8Text(e.slice(2))}` : e));
}

/** Runs `fn` and returns the diagnostic of the LakecError it throws (fails when it does not throw one). */
export function diagnosticOf(fn: () => unknown): Diagnostic {
  try {
    fn();
  } catch (e) {
    if (e instanceof LakecError) return e.diagnostic;
    throw e;
  }
  throw new Error('expected a LakecError');
}

/** Awaits `p` and returns the diagnostic of the LakecError it rejects with. */
export async function asyncDiagnosticOf(p: Promise<unknown>): Promise<Diagnostic> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LakecError) return e.diagnostic;
    throw e;
  }
  throw new Error('expected a LakecError');
}

/** `code@line:col` of a diagnostic, for compact assertions. */
export function where(d: Diagnostic): string {
  return d.span ? `${d.code}@${d.span.start.line}:${d.span.start.column}` : d.code;
}

/** Parses RFC 4180 CSV (as written by the ingester) into rows; an empty unquoted field is null. */
export function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      row.push(value);
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n') end++;
      row.push(end === i ? null : text.slice(i, end));
      i = end;
    }
    if (text[i] === ',') {
      i++;
      if (i === text.length || text[i] === '\n') row.push(null);
    }
    if (text[i] === '\n') {
      rows.push(row);
      row = [];
      i++;
    }
  }
  return rows;
}
