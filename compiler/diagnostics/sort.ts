// diagnostics/: stable ordering for output (Terraform tfdiags `Sort`, simplified).
import type { Diagnostic } from './diagnostic.js';

/** Sorts sourceless before sourced, then by file, offset (or line/column), code and message. Returns a new array. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    if (!a.span !== !b.span) return a.span ? 1 : -1;
    if (a.span && b.span) {
      if (a.span.file !== b.span.file) return a.span.file < b.span.file ? -1 : 1;
      if (a.span.start.line !== b.span.start.line) return a.span.start.line - b.span.start.line;
      if (a.span.start.column !== b.span.start.column) return a.span.start.column - b.span.start.column;
    }
    if (a.code !== b.code) return a.code < b.code ? -1 : 1;
    return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}
