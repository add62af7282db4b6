// diagnostics/: the one shape every phase uses to report a problem in user input.
// Pure data; no I/O. Rendering lives in render-text.ts / render-json.ts.

/** Severity of a diagnostic. Only `error` stops a phase from producing its result. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A position in a source file.
 * `line` is 1-based; `column` is 1-based in UTF-16 code units (JS string index + 1);
 * `offset` is the 0-based UTF-16 index into the file text.
 */
export interface Pos {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/**
 * A source range: `start` inclusive, `end` exclusive.
 * `file` is a POSIX path relative to the project root (or as given when outside it).
 */
export interface Span {
  readonly file: string;
  readonly start: Pos;
  readonly end: Pos;
}

/**
 * A problem found in user input, modelled on Terraform's tfdiags and sqlc's sqlerr.
 * `message` is one line, starts lower-case, quotes identifiers, has no trailing period.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span?: Span;
  readonly hint?: string;
  readonly related?: readonly { readonly span?: Span; readonly message: string }[];
}

/** Result of a phase: a value (absent when an error stopped it) and every diagnostic found. */
export interface Phase<T> {
  readonly value: T | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** True when any diagnostic has severity `error`. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * An error that carries a user-facing diagnostic across an async boundary (runtime
 * failures, XML errors found while streaming). The CLI renders `diagnostic`, not `message`.
 */
export class LakecError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Diagnostic, options?: { cause?: unknown }) {
    super(formatOneLine(diagnostic), options);
    this.name = 'LakecError';
    this.diagnostic = diagnostic;
  }
}

/** A broken internal invariant: a bug in lakec, never caused by user input. */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
}

function formatOneLine(d: Diagnostic): string {
  const where = d.span ? `${d.span.file}:${d.span.start.line}:${d.span.start.column}: ` : '';
  return `${where}${d.severity} ${d.code}: ${d.message}`;
}
