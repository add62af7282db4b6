// sources/s3: an xml source on S3: resolve the newest matching object, stream it through ingestXml.
import type { S3Client } from '@aws-sdk/client-s3';
import { ingestXml, type IngestXmlOptions, type IngestXmlResult } from '../../ingest/xml/ingest-xml.js';
import { getObjectStream } from './open-s3-object.js';
import { resolveS3Object, type S3ObjectRef } from './resolve-s3-object.js';
import { s3ClientFromEnv, type S3Env } from './s3-client-from-env.js';

/** ingestXml's options without the input, plus where on S3 the dump is. */
export type IngestXmlFromS3Options = Omit<IngestXmlOptions, 'file' | 'open' | 'displayPath'> & {
  /** `s3://bucket/prefix` (the source's `location`). */
  readonly location: string;
  /** File-name glob (the source's `pattern`), e.g. `discogs_*_releases.xml*`. */
  readonly pattern: string;
  /** AWS_* variables (see s3ClientFromEnv). */
  readonly env: S3Env;
  /** Client to reuse; default s3ClientFromEnv(env). */
  readonly client?: S3Client;
};

/** ingestXml's result plus the object read. `result.sha256`/`compressedBytes` are of the object's bytes. */
export interface IngestXmlFromS3Result extends IngestXmlResult {
  readonly object: S3ObjectRef;
}

/**
 * Resolves `location`/`pattern` (resolveS3Object: last matching name) and streams that object through
 * ingestXml with `open` (a GetObject with If-Match on the listed ETag, so a replaced object fails rather
 * than mixing versions). Diagnostics name the object `s3://bucket/key`.
 *
 * For the run manifest: `{ file: object.displayPath, size: object.size, mtimeMs: object.lastModifiedMs,
 * sha256: result.sha256 }` (plus `etag: object.etag`); `result.compressedBytes === object.size` holds
 * for a complete read.
 * @throws as resolveS3Object (LK6105) and ingestXml (LK61xx); LK6105 when the object changed meanwhile;
 *   `signal.reason` when aborted.
 */
export async function ingestXmlFromS3(options: IngestXmlFromS3Options): Promise<IngestXmlFromS3Result> {
  const { location, pattern, env, client: given, ...rest } = options;
  const client = given ?? s3ClientFromEnv(env);
  let object: S3ObjectRef & { candidates: string[] };
  let result: IngestXmlResult;
  try {
    object = await resolveS3Object(location, pattern, env, { client, ...(rest.signal ? { signal: rest.signal } : {}) });
    result = await ingestXml({
      ...rest,
      displayPath: object.displayPath,
      open: () => getObjectStream(client, object, rest.signal ? { signal: rest.signal } : {}),
    });
  } catch (e) {
    // The SDK may fail the body with its own AbortError first; the contract is `signal.reason`.
    if (rest.signal?.aborted) throw rest.signal.reason;
    throw e;
  } finally {
    if (!given) client.destroy();
  }
  const { candidates: _candidates, ...ref } = object;
  return { ...result, object: ref };
}
