// sources/s3: lists the objects under a prefix, every page of them.
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { s3EndpointLabel } from './s3-client-from-env.js';
import { s3SourceError } from './s3-error.js';
import { s3Url } from './s3-location.js';

/** One listed object. */
export interface S3ObjectInfo {
  /** Full key, e.g. `data/2020/discogs_20200806_releases.xml.gz`. */
  readonly key: string;
  /** Bytes. */
  readonly size: number;
  /**
   * The ETag without its quotes: the MD5 hex of the bytes for single-part uploads, `<md5>-<parts>` for
   * multipart ones (so not a content hash in general; lakec hashes what it reads with sha256).
   */
  readonly etag: string;
  /** Last-Modified, ms since the epoch (the store's second resolution). */
  readonly lastModifiedMs: number;
}

/** Options of {@link listS3Objects}. */
export interface ListS3Options {
  /** Keys per ListObjectsV2 page (S3's MaxKeys, 1..1000; default 1000). Small values exercise paging in tests. */
  readonly pageSize?: number;
  /** Only the prefix's own objects, not those under deeper `/` levels (default true: like listing a folder). */
  readonly shallow?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Every object whose key starts with `prefix`, following continuation tokens (ListObjectsV2,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html), sorted by key in JS string
 * order (S3 returns UTF-8 binary order; the two agree for ASCII keys).
 * @throws LakecError LK6105 for a missing bucket, refused access or an unreachable endpoint (s3SourceError).
 */
export async function listS3Objects(client: S3Client, bucket: string, prefix: string, options: ListS3Options = {}): Promise<S3ObjectInfo[]> {
  const objects: S3ObjectInfo[] = [];
  let token: string | undefined;
  do {
    let page;
    try {
      page = await client.send(new ListObjectsV2Command({
        Bucket: bucket, Prefix: prefix, ...(options.shallow === false ? {} : { Delimiter: '/' }),
        ...(options.pageSize !== undefined ? { MaxKeys: options.pageSize } : {}), ...(token !== undefined ? { ContinuationToken: token } : {}),
      }), options.signal ? { abortSignal: options.signal } : {});
    } catch (e) {
      throw s3SourceError(e, { what: s3Url(bucket, prefix), bucket, endpoint: s3EndpointLabel(client) });
    }
    for (const o of page.Contents ?? []) {
      if (o.Key === undefined) continue;
      objects.push({ key: o.Key, size: o.Size ?? 0, etag: unquoteEtag(o.ETag), lastModifiedMs: o.LastModified?.getTime() ?? 0 });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** `"abc"` → `abc` (S3 sends ETags quoted; weak `W/` prefixes are kept off too). */
export function unquoteEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}
