// sources/s3: picks the object an ingest step reads, with the same rules as resolve-source-file.ts
// for folders: the last name (key after the prefix) matching the glob, in name order.
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { LakecError } from '../../../compiler/index.js';
import { globToRegExp } from '../resolve-source-file.js';
import { listS3Objects, unquoteEtag } from './list-s3-objects.js';
import { s3ClientFromEnv, s3EndpointLabel, type S3Env } from './s3-client-from-env.js';
import { s3SourceError } from './s3-error.js';
import { parseS3Location, s3Url } from './s3-location.js';

/** An object chosen for reading, with its identity for the run manifest. */
export interface S3ObjectRef {
  readonly bucket: string;
  readonly key: string;
  /** `s3://bucket/key`: the manifest's `file` and the name in messages. */
  readonly displayPath: string;
  /** Bytes. */
  readonly size: number;
  /** Unquoted ETag (see S3ObjectInfo.etag); reads send it as If-Match so a replaced object is not mixed in. */
  readonly etag: string;
  /** Last-Modified, ms since the epoch: the manifest's `mtimeMs`. */
  readonly lastModifiedMs: number;
}

/**
 * Options shared by the functions that talk to S3: a client to reuse (default: a new s3ClientFromEnv(env),
 * destroyed when the call is done) and an abort signal.
 */
export interface S3CallOptions {
  readonly client?: S3Client;
  readonly signal?: AbortSignal;
}

/**
 * Resolves an xml source on S3: lists `location` (`s3://bucket/prefix`, a folder: objects directly
 * under it) and picks the last name matching `pattern` (`*`, `?`; names ending `.part` never match) in
 * name order, so the newest Discogs dump wins.
 * @returns the object and every candidate name considered (sorted).
 * @throws LakecError LK6105 `no object matching "…" under "s3://…"` when nothing matches; LK6105 for a bad
 *   location, missing bucket, refused access, unreachable endpoint or missing env (s3ClientFromEnv).
 */
export async function resolveS3Object(location: string, pattern: string, env: S3Env, options: S3CallOptions = {}): Promise<S3ObjectRef & { candidates: string[] }> {
  const { bucket, prefix } = parseS3Location(location);
  const client = options.client ?? s3ClientFromEnv(env);
  let listed;
  try {
    listed = await listS3Objects(client, bucket, prefix, options.signal ? { signal: options.signal } : {});
  } finally {
    if (!options.client) client.destroy();
  }
  const re = globToRegExp(pattern);
  const matches = listed.filter((o) => { const name = o.key.slice(prefix.length); return re.test(name) && !name.endsWith('.part'); });
  const chosen = matches[matches.length - 1];
  if (!chosen) {
    throw new LakecError({ code: 'LK6105', severity: 'error', message: `no object matching "${pattern}" under "${s3Url(bucket, prefix)}"`,
      hint: `the prefix holds ${listed.length} objects; check the source location and pattern` });
  }
  return { bucket, key: chosen.key, displayPath: s3Url(bucket, chosen.key), size: chosen.size, etag: chosen.etag,
    lastModifiedMs: chosen.lastModifiedMs, candidates: matches.map((o) => o.key.slice(prefix.length)) };
}

/**
 * The object `<prefix><name>` of `location` (a csv/jsonl/parquet table's `from`, e.g. `album.csv`),
 * looked up with HeadObject.
 * @throws LakecError LK6105 `object "s3://…" not found`, and as resolveS3Object.
 */
export async function locateS3Object(location: string, name: string, env: S3Env, options: S3CallOptions = {}): Promise<S3ObjectRef> {
  const { bucket, prefix } = parseS3Location(location);
  const client = options.client ?? s3ClientFromEnv(env);
  try {
    return await headS3Object(client, bucket, prefix + name, options.signal);
  } finally {
    if (!options.client) client.destroy();
  }
}

/**
 * HeadObject of `bucket`/`key` as an S3ObjectRef.
 * @throws LakecError LK6105 when missing, refused or unreachable (s3SourceError).
 */
export async function headS3Object(client: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<S3ObjectRef> {
  const displayPath = s3Url(bucket, key);
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
    return { bucket, key, displayPath, size: head.ContentLength ?? 0, etag: unquoteEtag(head.ETag), lastModifiedMs: head.LastModified?.getTime() ?? 0 };
  } catch (e) {
    throw s3SourceError(e, { what: displayPath, bucket, endpoint: s3EndpointLabel(client) });
  }
}
