// sources/s3: copies one object to a local file, streaming, hashing as it writes; the file appears
// only complete (written as `<dest>.part`, then renamed).
import type { S3Client } from '@aws-sdk/client-s3';
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LakecError } from '../../../compiler/index.js';
import { getObjectStream } from './open-s3-object.js';
import type { S3CallOptions } from './resolve-s3-object.js';
import { s3ClientFromEnv, s3EndpointLabel, type S3Env } from './s3-client-from-env.js';
import { isS3NetworkError, s3SourceError } from './s3-error.js';

/** The object to copy: address, expected size (bytes) and, optionally, the ETag to insist on. */
export interface S3DownloadSource {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly etag?: string;
}

/** Options of {@link downloadS3Object}. */
export interface DownloadS3Options extends S3CallOptions {
  /**
   * Continue a `<dest>.part` left by an interrupted download (a Range request from its length, with
   * If-Match on the ETag; the part's bytes are hashed first). Default false: any `.part` is replaced.
   */
  readonly resume?: boolean;
  /**
   * Lowercase hex sha256 the object must have (e.g. from a published checksum file): checked before the
   * rename, so a mismatching download never appears as `dest`. A resumed download that mismatches is
   * fetched once more whole before failing.
   */
  readonly expectSha256?: string;
  /** Called at most every ~250 ms and at the end with the bytes of `dest` so far (including resumed ones). */
  readonly onProgress?: (bytes: number) => void;
}

/** What {@link downloadS3Object} wrote. */
export interface S3Download {
  /** `dest`, now complete. */
  readonly file: string;
  /** Bytes. */
  readonly size: number;
  /** Lowercase hex sha256 of the whole file, computed while writing (and over the resumed part). */
  readonly sha256: string;
  /** Bytes taken over from an existing `.part` (0 when downloaded whole). */
  readonly resumedBytes: number;
}

const PROGRESS_MS = 250;

/**
 * Streams `object` into `dest` via `<dest>.part` and an atomic rename. For csv/jsonl/parquet sources the
 * executor hands this local copy to DuckDB.
 * @throws LakecError LK6105 on S3 failures (s3SourceError) and when the bytes received differ in number
 *   from `object.size`; LK6102 when `expectSha256` does not match (nothing kept); Node file errors (ENOSPC, EACCES) as they are; `signal.reason` when aborted. The
 *   `.part` is removed on failure, except with `resume` after an abort, a network error or a short body.
 */
export async function downloadS3Object(object: S3DownloadSource, dest: string, env: S3Env, options: DownloadS3Options = {}): Promise<S3Download> {
  const client = options.client ?? s3ClientFromEnv(env);
  try {
    return await downloadWith(client, object, dest, options);
  } finally {
    if (!options.client) client.destroy();
  }
}

async function downloadWith(client: S3Client, object: S3DownloadSource, dest: string, options: DownloadS3Options): Promise<S3Download> {
  const part = `${dest}.part`;
  const first = await downloadPart(client, object, part, options.resume === true, options);
  let done = first;
  if (options.expectSha256 !== undefined && first.sha256 !== options.expectSha256 && first.resumedBytes > 0) {
    // The part may be of an older version of the object: start over once.
    await rm(part, { force: true });
    done = await downloadPart(client, object, part, false, options);
  }
  if (options.expectSha256 !== undefined && done.sha256 !== options.expectSha256) {
    await rm(part, { force: true });
    throw new LakecError({ code: 'LK6102', severity: 'error',
      message: `checksum mismatch for "s3://${object.bucket}/${object.key}": expected sha256 ${options.expectSha256}, got ${done.sha256}`,
      hint: 'nothing was kept; try again later, and report the file upstream if it persists' });
  }
  await rename(part, dest);
  return { file: dest, ...done };
}

/** Writes the whole object to `part` (continuing it when `resume`), checking the length. */
async function downloadPart(client: S3Client, object: S3DownloadSource, part: string, resume: boolean,
  options: DownloadS3Options): Promise<{ size: number; sha256: string; resumedBytes: number }> {
  const hash = createHash('sha256');
  const resumedBytes = resume ? await hashExistingPart(part, object.size, hash) : 0;
  if (resumedBytes === 0) await rm(part, { force: true });
  let written: number;
  try {
    written = await copyBody(client, object, part, hash, resumedBytes, options);
  } catch (e) {
    // A resumable part survives aborts and network failures; anything else (e.g. the object changed) starts over.
    if (!resume || !(options.signal?.aborted || isS3NetworkError(e))) await rm(part, { force: true });
    throw e;
  }
  if (written !== object.size) {
    if (!resume || written > object.size) await rm(part, { force: true });
    throw new LakecError({ code: 'LK6105', severity: 'error',
      message: `download of "s3://${object.bucket}/${object.key}" is incomplete: ${written} of ${object.size} bytes`, hint: 'run again' });
  }
  return { size: written, sha256: hash.digest('hex'), resumedBytes };
}

/** Appends the object's bytes from `start` to `part`; returns the part's length afterwards. */
async function copyBody(client: S3Client, object: S3DownloadSource, part: string, hash: Hash, start: number, options: DownloadS3Options): Promise<number> {
  const body = await getObjectStream(client, object, { start, ...(options.signal ? { signal: options.signal } : {}) });
  let bytes = start;
  let last = 0;
  const counting = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      const now = Date.now();
      if (options.onProgress && now - last >= PROGRESS_MS) {
        last = now;
        options.onProgress(bytes);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, counting, createWriteStream(part, { flags: start > 0 ? 'a' : 'w' }), options.signal ? { signal: options.signal } : {});
  } catch (e) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw s3SourceError(e, { what: `s3://${object.bucket}/${object.key}`, bucket: object.bucket, endpoint: s3EndpointLabel(client) });
  }
  options.onProgress?.(bytes);
  return bytes;
}

/** Hashes an existing `.part` shorter than `size` into `hash`; returns its length (0: none or unusable). */
async function hashExistingPart(part: string, size: number, hash: Hash): Promise<number> {
  const st = await stat(part).catch(() => undefined);
  if (!st?.isFile() || st.size === 0 || st.size >= size) return 0;
  for await (const chunk of createReadStream(part, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return st.size;
}
