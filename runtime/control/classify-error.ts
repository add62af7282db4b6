// control/: turns any failure into a stable error code (compiler/types/control.ts ERROR_CODES), marked
// transient or permanent, keeping the original error. The retry policy and healing actions key on the
// code, never on message text, so they survive wording changes in DuckDB, Node or lakec.
import { InternalError, LakecError, type Diagnostic } from '../../compiler/index.js';
import { ERROR_CODES, type ErrorCode } from '../../compiler/types/control.js';

/** A classified failure. `message` is one line for people; `original` what was caught, for the audit log. */
export interface ClassifiedError {
  readonly code: ErrorCode;
  readonly transient: boolean;
  readonly message: string;
  /** The original error: `LKnnnn: message` for lakec diagnostics, else the error's name, code and message (with causes). */
  readonly original: string;
  /** The diagnostic to report for it (a lakec one, or one made for a foreign error). */
  readonly diagnostic: Diagnostic;
}

/** lakec diagnostic codes with a fixed classification. LK6201 (engine) and others are refined by the cause chain. */
const BY_DIAGNOSTIC: Readonly<Record<string, ErrorCode>> = {
  LK6105: 'SOURCE_UNAVAILABLE', LK6109: 'SOURCE_UNAVAILABLE',
  LK6101: 'SOURCE_CORRUPT', LK6102: 'SOURCE_CORRUPT', LK6103: 'SOURCE_CORRUPT', LK6106: 'SOURCE_CORRUPT', LK6107: 'SOURCE_CORRUPT', LK6108: 'SOURCE_CORRUPT',
  LK6104: 'DATA_INVALID',
  LK6201: 'ENGINE_ERROR',
  LK6301: 'VALIDATION_FAILED', LK6302: 'VALIDATION_FAILED',
  LK5004: 'MODEL_CHANGED',
  LK6405: 'LOCK_CONFLICT', LK6406: 'LOCK_CONFLICT',
  LK6407: 'CANCELLED',
  LK6408: 'TIMEOUT',
  LK6409: 'SCHEMA_DRIFT',
};

/** Node.js system error codes (errno names, https://nodejs.org/api/errors.html#common-system-errors). */
const BY_ERRNO: Readonly<Record<string, ErrorCode>> = {
  ENOENT: 'SOURCE_UNAVAILABLE', ECONNREFUSED: 'SOURCE_UNAVAILABLE', ECONNRESET: 'SOURCE_UNAVAILABLE', ETIMEDOUT: 'SOURCE_UNAVAILABLE', EHOSTUNREACH: 'SOURCE_UNAVAILABLE', ENOTFOUND: 'SOURCE_UNAVAILABLE',
  ENOSPC: 'DISK_FULL', EDQUOT: 'DISK_FULL',
  EACCES: 'PERMISSION_DENIED', EPERM: 'PERMISSION_DENIED', EROFS: 'PERMISSION_DENIED',
  EIO: 'IO_ERROR', EMFILE: 'IO_ERROR', ENFILE: 'IO_ERROR', EAGAIN: 'IO_ERROR', EBUSY: 'IO_ERROR',
};

/**
 * Engine messages that decide the code whatever wraps them. DuckDB prefixes its errors with the
 * exception type name (ExceptionType in DuckDB's src/common/exception.cpp): `Out of Memory Error`,
 * `INTERRUPT Error`, `IO Error: ... No space left on device`, `IO Error: Could not set lock on file`.
 */
const ENGINE_PATTERNS: readonly [RegExp, ErrorCode][] = [
  [/Out of Memory Error|failed to allocate|could not allocate/i, 'ENGINE_OUT_OF_MEMORY'],
  [/No space left on device/i, 'DISK_FULL'],
  [/Could not set lock on file/i, 'LOCK_CONFLICT'],
  [/INTERRUPT Error|Interrupted!/, 'CANCELLED'],
];

/**
 * Classifies `error`. Precedence: an engine message anywhere in the cause chain (out of memory, disk
 * full, lock, interrupt), then a missing source caused by EACCES/EPERM (PERMISSION_DENIED), then the
 * outermost lakec diagnostic code, then a Node errno code, then
 * `ENGINE_ERROR` for other engine errors and `INTERNAL` for everything else (a bug).
 */
export function classifyError(error: unknown): ClassifiedError {
  const chain = causeChain(error);
  const original = chain.map(describe).join(' <- ');
  const lakec = chain.find((e): e is LakecError => e instanceof LakecError);
  let code: ErrorCode | undefined;
  for (const e of chain) {
    const text = e instanceof Error ? e.message : String(e);
    code = ENGINE_PATTERNS.find(([re]) => re.test(text))?.[1];
    if (code) break;
  }
  // A source refused for want of permission (an object store's AccessDenied, which carries EACCES under
  // its LK6105) is permanent: retrying with the same credentials cannot help.
  if (!code && lakec?.diagnostic.code === 'LK6105' && chain.some((e) => errno(e) === 'EACCES' || errno(e) === 'EPERM')) code = 'PERMISSION_DENIED';
  code ??= lakec ? BY_DIAGNOSTIC[lakec.diagnostic.code] : undefined;
  code ??= chain.map((e) => BY_ERRNO[errno(e) ?? '']).find((c) => c !== undefined);
  code ??= chain.some(isEngineError) ? 'ENGINE_ERROR' : 'INTERNAL';
  const diagnostic: Diagnostic = lakec?.diagnostic ?? {
    code: code === 'INTERNAL' ? 'LK6404' : 'LK6201', severity: 'error', message: firstLine(error),
    ...(error instanceof InternalError || code === 'INTERNAL' ? { hint: 'this looks like a bug in lakec; please report it with the audit log' } : {}),
  };
  return { code, transient: ERROR_CODES[code].transient, message: diagnostic.message, original, diagnostic };
}

/** The error and its `cause`s, outermost first (at most 8, against cycles). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let e: unknown = error;
  while (e !== undefined && e !== null && chain.length < 8 && !chain.includes(e)) {
    chain.push(e);
    e = e instanceof Error ? e.cause : undefined;
  }
  return chain;
}

function errno(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** DuckDB's node client throws plain Errors whose message starts with `<Type> Error:`. */
function isEngineError(e: unknown): boolean {
  return e instanceof Error && /^[A-Za-z ]+ Error: /.test(e.message);
}

function describe(e: unknown): string {
  if (e instanceof LakecError) return `${e.diagnostic.code}: ${e.diagnostic.message}`;
  if (e instanceof Error) return `${e.name}${errno(e) ? ` ${errno(e)}` : ''}: ${e.message}`;
  return String(e);
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
