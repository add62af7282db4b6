// fetch/: `lakec fetch discogs`: downloads one month's Discogs dumps from the S3 bucket they are
// published in, idempotently, into a raw folder (the original system's download step).
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LakecError } from '../../compiler/index.js';
import { listS3Objects } from '../sources/s3/list-s3-objects.js';
import { s3EndpointLabel } from '../sources/s3/s3-client-from-env.js';
import { s3SourceError } from '../sources/s3/s3-error.js';
import { s3Url } from '../sources/s3/s3-location.js';
import { DISCOGS_DUMP_KINDS, discogsChecksumName, discogsDumpName, discogsYearPrefix, dumpDates, lastDumpDateOfMonth } from './discogs-dump-names.js';
import { fetchVerifiedFile, type FetchedFile } from './fetch-verified-file.js';
import { parseSha256Sums } from './parse-sha256sums.js';

/** Options of {@link fetchDiscogs}. */
export interface FetchDiscogsOptions {
  /** Client for the dumps' store (s3ClientFromEnv with allowAnonymous: the real bucket is public). */
  readonly client: S3Client;
  /** Bucket; DISCOGS_BUCKET for the real dumps. */
  readonly bucket: string;
  /** `YYYY-MM` (checked by the caller with isMonth). */
  readonly month: string;
  /** Absolute output folder; created when missing. */
  readonly out: string;
  readonly signal?: AbortSignal;
  /** Called before each dump is checked or downloaded. */
  readonly onFileStart?: (name: string, size: number) => void;
  /** Bytes of the current dump written so far (see downloadS3Object's onProgress). */
  readonly onProgress?: (name: string, bytes: number, size: number) => void;
  /** Called once each dump is in place. */
  readonly onFileDone?: (file: FetchedFile) => void;
}

/** What {@link fetchDiscogs} did. */
export interface FetchDiscogsReport {
  /** The dump date chosen, `YYYYMMDD`. */
  readonly date: string;
  /** `s3://bucket/data/YYYY/`. */
  readonly source: string;
  /** The four dumps in DISCOGS_DUMP_KINDS order. */
  readonly files: readonly FetchedFile[];
  /** The checksum file's name; it is written into `out` beside the dumps. */
  readonly checksumFile: string;
}

/**
 * Finds the month's last published dump (the newest `YYYYMMDD` of that month with a CHECKSUM file
 * under `data/YYYY/`), reads its checksum file, and makes `out` hold the four dumps with exactly the
 * published checksums (fetchVerifiedFile: complete files are skipped, others downloaded via `.part` and
 * verified; one at a time). The checksum file itself is written last, so `out` can be checked with
 * `sha256sum -c`.
 * @throws LakecError LK6105 when the month has no published dump (the hint names the newest dates
 *   there are), a dump named in the checksum file is not in the bucket, or S3 fails; LK6102 on a
 *   checksum mismatch (fetchVerifiedFile).
 */
export async function fetchDiscogs(options: FetchDiscogsOptions): Promise<FetchDiscogsReport> {
  const { client, bucket, month } = options;
  const prefix = discogsYearPrefix(month.slice(0, 4));
  const listed = await listS3Objects(client, bucket, prefix, options.signal ? { signal: options.signal } : {});
  const byName = new Map(listed.map((o) => [o.key.slice(prefix.length), o]));
  const date = lastDumpDateOfMonth([...byName.keys()], month);
  if (date === undefined) {
    const known = dumpDates([...byName.keys()]);
    throw new LakecError({ code: 'LK6105', severity: 'error', message: `no Discogs dump published in ${month} under "${s3Url(bucket, prefix)}"`,
      hint: known.length ? `dump dates that year: ${known.slice(-6).join(', ')}` : `the prefix holds no dump (checked ${s3EndpointLabel(client)})` });
  }
  const checksumName = discogsChecksumName(date);
  const checksumText = await readSmallObject(client, bucket, prefix + checksumName, options.signal);
  const sums = parseSha256Sums(checksumText, s3Url(bucket, prefix + checksumName));
  await mkdir(options.out, { recursive: true });
  const files: FetchedFile[] = [];
  for (const kind of DISCOGS_DUMP_KINDS) {
    const name = discogsDumpName(date, kind);
    const object = byName.get(name);
    const sha256 = sums.get(name);
    if (object === undefined || sha256 === undefined) throw missingDump(bucket, prefix, name, object === undefined ? 'bucket' : checksumName);
    options.signal?.throwIfAborted();
    options.onFileStart?.(name, object.size);
    const file = await fetchVerifiedFile({
      client, bucket, object, dest: join(options.out, name), sha256, ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: (bytes: number) => options.onProgress!(name, bytes, object.size) } : {}),
    });
    files.push(file);
    options.onFileDone?.(file);
  }
  await writeIfChanged(join(options.out, checksumName), checksumText);
  return { date, source: s3Url(bucket, prefix), files, checksumFile: checksumName };
}

function missingDump(bucket: string, prefix: string, name: string, where: string): LakecError {
  return new LakecError({ code: 'LK6105', severity: 'error', message: `dump "${name}" is missing from ${where === 'bucket' ? `"${s3Url(bucket, prefix)}"` : `checksum file "${where}"`}`,
    hint: 'the dump may still be uploading; try again later or fetch the previous month' });
}

/** The text of a small object (a checksum file), read whole. */
async function readSmallObject(client: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<string> {
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
    return (await res.Body?.transformToString('utf8')) ?? '';
  } catch (e) {
    throw s3SourceError(e, { what: s3Url(bucket, key), bucket, endpoint: s3EndpointLabel(client) });
  }
}

/** Writes `text` to `file` via a `.part` and a rename, unless the file already holds exactly it. */
async function writeIfChanged(file: string, text: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === text) return;
  await writeFile(`${file}.part`, text);
  await rename(`${file}.part`, file);
}
