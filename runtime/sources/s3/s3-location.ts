// sources/s3: the `s3://bucket/prefix` form of a source location. Pure: no I/O.
import { LakecError } from '../../../compiler/index.js';

/** A parsed `s3://` location. */
export interface S3Location {
  /** Bucket name, as written (S3 rules: 3..63 characters; not checked here beyond "not empty"). */
  readonly bucket: string;
  /**
   * Key prefix that plays the part of a folder: `''` (the bucket's top level) or ending in `/`, e.g.
   * `data/2020/`. Object names are the keys with this prefix removed.
   */
  readonly prefix: string;
}

/** True when `location` is an object-store location (`s3://…`) rather than a folder. */
export function isS3Location(location: string): boolean {
  return location.startsWith('s3://');
}

/**
 * Parses `s3://bucket[/prefix[/]]`. The prefix is a folder: a trailing `/` is added when missing, and
 * repeated or leading slashes are dropped (`s3://b//data/` → prefix `data/`).
 * @example parseS3Location('s3://discogs-data-dumps/data/2020') // { bucket: 'discogs-data-dumps', prefix: 'data/2020/' }
 * @throws LakecError LK6105 when `location` is not `s3://` followed by a bucket name.
 */
export function parseS3Location(location: string): S3Location {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(location);
  if (!m) {
    throw new LakecError({ code: 'LK6105', severity: 'error', message: `"${location}" is not an S3 location`, hint: 'write s3://BUCKET/PREFIX' });
  }
  const parts = (m[2] ?? '').split('/').filter((p) => p !== '');
  return { bucket: m[1]!, prefix: parts.length ? `${parts.join('/')}/` : '' };
}

/** `s3://bucket/key`, how lakec names an object in messages and in the run manifest. */
export function s3Url(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
