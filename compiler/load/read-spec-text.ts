// load/: reads a spec file (YAML manifest, mapping, tables file, SQL model) as strict UTF-8.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { makeSourceFile, spanAt } from '../diagnostics/source-file.js';

/**
 * The text of `absPath` decoded as UTF-8, or, when it holds an invalid byte sequence, a `code` error at
 * the first invalid sequence (line:col of `displayPath`). Decoding leniently would replace the bytes
 * with U+FFFD and let garbled names, literals or descriptions reach the plan and the lake unnoticed.
 * @throws what readFileSync throws (missing or unreadable file); callers map it to their own code.
 */
export function readSpecText(absPath: string, displayPath: string, code: DiagnosticCode): { text: string; diagnostic?: undefined } | { text?: undefined; diagnostic: Diagnostic } {
  const bytes = readFileSync(absPath);
  const lossy = bytes.toString('utf8');
  if (isUtf8(bytes)) return { text: lossy };
  // Up to the first replacement character the lossy text decodes the bytes one to one, so the byte
  // offset of a U+FFFD tells whether the file really holds one (EF BF BD) or the decoder made it.
  let at = lossy.indexOf('\uFFFD');
  while (at >= 0) {
    const byte = Buffer.byteLength(lossy.slice(0, at));
    if (bytes[byte] !== 0xef || bytes[byte + 1] !== 0xbf || bytes[byte + 2] !== 0xbd) break;
    at = lossy.indexOf('\uFFFD', at + 1);
  }
  const offset = Math.max(0, at);
  return {
    diagnostic: {
      code, severity: 'error', message: `invalid UTF-8 byte sequence at byte offset ${Buffer.byteLength(lossy.slice(0, offset))} of "${displayPath}"`,
      span: spanAt(makeSourceFile(displayPath, lossy), offset), hint: 'lakec reads spec files as UTF-8; re-save the file as UTF-8',
    },
  };
}
