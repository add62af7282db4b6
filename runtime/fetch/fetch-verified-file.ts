// fetch/: makes one local file equal to an object with a known sha256: keeps it when it already is,
// otherwise downloads (resuming a `.part`) and verifies before it replaces anything.
import type { S3Client } from '@aws-sdk/client-s3';
import { stat } from 'node:fs/promises';
import { fileChecksum } from '../lake/file-checksum.js';
import { downloadS3Object } from '../sources/s3/download-s3-object.js';
import type { S3ObjectInfo } from '../sources/s3/list-s3-objects.js';

/** What happened to one file. */
export type FetchStatus =
  /** Already there with the published checksum; not downloaded. */
  | 'skipped'
  /** Not there (or only a `.part` of it was): downloaded. */
  | 'downloaded'
  /** There, but with the wrong size or checksum: downloaded again and replaced. */
  | 'replaced';

/** One fetched file. */
export interface FetchedFile {
  /** File name in the output folder. */
  readonly name: string;
  readonly status: FetchStatus;
  /** Bytes of the file. */
  readonly size: number;
  /** Lowercase hex sha256 (verified against the published one). */
  readonly sha256: string;
  /** Bytes taken over from an interrupted `.part` (0 otherwise). */
  readonly resumedBytes: number;
  /** Bytes transferred from the store now (0 when skipped). */
  readonly transferredBytes: number;
}

/** Options of {@link fetchVerifiedFile}. */
export interface FetchVerifiedOptions {
  readonly client: S3Client;
  readonly bucket: string;
  readonly object: S3ObjectInfo;
  /** Absolute destination path. */
  readonly dest: string;
  /** The published lowercase hex sha256. */
  readonly sha256: string;
  readonly signal?: AbortSignal;
  /** Bytes of `dest` so far while downloading. */
  readonly onProgress?: (bytes: number) => void;
}

/**
 * Ensures `dest` holds `object` with checksum `sha256`. An existing file of the right size is hashed
 * (one full read) and kept when it matches; otherwise the object is downloaded to `<dest>.part`
 * (resuming one left by an interrupted run), verified, and renamed over `dest`.
 * @throws LakecError LK6102 on a checksum mismatch (no `.part` left, an existing `dest` untouched),
 *   LK6105 on S3 failures (downloadS3Object).
 */
export async function fetchVerifiedFile(options: FetchVerifiedOptions): Promise<FetchedFile> {
  const { object, dest } = options;
  const name = object.key.slice(object.key.lastIndexOf('/') + 1);
  const existing = await stat(dest).catch(() => undefined);
  if (existing?.isFile() && existing.size === object.size) {
    const local = await fileChecksum(dest);
    if (local.sha256 === options.sha256) return { name, status: 'skipped', size: local.size, sha256: local.sha256, resumedBytes: 0, transferredBytes: 0 };
  }
  const got = await downloadS3Object({ bucket: options.bucket, key: object.key, size: object.size, etag: object.etag }, dest, {}, {
    client: options.client, resume: true, expectSha256: options.sha256,
    ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { name, status: existing ? 'replaced' : 'downloaded', size: got.size, sha256: got.sha256, resumedBytes: got.resumedBytes,
    transferredBytes: got.size - got.resumedBytes };
}
