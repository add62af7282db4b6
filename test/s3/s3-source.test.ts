// The S3 source layer against a real S3-protocol server (s3rver): locations, client env, paged
// listing, resolve (newest matching name), HEAD, streaming, download (resume, checksum), and the
// errors each failure becomes.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakecError } from '../../compiler/index.js';
import { downloadS3Object } from '../../runtime/sources/s3/download-s3-object.js';
import { listS3Objects } from '../../runtime/sources/s3/list-s3-objects.js';
import { openS3Object } from '../../runtime/sources/s3/open-s3-object.js';
import { locateS3Object, resolveS3Object } from '../../runtime/sources/s3/resolve-s3-object.js';
import { s3ClientFromEnv } from '../../runtime/sources/s3/s3-client-from-env.js';
import { parseS3Location } from '../../runtime/sources/s3/s3-location.js';
import { DISCOGS_SAMPLES } from '../support/paths.js';
import { startS3Server, type S3TestServer } from '../support/s3-server.js';

const BUCKET = 'lakec-dumps';
const RELEASES = 'discogs_20200806_releases.xml.gz';
const releases = readFileSync(join(DISCOGS_SAMPLES, RELEASES));
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

let s3: S3TestServer;
let dir: string;

beforeAll(async () => {
  s3 = await startS3Server();
  dir = mkdtempSync(join(tmpdir(), 'lakec-s3-test-'));
  await s3.createBucket(BUCKET);
  await s3.put(BUCKET, `dumps/${RELEASES}`, releases);
  await s3.put(BUCKET, 'dumps/discogs_20200701_releases.xml.gz', 'older');
  await s3.put(BUCKET, 'dumps/discogs_20200901_releases.xml.gz.part', 'partial upload');
  await s3.put(BUCKET, 'dumps/discogs_20200806_artists.xml.gz', 'artists');
  await s3.put(BUCKET, 'dumps/nested/discogs_20991231_releases.xml.gz', 'deeper level, not a candidate');
  await s3.put(BUCKET, 'tables/album.csv', 'id,title\n1,A\n');
  for (let i = 0; i < 23; i++) await s3.put(BUCKET, `many/k${String(i).padStart(3, '0')}`, String(i));
});
afterAll(async () => {
  await s3?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function lakecErrorOf(p: Promise<unknown>): Promise<LakecError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(LakecError);
  return e as LakecError;
}

describe('parseS3Location', () => {
  it.each([
    ['s3://b', { bucket: 'b', prefix: '' }],
    ['s3://b/', { bucket: 'b', prefix: '' }],
    ['s3://discogs-data-dumps/data/2020', { bucket: 'discogs-data-dumps', prefix: 'data/2020/' }],
    ['s3://b//data//2020/', { bucket: 'b', prefix: 'data/2020/' }],
  ])('%s', (location, expected) => expect(parseS3Location(location)).toEqual(expected));

  it('rejects what is not s3://bucket', () => {
    expect(() => parseS3Location('s3:///x')).toThrow(/is not an S3 location/);
    expect(() => parseS3Location('/data/dumps')).toThrow(LakecError);
  });
});

describe('s3ClientFromEnv', () => {
  it('needs a region and credentials, and names the variables, not their values', () => {
    const e1 = (() => { try { s3ClientFromEnv({ AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 'TOPSECRET' }); } catch (e) { return e; } })() as LakecError;
    expect(e1.diagnostic).toMatchObject({ code: 'LK6105', message: 'no AWS region is set for the S3 source' });
    const e2 = (() => { try { s3ClientFromEnv({ AWS_REGION: 'us-east-1', AWS_SECRET_ACCESS_KEY: 'TOPSECRET' }); } catch (e) { return e; } })() as LakecError;
    expect(e2.diagnostic.code).toBe('LK6105');
    expect(e2.diagnostic.message).toBe('no AWS credentials are set for the S3 source');
    expect(JSON.stringify(e2.diagnostic)).not.toContain('TOPSECRET');
    expect(() => s3ClientFromEnv({ AWS_REGION: 'us-east-1' }, { allowAnonymous: true })).not.toThrow();
    expect(() => s3ClientFromEnv({ AWS_DEFAULT_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' })).not.toThrow();
  });
});

describe('listing', () => {
  it('follows continuation tokens over many pages, in key order', async () => {
    const client = s3ClientFromEnv(s3.env);
    const paged = await listS3Objects(client, BUCKET, 'many/', { pageSize: 5 });
    expect(paged.map((o) => o.key)).toEqual(Array.from({ length: 23 }, (_, i) => `many/k${String(i).padStart(3, '0')}`));
    expect(paged[7]).toMatchObject({ size: 1, etag: md5(Buffer.from('7')) });
    expect(await listS3Objects(client, BUCKET, 'many/')).toEqual(paged);
  });

  it('lists a prefix like a folder: deeper levels only when shallow is false', async () => {
    const client = s3ClientFromEnv(s3.env);
    const shallow = (await listS3Objects(client, BUCKET, 'dumps/')).map((o) => o.key);
    expect(shallow).not.toContain('dumps/nested/discogs_20991231_releases.xml.gz');
    const deep = (await listS3Objects(client, BUCKET, 'dumps/', { shallow: false })).map((o) => o.key);
    expect(deep).toContain('dumps/nested/discogs_20991231_releases.xml.gz');
  });
});

describe('resolveS3Object', () => {
  it('picks the newest matching name, ignoring .part and deeper keys, with ETag, size and time', async () => {
    const before = Date.now();
    const ref = await resolveS3Object(`s3://${BUCKET}/dumps`, 'discogs_*_releases.xml*', s3.env);
    expect(ref).toMatchObject({
      bucket: BUCKET, key: `dumps/${RELEASES}`, displayPath: `s3://${BUCKET}/dumps/${RELEASES}`, size: releases.length, etag: md5(releases),
      candidates: ['discogs_20200701_releases.xml.gz', RELEASES],
    });
    expect(ref.lastModifiedMs).toBeGreaterThan(before - 120_000);
  });

  it('reports a pattern that matches nothing as LK6105', async () => {
    const e = await lakecErrorOf(resolveS3Object(`s3://${BUCKET}/dumps/`, 'discogs_*_labels.xml*', s3.env));
    expect(e.diagnostic).toMatchObject({ code: 'LK6105', message: `no object matching "discogs_*_labels.xml*" under "s3://${BUCKET}/dumps/"` });
  });

  it('reports a missing bucket, refused credentials and an unreachable endpoint as LK6105', async () => {
    const noBucket = await lakecErrorOf(resolveS3Object('s3://no-such-bucket/x', '*', s3.env));
    expect(noBucket.diagnostic.message).toBe(`bucket "no-such-bucket" not found at ${s3.endpoint}`);
    const denied = await lakecErrorOf(resolveS3Object(`s3://${BUCKET}/dumps`, '*', { ...s3.env, AWS_ACCESS_KEY_ID: 'WRONG', AWS_SECRET_ACCESS_KEY: 'TOPSECRET' }));
    expect(denied.diagnostic.message).toBe(`access to "s3://${BUCKET}/dumps/" denied (InvalidAccessKeyId)`);
    expect((denied.cause as { code?: string }).code).toBe('EACCES');
    expect(JSON.stringify(denied.diagnostic)).not.toContain('TOPSECRET');
    const closed = await lakecErrorOf(resolveS3Object(`s3://${BUCKET}/dumps`, '*', { ...s3.env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }));
    expect(closed.diagnostic.message).toBe('cannot reach the S3 endpoint http://127.0.0.1:9 (ECONNREFUSED)');
  });

  it('locates a table object by name with HEAD, LK6105 when missing', async () => {
    const ref = await locateS3Object(`s3://${BUCKET}/tables`, 'album.csv', s3.env);
    expect(ref).toMatchObject({ key: 'tables/album.csv', size: 13, etag: md5(Buffer.from('id,title\n1,A\n')) });
    const e = await lakecErrorOf(locateS3Object(`s3://${BUCKET}/tables`, 'track.csv', s3.env));
    expect(e.diagnostic).toMatchObject({ code: 'LK6105', message: `object "s3://${BUCKET}/tables/track.csv" not found` });
  });
});

describe('streaming and downloading', () => {
  it('streams the object bytes, whole or from an offset', async () => {
    const ref = await resolveS3Object(`s3://${BUCKET}/dumps`, 'discogs_*_releases.xml*', s3.env);
    const read = async (start?: number): Promise<Buffer> => {
      const parts: Buffer[] = [];
      for await (const c of await openS3Object(ref, s3.env, start === undefined ? {} : { start })) parts.push(c as Buffer);
      return Buffer.concat(parts);
    };
    expect((await read()).equals(releases)).toBe(true);
    expect((await read(1000)).equals(releases.subarray(1000))).toBe(true);
    const e = await lakecErrorOf(openS3Object({ bucket: BUCKET, key: 'dumps/missing.xml' }, s3.env));
    expect(e.diagnostic.message).toBe(`object "s3://${BUCKET}/dumps/missing.xml" not found`);
  });

  it('downloads through a .part with the sha256 of the bytes; resumes a .part', async () => {
    const ref = await locateS3Object(`s3://${BUCKET}/dumps`, RELEASES, s3.env);
    const dest = join(dir, 'whole.xml.gz');
    const got = await downloadS3Object(ref, dest, s3.env);
    expect(got).toEqual({ file: dest, size: releases.length, sha256: sha256(releases), resumedBytes: 0 });
    expect(readFileSync(dest).equals(releases)).toBe(true);
    expect(existsSync(`${dest}.part`)).toBe(false);

    const resumed = join(dir, 'resumed.xml.gz');
    writeFileSync(`${resumed}.part`, releases.subarray(0, 300_000));
    const again = await downloadS3Object(ref, resumed, s3.env, { resume: true, expectSha256: sha256(releases) });
    expect(again).toMatchObject({ size: releases.length, sha256: sha256(releases), resumedBytes: 300_000 });
    expect(readFileSync(resumed).equals(releases)).toBe(true);

    // A .part of other bytes is resumed, fails the checksum, and is fetched whole once more.
    const stale = join(dir, 'stale.xml.gz');
    writeFileSync(`${stale}.part`, Buffer.alloc(1000, 7));
    const fresh = await downloadS3Object(ref, stale, s3.env, { resume: true, expectSha256: sha256(releases) });
    expect(fresh).toMatchObject({ sha256: sha256(releases), resumedBytes: 0 });
  });

  it('keeps nothing when the checksum does not match', async () => {
    const ref = await locateS3Object(`s3://${BUCKET}/dumps`, RELEASES, s3.env);
    const dest = join(dir, 'bad.xml.gz');
    const e = await lakecErrorOf(downloadS3Object(ref, dest, s3.env, { expectSha256: '0'.repeat(64) }));
    expect(e.diagnostic.code).toBe('LK6102');
    expect(e.diagnostic.message).toContain(`checksum mismatch for "s3://${BUCKET}/dumps/${RELEASES}"`);
    expect(existsSync(dest) || existsSync(`${dest}.part`)).toBe(false);
  });
});
