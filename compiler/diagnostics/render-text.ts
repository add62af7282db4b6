// diagnostics/: the human rendering, `file:line:col: severity CODE: message` plus hint and related lines.
import type { Diagnostic } from './diagnostic.js';

/** Renders diagnostics as text, one block each, ending with a newline. Spans print as file:line:col. */
export function renderDiagnosticsText(diagnostics: readonly Diagnostic[]): string {
  let out = '';
  for (const d of diagnostics) {
    const where = d.span ? `${d.span.file}:${d.span.start.line}:${d.span.start.column}: ` : '';
    out += `${where}${d.severity} ${d.code}: ${d.message}\n`;
    if (d.hint) out += `  hint: ${d.hint}\n`;
    for (const r of d.related ?? []) {
      const at = r.span ? `${r.span.file}:${r.span.start.line}:${r.span.start.column}: ` : '';
      out += `  note: ${at}${r.message}\n`;
    }
  }
  return out;
}
