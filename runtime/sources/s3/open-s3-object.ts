// sources/s3: streams one object's bytes (GetObject).
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { InternalError } from '../../../compiler/index.js';
import { s3ClientFromEnv, s3EndpointLabel, type S3Env } from './s3-client-from-env.js';
import { s3SourceError } from './s3-error.js';
import type { S3CallOptions } from './resolve-s3-object.js';

/** The object to read: at least bucket and key; an `etag` makes the read conditional (If-Match). */
export interface S3ObjectAddress {
  readonly bucket: string;
  readonly key: string;
  readonly etag?: string;
}

/** Options of {@link openS3Object}. */
export interface OpenS3Options extends S3CallOptions {
  /** First byte to read (an HTTP Range `bytes=<start>-`); default 0, the whole object. */
  readonly start?: number;
}

/**
 * Opens `object` as a Node Readable of its bytes (the GetObject body: an http.IncomingMessage, not
 * buffered). With `object.etag` the request carries If-Match, so an object replaced since it was
 * resolved fails instead of mixing versions. Destroying the stream aborts the request; so does `signal`.
 * @throws LakecError LK6105 when the object or bucket is missing, access is refused, the object changed
 *   (412) or the endpoint is unreachable (s3SourceError). Errors while streaming come from the Readable
 *   (Node network errors such as ECONNRESET).
 */
export async function openS3Object(object: S3ObjectAddress, env: S3Env, options: OpenS3Options = {}): Promise<Readable> {
  const client = options.client ?? s3ClientFromEnv(env);
  return getObjectStream(client, object, options);
}

/** openS3Object with a given client. */
export async function getObjectStream(client: S3Client, object: S3ObjectAddress, options: { start?: number; signal?: AbortSignal } = {}): Promise<Readable> {
  const what = `s3://${object.bucket}/${object.key}`;
  try {
    const res = await client.send(new GetObjectCommand({
      Bucket: object.bucket, Key: object.key,
      ...(object.etag ? { IfMatch: `"${object.etag}"` } : {}),
      ...(options.start ? { Range: `bytes=${options.start}-` } : {}),
    }), options.signal ? { abortSignal: options.signal } : {});
    const body = res.Body;
    if (!(body instanceof Readable)) throw new InternalError(`GetObject for ${what} returned no Node stream`);
    return body;
  } catch (e) {
    throw s3SourceError(e, { what, bucket: object.bucket, endpoint: s3EndpointLabel(client) });
  }
}
