// sources/s3: builds the S3 client from the standard AWS environment variables. Endpoint and
// credentials never come from the spec or the plan, so neither can leak into plan.json or a manifest.
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { LakecError } from '../../../compiler/index.js';

/** Environment variables, e.g. `process.env` or the CLI's `io.env`. */
export type S3Env = Readonly<Record<string, string | undefined>>;

/** Options of {@link s3ClientFromEnv}. */
export interface S3ClientOptions {
  /** Endpoint URL overriding AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL (e.g. `lakec fetch --base-url`). */
  readonly endpoint?: string;
  /** Region when neither AWS_REGION nor AWS_DEFAULT_REGION is set; without it a missing region is an error. */
  readonly defaultRegion?: string;
  /** Send unsigned requests when no credentials are set (public buckets), instead of failing. */
  readonly allowAnonymous?: boolean;
}

const labels = new WeakMap<S3Client, string>();

/**
 * Makes an S3 client from `env`:
 * - endpoint: `options.endpoint`, else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL, else AWS itself;
 * - region: AWS_REGION, else AWS_DEFAULT_REGION, else `options.defaultRegion`;
 * - credentials: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN); profiles, SSO and
 *   instance roles are deliberately not consulted, so what lakec reads is what the environment says;
 * - path-style addressing (`http://host/bucket/key`): AWS_S3_FORCE_PATH_STYLE=true|false (a lakec
 *   extra), defaulting to true when a custom endpoint is set (local servers have no bucket subdomains);
 * - checksums: AWS_REQUEST_CHECKSUM_CALCULATION / AWS_RESPONSE_CHECKSUM_VALIDATION, default
 *   `WHEN_REQUIRED` (lakec hashes what it reads itself, and S3-compatible servers often reject the
 *   SDK's default CRC trailers).
 * Side effect: sets AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true in `process.env` unless it is
 * set, so the SDK's notice about its future Node 22 requirement does not land in lakec's output.
 * @throws LakecError LK6105 when no region or (without `allowAnonymous`) no credentials are set; the
 *   message names the variables, never their values.
 */
export function s3ClientFromEnv(env: S3Env, options: S3ClientOptions = {}): S3Client {
  const endpoint = nonEmpty(options.endpoint) ?? nonEmpty(env['AWS_ENDPOINT_URL_S3']) ?? nonEmpty(env['AWS_ENDPOINT_URL']);
  const region = nonEmpty(env['AWS_REGION']) ?? nonEmpty(env['AWS_DEFAULT_REGION']) ?? options.defaultRegion;
  if (region === undefined) {
    throw new LakecError({ code: 'LK6105', severity: 'error', message: 'no AWS region is set for the S3 source',
      hint: 'set AWS_REGION (any region, e.g. us-east-1, for a local S3-compatible server)' });
  }
  const keyId = nonEmpty(env['AWS_ACCESS_KEY_ID']);
  const secret = nonEmpty(env['AWS_SECRET_ACCESS_KEY']);
  if ((keyId === undefined || secret === undefined) && !options.allowAnonymous) {
    throw new LakecError({ code: 'LK6105', severity: 'error', message: 'no AWS credentials are set for the S3 source',
      hint: 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials)' });
  }
  const pathStyle = env['AWS_S3_FORCE_PATH_STYLE']?.toLowerCase();
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const token = nonEmpty(env['AWS_SESSION_TOKEN']);
  const config: S3ClientConfig = {
    region,
    ...(endpoint !== undefined ? { endpoint } : {}),
    forcePathStyle: pathStyle === undefined || pathStyle === '' ? endpoint !== undefined : pathStyle === 'true' || pathStyle === '1',
    requestChecksumCalculation: env['AWS_REQUEST_CHECKSUM_CALCULATION'] === 'WHEN_SUPPORTED' ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED',
    responseChecksumValidation: env['AWS_RESPONSE_CHECKSUM_VALIDATION'] === 'WHEN_SUPPORTED' ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED',
    followRegionRedirects: true,
    ...(keyId !== undefined && secret !== undefined
      ? { credentials: { accessKeyId: keyId, secretAccessKey: secret, ...(token !== undefined ? { sessionToken: token } : {}) } }
      // Anonymous: requests go out unsigned, as for `aws s3 --no-sign-request`.
      : { credentials: { accessKeyId: '', secretAccessKey: '' }, signer: { sign: async (request) => request } }),
  };
  const client = new S3Client(config);
  labels.set(client, endpoint !== undefined ? redactUrl(endpoint) : `AWS S3 (${region})`);
  return client;
}

/** How messages name the client's endpoint: its URL without user info, query or fragment, or `AWS S3 (region)`. */
export function s3EndpointLabel(client: S3Client): string {
  return labels.get(client) ?? 'the S3 endpoint';
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'the configured S3 endpoint';
  }
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}
