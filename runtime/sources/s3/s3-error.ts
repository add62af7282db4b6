// sources/s3: turns what the AWS SDK (or the network under it) throws into lakec diagnostics.
import { LakecError } from '../../../compiler/index.js';

/** What was being done when the error happened, for the message. */
export interface S3ErrorContext {
  /** `s3://bucket/key` or `s3://bucket/prefix`. */
  readonly what: string;
  readonly bucket: string;
  /** The endpoint as s3EndpointLabel names it (no credentials in it). */
  readonly endpoint: string;
}

/**
 * A refusal by the object store (HTTP 403). It carries `code: 'EACCES'` so classifiers that read errno
 * codes in the cause chain (runtime/control/classify-error.ts) can tell it from an unreachable source.
 */
export class S3AccessDeniedError extends Error {
  readonly code = 'EACCES';
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'S3AccessDeniedError';
  }
}

const NOT_FOUND = new Set(['NoSuchKey', 'NotFound']);
const DENIED = new Set(['AccessDenied', 'Forbidden', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AllAccessDisabled', 'InvalidToken', 'ExpiredToken']);
const NETWORK = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|ECONNABORTED)$/;

/**
 * Maps an S3 failure to a LakecError LK6105 (source unavailable), keeping `e` as the cause:
 * - `NoSuchBucket` → `bucket "b" not found at <endpoint>`; `NoSuchKey`/404 → `object "s3://…" not found`;
 * - If-Match failures (412) → `object "s3://…" changed while it was being read`;
 * - 403 and credential errors → `access to "s3://…" denied (<code>)`, cause S3AccessDeniedError (EACCES);
 * - network errors (ECONNREFUSED, ENOTFOUND, timeouts, …) → `cannot reach the S3 endpoint <endpoint>`;
 * - any other service error → `S3 request for "s3://…" failed: <code> (HTTP <status>)`.
 * LakecErrors and aborts (`AbortError`) are returned unchanged. Never includes credentials.
 */
export function s3SourceError(e: unknown, ctx: S3ErrorContext): unknown {
  if (e instanceof LakecError) return e;
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'AbortError') return e;
  const status = (e as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const code = typeof name === 'string' ? name : 'Error';
  const fail = (message: string, hint?: string, cause: unknown = e): LakecError =>
    new LakecError({ code: 'LK6105', severity: 'error', message, ...(hint !== undefined ? { hint } : {}) }, { cause });
  const net = networkCode(e);
  if (net !== undefined) {
    return fail(`cannot reach the S3 endpoint ${ctx.endpoint} (${net})`, 'check AWS_ENDPOINT_URL and that the server is running');
  }
  if (code === 'NoSuchBucket') return fail(`bucket "${ctx.bucket}" not found at ${ctx.endpoint}`, 'check the bucket name in the source location');
  if (NOT_FOUND.has(code) || (status === 404 && code !== 'NoSuchBucket')) return fail(`object "${ctx.what}" not found`, 'check the source location and pattern');
  if (code === 'PreconditionFailed' || status === 412) {
    return fail(`object "${ctx.what}" changed while it was being read`, 'run again to read the new version');
  }
  if (DENIED.has(code) || status === 403) {
    return fail(`access to "${ctx.what}" denied (${code})`, 'check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the bucket policy',
      new S3AccessDeniedError(`S3 refused access to ${ctx.what} (${code})`, { cause: e }));
  }
  if (status !== undefined) return fail(`S3 request for "${ctx.what}" failed: ${code} (HTTP ${status})`);
  return e;
}

/** True when `e` (or a cause) is a network failure (ECONNRESET, ETIMEDOUT, …): worth resuming or retrying. */
export function isS3NetworkError(e: unknown): boolean {
  return networkCode(e) !== undefined;
}

/** The errno-style code of a network failure anywhere in `e` (its own, its cause's, or an AggregateError's). */
function networkCode(e: unknown, depth = 0): string | undefined {
  if (e === null || typeof e !== 'object' || depth > 4) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK.test(code)) return code;
  if (e instanceof AggregateError) {
    for (const inner of e.errors) {
      const c = networkCode(inner, depth + 1);
      if (c !== undefined) return c;
    }
  }
  return networkCode((e as { cause?: unknown }).cause, depth + 1);
}
