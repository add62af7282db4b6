// ingest/xml: builds the LakecErrors this module throws, so every one has a code, a span and a hint.
import { LakecError, type Pos } from '../../../compiler/diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../../../compiler/diagnostics/codes.js';

/** A position inside the decoded XML text: 1-based line and column (UTF-16 units); offset -1 (streamed). */
export type XmlPos = Pos;

/**
 * Makes an error-severity LakecError located at `pos` in `file` (a display path).
 * `pos` absent means the problem concerns the whole file (e.g. it does not exist).
 */
export function xmlError(
  code: DiagnosticCode,
  file: string,
  pos: XmlPos | undefined,
  message: string,
  hint?: string,
  cause?: unknown,
): LakecError {
  const span = pos ? { file, start: pos, end: pos } : undefined;
  return new LakecError(
    {
      code,
      severity: 'error',
      message,
      ...(span ? { span } : {}),
      ...(hint !== undefined ? { hint } : {}),
    },
    cause === undefined ? undefined : { cause },
  );
}

/** Codes a scanner may raise before it knows the position (the tokenizer locates them). */
export type XmlProblemCode = 'LK6101' | 'LK6106' | 'LK6107' | 'LK6108';

/** A problem found by a scanning helper at index `index` of the buffer it was given. */
export class XmlProblem extends Error {
  constructor(
    readonly index: number,
    readonly code: XmlProblemCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
