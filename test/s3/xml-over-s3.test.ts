// XML over S3: each real Discogs sample served by a real S3-protocol server (s3rver) ingests to the
// same bronze Parquet tables (row counts and every row) as the same file read from the local folder;
// plus the stream source's gzip sniffing on awkward chunkings.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakecError } from '../../compiler/index.js';
import { loadMapping } from '../../compiler/load/load-mapping.js';
import type { XmlMapping } from '../../compiler/types/xml-mapping.js';
import { quoteLiteral, type EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import { ingestXml, type IngestXmlResult } from '../../runtime/ingest/xml/index.js';
import { openXmlStreamSource } from '../../runtime/ingest/xml/xml-byte-source.js';
import { ingestXmlFromS3 } from '../../runtime/sources/s3/ingest-xml-from-s3.js';
import { DISCOGS_SAMPLES, REPO } from '../support/paths.js';
import { startS3Server, type S3TestServer } from '../support/s3-server.js';

const BUCKET = 'discogs-mirror';
const KINDS = ['artists', 'labels', 'masters', 'releases'] as const;
const sampleName = (kind: string): string => `discogs_20200806_${kind}.xml.gz`;

let s3: S3TestServer;
let engine: EngineAdapter;
let dir: string;

beforeAll(async () => {
  s3 = await startS3Server();
  engine = await openDuckDb({ threads: 2 });
  dir = mkdtempSync(join(tmpdir(), 'lakec-s3-xml-'));
  await s3.createBucket(BUCKET);
  for (const kind of KINDS) await s3.put(BUCKET, `data/2020/${sampleName(kind)}`, readFileSync(join(DISCOGS_SAMPLES, sampleName(kind))));
  await s3.put(BUCKET, 'data/2020/discogs_20200701_releases.xml.gz', gzipSync('<releases/>'));
});
afterAll(async () => {
  await engine?.close();
  await s3?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function mapping(kind: string): XmlMapping {
  const loaded = loadMapping(join(REPO, 'specs', 'discogs', 'mappings', `${kind}.yaml`), `${kind}.yaml`);
  expect(loaded.diagnostics).toEqual([]);
  return loaded.value!;
}

const parquetList = (outDir: string, r: IngestXmlResult, table: string): string =>
  `[${r.tables.find((t) => t.table === table)!.files.map((f) => quoteLiteral(join(outDir, f))).join(', ')}]`;

describe.each(KINDS)('%s from S3', (kind) => {
  it('gives the same tables, rows and bytes hash as the local file', async () => {
    const local = join(DISCOGS_SAMPLES, sampleName(kind));
    const bytes = readFileSync(local);
    const localOut = join(dir, `${kind}-local`);
    const s3Out = join(dir, `${kind}-s3`);
    const common = { mapping: mapping(kind), engine, tmpDir: dir };
    const fromFile = await ingestXml({ ...common, file: local, displayPath: sampleName(kind), outDir: localOut });
    const fromS3 = await ingestXmlFromS3({ ...common, outDir: s3Out, location: `s3://${BUCKET}/data/2020`, pattern: `discogs_*_${kind}.xml*`, env: s3.env });

    expect(fromS3.object).toMatchObject({ key: `data/2020/${sampleName(kind)}`, displayPath: `s3://${BUCKET}/data/2020/${sampleName(kind)}`,
      size: bytes.length, etag: createHash('md5').update(bytes).digest('hex') });
    expect(fromS3.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(fromS3.sha256).toBe(fromFile.sha256);
    expect(fromS3.compressedBytes).toBe(bytes.length);
    expect(fromS3.xmlBytes).toBe(fromFile.xmlBytes);
    expect(fromS3.records).toBe(fromFile.records);
    expect(fromS3.records).toBeGreaterThan(0);
    expect(fromS3.tables.map((t) => [t.table, t.rows])).toEqual(fromFile.tables.map((t) => [t.table, t.rows]));

    for (const { table, rows } of fromFile.tables) {
      const a = parquetList(localOut, fromFile, table);
      const b = parquetList(s3Out, fromS3, table);
      // Multiset equality of whole rows, both ways (EXCEPT ALL keeps duplicates), plus equal counts.
      const diff = await engine.query(`SELECT (SELECT count(*) FROM (SELECT * FROM read_parquet(${a}) EXCEPT ALL SELECT * FROM read_parquet(${b}))) AS only_local,
        (SELECT count(*) FROM (SELECT * FROM read_parquet(${b}) EXCEPT ALL SELECT * FROM read_parquet(${a}))) AS only_s3,
        (SELECT count(*) FROM read_parquet(${b})) AS n`);
      expect({ table, ...diff[0] }).toEqual({ table, only_local: 0n, only_s3: 0n, n: BigInt(rows) });
    }
  });
});

describe('XML over S3 errors', () => {
  it('names the S3 location when nothing matches, before anything is written', async () => {
    const e = await ingestXmlFromS3({ mapping: mapping('labels'), engine, tmpDir: dir, outDir: join(dir, 'none'),
      location: `s3://${BUCKET}/data/2021`, pattern: 'discogs_*_labels.xml*', env: s3.env }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(LakecError);
    expect((e as LakecError).diagnostic).toMatchObject({ code: 'LK6105', message: `no object matching "discogs_*_labels.xml*" under "s3://${BUCKET}/data/2021/"` });
  });

  it('reports malformed XML at the S3 path', async () => {
    await s3.put(BUCKET, 'bad/discogs_20200806_labels.xml', '<labels><label><id>1</id></labe></labels>');
    const e = await ingestXmlFromS3({ mapping: mapping('labels'), engine, tmpDir: dir, outDir: join(dir, 'bad'),
      location: `s3://${BUCKET}/bad`, pattern: 'discogs_*_labels.xml*', env: s3.env }).catch((err: unknown) => err);
    expect((e as LakecError).diagnostic).toMatchObject({ code: 'LK6101', span: { file: `s3://${BUCKET}/bad/discogs_20200806_labels.xml` } });
  });
});

describe('XML over S3 abort', () => {
  it('rejects with the abort reason and leaves the server usable', async () => {
    const controller = new AbortController();
    const reason = new Error('stop here');
    let aborted = false;
    const e = await ingestXmlFromS3({ mapping: mapping('releases'), engine, tmpDir: dir, outDir: join(dir, 'aborted'), chunkBytes: 4096,
      location: `s3://${BUCKET}/data/2020`, pattern: 'discogs_*_releases.xml*', env: s3.env, signal: controller.signal,
      onProgress: (p) => {
        if (!aborted && p.records > 0) {
          aborted = true;
          controller.abort(reason);
        }
      } }).catch((err: unknown) => err);
    expect(aborted).toBe(true);
    expect(e).toBe(reason);
    const again = await ingestXmlFromS3({ mapping: mapping('labels'), engine, tmpDir: dir, outDir: join(dir, 'after-abort'),
      location: `s3://${BUCKET}/data/2020`, pattern: 'discogs_*_labels.xml*', env: s3.env });
    expect(again.records).toBeGreaterThan(0);
  });
});

describe('openXmlStreamSource', () => {
  const drain = async (chunks: Buffer[]): Promise<{ gzip: boolean; text: string; bytes: number; sha256: string }> => {
    const source = await openXmlStreamSource(async () => Readable.from(chunks));
    const parts: Buffer[] = [];
    for await (const c of source.chunks()) parts.push(Buffer.from(c));
    const result = { gzip: source.gzip, text: Buffer.concat(parts).toString('utf8'), bytes: source.compressedBytes(), sha256: source.sha256() };
    await source.close();
    return result;
  };
  const xml = '<a><b>x</b></a>';
  const gz = gzipSync(xml);
  const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

  it.each([
    ['plain, one chunk', [Buffer.from(xml)], false],
    ['plain, 1-byte chunks', [...Buffer.from(xml)].map((b) => Buffer.from([b])), false],
    ['gzip, one chunk', [gz], true],
    ['gzip, magic split over two chunks', [gz.subarray(0, 1), gz.subarray(1, 2), gz.subarray(2)], true],
  ])('%s', async (_name, chunks, gzip) => {
    const all = Buffer.concat(chunks);
    expect(await drain(chunks)).toEqual({ gzip, text: xml, bytes: all.length, sha256: sha(all) });
  });

  it('handles bodies shorter than the magic', async () => {
    expect(await drain([])).toEqual({ gzip: false, text: '', bytes: 0, sha256: sha(Buffer.alloc(0)) });
    expect(await drain([Buffer.from('<')])).toEqual({ gzip: false, text: '<', bytes: 1, sha256: sha(Buffer.from('<')) });
  });
});
