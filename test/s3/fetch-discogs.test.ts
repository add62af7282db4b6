// `lakec fetch discogs` against a real S3-protocol server (s3rver) laid out like the public
// `discogs-data-dumps` bucket: picks the month's last dump, downloads and verifies the four dumps,
// skips what is complete, replaces what is wrong, resumes a .part, fails cleanly on a bad checksum.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFetchCommand, type FetchArgs } from '../../runtime/cli/commands/fetch-command.js';
import type { CommonOptions } from '../../runtime/cli/main.js';
import { captureCli, type CliRun } from '../support/run-cli.js';
import { lastDumpDateOfMonth } from '../../runtime/fetch/discogs-dump-names.js';
import { parseSha256Sums } from '../../runtime/fetch/parse-sha256sums.js';
import { DISCOGS_SAMPLES } from '../support/paths.js';
import { startS3Server, type S3TestServer } from '../support/s3-server.js';

const BUCKET = 'discogs-data-dumps';
const KINDS = ['artists', 'labels', 'masters', 'releases'];
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const samples = new Map(KINDS.map((k) => [k, readFileSync(join(DISCOGS_SAMPLES, `discogs_20200806_${k}.xml.gz`))]));

let s3: S3TestServer;
let dir: string;
let outCount = 0;

/** Uploads one dump date: its four files and a CHECKSUM file (`wrongFor`: a kind whose listed sum is wrong). */
async function publish(date: string, files: Map<string, Buffer>, wrongFor?: string): Promise<void> {
  const lines: string[] = [];
  for (const [kind, body] of files) {
    const name = `discogs_${date}_${kind}.xml.gz`;
    await s3.put(BUCKET, `data/${date.slice(0, 4)}/${name}`, body);
    lines.push(`${kind === wrongFor ? 'f'.repeat(64) : sha256(body)}  ${name}`);
  }
  await s3.put(BUCKET, `data/${date.slice(0, 4)}/discogs_${date}_CHECKSUM.txt`, lines.join('\n') + '\n');
}

const fake = (text: string): Map<string, Buffer> => new Map(KINDS.map((k) => [k, gzipSync(`<${k}><!-- ${text} --></${k}>`)]));

beforeAll(async () => {
  s3 = await startS3Server();
  dir = mkdtempSync(join(tmpdir(), 'lakec-fetch-'));
  await s3.createBucket(BUCKET);
  await publish('20200806', samples);
  await publish('20200801', fake('an earlier August dump'));
  await publish('20200901', fake('September'));
  await s3.put(BUCKET, 'data/2020/discogs_20200815_artists.xml.gz', gzipSync('<artists/>')); // no CHECKSUM: not published
  await publish('20201001', samples, 'masters');
});
afterAll(async () => {
  await s3?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const OPTS: CommonOptions = { project: '/nonexistent', vars: {}, json: false, cache: false };

async function fetch(args: Partial<FetchArgs> & { month: string }, env: Record<string, string> = s3.env, json = false): Promise<CliRun> {
  return captureCli((io) => runFetchCommand({ ...OPTS, json }, { dataset: 'discogs', ...args }, io), dir, env);
}

const newOut = (): string => join(dir, `out-${outCount++}`);
const dumpFiles = (out: string): string[] => readdirSync(out).sort();

describe('lakec fetch discogs', () => {
  it('downloads the month\'s last dump into an empty folder, verified; a second run skips everything', async () => {
    const out = newOut();
    const first = await fetch({ month: '2020-08', out });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(dumpFiles(out)).toEqual([...KINDS.map((k) => `discogs_20200806_${k}.xml.gz`), 'discogs_20200806_CHECKSUM.txt'].sort());
    for (const k of KINDS) expect(readFileSync(join(out, `discogs_20200806_${k}.xml.gz`)).equals(samples.get(k)!)).toBe(true);
    const sums = parseSha256Sums(readFileSync(join(out, 'discogs_20200806_CHECKSUM.txt'), 'utf8'), 'CHECKSUM');
    expect(sums.get('discogs_20200806_releases.xml.gz')).toBe(sha256(samples.get('releases')!));
    expect(first.stdout).toMatch(/^downloaded {2}discogs_20200806_artists\.xml\.gz {2}\d+\.\d MB$/m);
    expect(first.stdout).toContain(`discogs dump 2020-08-06 from s3://${BUCKET}/data/2020/ in ${out}: 4 downloaded`);

    const second = await fetch({ month: '2020-08', out });
    expect(second.code).toBe(0);
    expect(second.stdout.match(/^skipped {5}/gm)).toHaveLength(4);
    expect(second.stdout).toContain('0 downloaded (0.0 MB');
    expect(second.stdout).toContain('4 already complete');
  });

  it('reports JSON, and works unsigned (public bucket) with --base-url instead of AWS_ENDPOINT_URL', async () => {
    const out = newOut();
    const run = await fetch({ month: '2020-08', out, baseUrl: s3.endpoint }, {}, true);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { date: string; files: { name: string; status: string; size: number; sha256: string }[] };
    expect(report.date).toBe('20200806');
    expect(report.files.map((f) => [f.status, f.sha256])).toEqual(KINDS.map((k) => ['downloaded', sha256(samples.get(k)!)]));
  });

  it('re-downloads a corrupted or truncated local file and resumes a .part', async () => {
    const out = newOut();
    expect((await fetch({ month: '2020-08', out })).code).toBe(0);
    const artists = join(out, 'discogs_20200806_artists.xml.gz');
    const labels = join(out, 'discogs_20200806_labels.xml.gz');
    const releases = join(out, 'discogs_20200806_releases.xml.gz');
    const flipped = Buffer.from(samples.get('artists')!);
    flipped[1000] = flipped[1000]! ^ 0xff;
    writeFileSync(artists, flipped);
    writeFileSync(labels, samples.get('labels')!.subarray(0, 100));
    rmSync(releases);
    writeFileSync(`${releases}.part`, samples.get('releases')!.subarray(0, 200_000));
    const run = await fetch({ month: '2020-08', out });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^replaced {4}discogs_20200806_artists\.xml\.gz .*\(local copy was wrong\)$/m);
    expect(run.stdout).toMatch(/^replaced {4}discogs_20200806_labels\.xml\.gz/m);
    expect(run.stdout).toMatch(/^skipped {5}discogs_20200806_masters\.xml\.gz/m);
    expect(run.stdout).toMatch(/^downloaded {2}discogs_20200806_releases\.xml\.gz .*, resumed at 0\.2 MB$/m);
    for (const k of KINDS) expect(readFileSync(join(out, `discogs_20200806_${k}.xml.gz`)).equals(samples.get(k)!)).toBe(true);
    expect(readdirSync(out).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('fails on a checksum mismatch on the server side, leaving no .part and no file for it', async () => {
    const out = newOut();
    const run = await fetch({ month: '2020-10', out });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error LK6102: checksum mismatch for "s3://discogs-data-dumps/data/2020/discogs_20201001_masters.xml.gz"');
    expect(existsSync(join(out, 'discogs_20201001_masters.xml.gz'))).toBe(false);
    expect(readdirSync(out).filter((n) => n.endsWith('.part'))).toEqual([]);
    // The files before it were complete and verified, and stay.
    expect(readFileSync(join(out, 'discogs_20201001_labels.xml.gz')).equals(samples.get('labels')!)).toBe(true);
  });

  it('chooses the newest dated dump with a checksum file in the month asked for', async () => {
    expect(lastDumpDateOfMonth(['discogs_20200801_CHECKSUM.txt', 'discogs_20200806_CHECKSUM.txt', 'discogs_20200815_artists.xml.gz', 'discogs_20200901_CHECKSUM.txt'], '2020-08')).toBe('20200806');
    const sept = newOut();
    const run = await fetch({ month: '2020-09', out: sept });
    expect(run.code).toBe(0);
    expect(dumpFiles(sept)[0]).toBe('discogs_20200901_CHECKSUM.txt');
  });

  it('explains a month without a dump, and a malformed --month', async () => {
    const none = await fetch({ month: '2020-11', out: newOut() });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`error LK6105: no Discogs dump published in 2020-11 under "s3://${BUCKET}/data/2020/"`);
    expect(none.stderr).toContain('dump dates that year: 20200801, 20200806, 20200901, 20201001');
    const bad = await fetch({ month: '2020-13', out: newOut() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--month 2020-13: give a month as YYYY-MM');
  });
});
