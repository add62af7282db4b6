// The real Discogs releases sample (1,000 records): ingested to Parquet, and checked against counts
// computed independently with saxes (a different XML parser).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { XmlMapping } from '../../compiler/types/xml-mapping.js';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import { quoteLiteral } from '../../runtime/engine/engine-adapter.js';
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import { ingestXml } from '../../runtime/ingest/xml/index.js';
import { mapXmlChunks } from '../../runtime/ingest/xml/map-xml-text.js';

const SAMPLE = '/work/shared/data/discogs/discogs_20200806_releases.xml.gz';

const MAPPING: XmlMapping = {
  root: 'releases',
  record: 'release',
  table: 'releases',
  key: 'release_id',
  columns: [
    { name: 'release_id', path: '@id', type: 'BIGINT' },
    { name: 'title', path: 'title', type: 'VARCHAR' },
    { name: 'released', path: 'released', type: 'PARTIAL_DATE' },
  ],
  children: [
    {
      table: 'release_tracks',
      path: 'tracklist/track',
      seq: 'track_seq',
      columns: [{ name: 'title', path: 'title', type: 'VARCHAR' }],
      children: [],
    },
  ],
};

/** Counts with saxes: release elements under the root, and track elements directly under tracklist directly under release. */
function saxesCounts(xml: string): { releases: number; tracks: number; titles: string[] } {
  const parser = new SaxesParser();
  const path: string[] = [];
  let releases = 0;
  let tracks = 0;
  const titles: string[] = [];
  let inTitle = false;
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    const p = path.join('/');
    if (p === 'releases/release') releases++;
    if (p === 'releases/release/tracklist/track') tracks++;
    inTitle = p === 'releases/release/title';
    if (inTitle) titles.push('');
  });
  parser.on('text', (t) => {
    if (inTitle) titles[titles.length - 1] += t;
  });
  parser.on('closetag', () => {
    path.pop();
    inTitle = false;
  });
  parser.write(xml).close();
  return { releases, tracks, titles };
}

let engine: EngineAdapter;
let dir: string;
beforeAll(async () => {
  engine = await openDuckDb({ threads: 2 });
  dir = mkdtempSync(join(tmpdir(), 'lakec-discogs-test-'));
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

it('ingests the real releases sample: 1,000 records and as many tracks as saxes counts', async () => {
  const xml = gunzipSync(readFileSync(SAMPLE)).toString('utf8');
  const expected = saxesCounts(xml);
  expect(expected.releases).toBe(1000);

  const outDir = join(dir, 'out');
  const result = await ingestXml({ mapping: MAPPING, file: SAMPLE, displayPath: 'discogs_20200806_releases.xml.gz', outDir, engine, tmpDir: dir });
  expect(result.records).toBe(1000);
  expect(result.xmlBytes).toBe(Buffer.byteLength(xml));
  const tracks = result.tables.find((t) => t.table === 'release_tracks')!;
  expect(tracks.rows).toBe(expected.tracks);

  const files = (table: string): string => `[${result.tables.find((t) => t.table === table)!.files.map((f) => quoteLiteral(join(outDir, f))).join(', ')}]`;
  const [counts] = await engine.query(`SELECT count(*) AS n, count(DISTINCT release_id) AS ids, max(track_seq) AS max_seq FROM read_parquet(${files('release_tracks')})`);
  expect(counts).toEqual({ n: BigInt(expected.tracks), ids: 1000n, max_seq: expect.any(Number) });
  const releases = await engine.query(`SELECT title, released_year FROM read_parquet(${files('releases')})`);
  expect(releases.map((r) => r['title'])).toEqual(expected.titles);
  expect(releases.filter((r) => r['released_year'] !== null).length).toBeGreaterThan(800);

  // Same rows whatever the chunking: compare with the in-memory path fed in odd-sized pieces.
  const pieces: string[] = [];
  for (let i = 0; i < xml.length; i += 4093) pieces.push(xml.slice(i, i + 4093));
  expect(mapXmlChunks(MAPPING, pieces).csv[1]!.split('\n').length - 1).toBe(expected.tracks);
});
