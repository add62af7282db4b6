import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DISCOGS_TABLE_PATHS, countXml } from './xml-counts.js';

const dir = mkdtempSync(join(tmpdir(), 'lakec-xml-counts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Two releases: empty elements, a self-closing record child, sub-tracks nested under a track
// (same element name one level deeper), an entity, a comment and a non-record child of the root.
const SAMPLE = `<releases>
<release id="1"><title>A &amp; B</title><tracklist>
  <track><position>A1</position><duration/></track>
  <track><position/><title/><sub_tracks><track><position>1.1</position></track><track/></sub_tracks></track>
</tracklist><labels><label id="5"/></labels></release>
<!-- a comment -->
<release id="2"><tracklist/><labels><label/><label id="7"/></labels></release>
<note>not a record</note>
</releases>
`;

const SAMPLE_PATHS = {
  releases: 'releases/release',
  release_tracks: 'releases/release/tracklist/track',
  release_sub_tracks: 'releases/release/tracklist/track/sub_tracks/track',
  release_labels: 'releases/release/labels/label',
  release_videos: 'releases/release/videos/video',
};

const SAMPLE_COUNTS = { releases: 2, release_tracks: 2, release_sub_tracks: 2, release_labels: 3, release_videos: 0 };

describe('countXml', () => {
  it('counts one row per matched element, empty ones included, on plain XML', async () => {
    const file = join(dir, 'sample.xml');
    writeFileSync(file, SAMPLE);
    expect(await countXml(file, SAMPLE_PATHS)).toEqual(SAMPLE_COUNTS);
  });

  it('gunzips files whose name ends in .gz', async () => {
    const file = join(dir, 'sample.xml.gz');
    writeFileSync(file, gzipSync(SAMPLE));
    expect(await countXml(file, SAMPLE_PATHS)).toEqual(SAMPLE_COUNTS);
  });

  it('matches direct children only: a path must start at the document element', async () => {
    const file = join(dir, 'anchored.xml');
    writeFileSync(file, SAMPLE);
    expect(await countXml(file, { tracks: 'release/tracklist/track', root: 'releases', other: 'releases/note' }))
      .toEqual({ tracks: 0, root: 1, other: 1 });
  });

  it('rejects malformed XML', async () => {
    const file = join(dir, 'broken.xml');
    writeFileSync(file, '<releases><release></releases>');
    await expect(countXml(file, SAMPLE_PATHS)).rejects.toThrow();
  });
});

/** Table -> absolute path, re-derived from a mapping YAML (the shape of schemas/xml-mapping.schema.json). */
interface RawChild { table: string; path: string; children?: RawChild[] }
function pathsOfMapping(file: string): Record<string, string> {
  const mapping = parse(readFileSync(file, 'utf8')) as { root: string; record: string; table: string; children?: RawChild[] };
  const out: Record<string, string> = { [mapping.table]: `${mapping.root}/${mapping.record}` };
  const visit = (child: RawChild, parentPath: string): void => {
    out[child.table] = `${parentPath}/${child.path}`;
    for (const grandchild of child.children ?? []) visit(grandchild, out[child.table]!);
  };
  for (const child of mapping.children ?? []) visit(child, `${mapping.root}/${mapping.record}`);
  return out;
}

const ENTITIES = ['artists', 'labels', 'masters', 'releases'] as const;
const SPEC = join(import.meta.dirname, '..', '..', 'specs', 'discogs');

describe('DISCOGS_TABLE_PATHS', () => {
  it('agrees with specs/discogs/mappings/*.yaml', () => {
    const derived = Object.assign({}, ...ENTITIES.map((e) => pathsOfMapping(join(SPEC, 'mappings', `${e}.yaml`)))) as Record<string, string>;
    expect(DISCOGS_TABLE_PATHS).toEqual(derived);
  });

  // Expected counts of the hand-written example dumps, computed independently (ElementTree) when they were written.
  it('counts the example dumps', async () => {
    const counts: Record<string, number> = {};
    for (const entity of ENTITIES) {
      const paths = Object.fromEntries(Object.entries(DISCOGS_TABLE_PATHS).filter(([, p]) => p.startsWith(`${entity}/`)));
      Object.assign(counts, await countXml(join(SPEC, 'example-dumps', `discogs_20200101_${entity}.xml.gz`), paths));
    }
    expect(counts).toEqual(EXAMPLE_COUNTS);
  });
});

const EXAMPLE_COUNTS: Record<string, number> = {
  artists: 4, artist_aliases: 2, artist_namevariations: 4, artist_groups: 2, artist_members: 2, artist_urls: 3, artist_images: 3,
  labels: 4, label_sublabels: 2, label_urls: 2, label_images: 1,
  masters: 3, master_artists: 3, master_genres: 4, master_styles: 3, master_videos: 1, master_images: 1,
  releases: 6, release_artists: 7, release_extraartists: 4, release_labels: 7, release_formats: 7,
  release_format_descriptions: 11, release_genres: 8, release_styles: 6, release_tracks: 20, release_track_artists: 2,
  release_track_extraartists: 1, release_sub_tracks: 2, release_sub_track_artists: 1, release_sub_track_extraartists: 0,
  release_identifiers: 3, release_companies: 2, release_videos: 1, release_images: 2,
};
