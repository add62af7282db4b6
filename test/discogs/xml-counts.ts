// test/discogs: an independent element counter for Discogs dumps, to cross-check lakec's XML ingest.
// Uses saxes (not lakec's parser) and knows nothing of lakec's code: the table paths below were derived
// by hand from specs/discogs/mappings/*.yaml.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';

/**
 * Absolute element path, from the document element, of every bronze table the Discogs mappings produce.
 * A record table's path is `<root>/<record>`; a child table's is its parent's path plus the child's `path`.
 * Derived by hand from specs/discogs/mappings/*.yaml (test/discogs/xml-counts.test.ts re-derives it from
 * the YAML and compares), so it must be edited together with the mappings.
 */
export const DISCOGS_TABLE_PATHS: Readonly<Record<string, string>> = Object.freeze({
  artists: 'artists/artist',
  artist_aliases: 'artists/artist/aliases/name',
  artist_namevariations: 'artists/artist/namevariations/name',
  artist_groups: 'artists/artist/groups/name',
  artist_members: 'artists/artist/members/name',
  artist_urls: 'artists/artist/urls/url',
  artist_images: 'artists/artist/images/image',

  labels: 'labels/label',
  label_sublabels: 'labels/label/sublabels/label',
  label_urls: 'labels/label/urls/url',
  label_images: 'labels/label/images/image',

  masters: 'masters/master',
  master_artists: 'masters/master/artists/artist',
  master_genres: 'masters/master/genres/genre',
  master_styles: 'masters/master/styles/style',
  master_videos: 'masters/master/videos/video',
  master_images: 'masters/master/images/image',

  releases: 'releases/release',
  release_artists: 'releases/release/artists/artist',
  release_extraartists: 'releases/release/extraartists/artist',
  release_labels: 'releases/release/labels/label',
  release_formats: 'releases/release/formats/format',
  release_format_descriptions: 'releases/release/formats/format/descriptions/description',
  release_genres: 'releases/release/genres/genre',
  release_styles: 'releases/release/styles/style',
  release_tracks: 'releases/release/tracklist/track',
  release_track_artists: 'releases/release/tracklist/track/artists/artist',
  release_track_extraartists: 'releases/release/tracklist/track/extraartists/artist',
  release_sub_tracks: 'releases/release/tracklist/track/sub_tracks/track',
  release_sub_track_artists: 'releases/release/tracklist/track/sub_tracks/track/artists/artist',
  release_sub_track_extraartists: 'releases/release/tracklist/track/sub_tracks/track/extraartists/artist',
  release_identifiers: 'releases/release/identifiers/identifier',
  release_companies: 'releases/release/companies/company',
  release_videos: 'releases/release/videos/video',
  release_images: 'releases/release/images/image',
});

/**
 * Counts, for each named table, the elements of `file` whose absolute path equals the table's path.
 *
 * Semantics match the XML mapping's: one row per matched element, so an empty element (`<label/>`,
 * `<track><position/></track>`) counts like any other; a path step matches direct children only, so
 * `releases/release/tracklist/track` does not count the `track` elements under `sub_tracks`. Paths are
 * `/`-separated element names starting with the document element, without a leading `/`.
 *
 * @param file  an XML file, gzip-compressed when its name ends in `.gz`; streamed, never held in memory whole.
 * @param paths table name -> absolute element path, e.g. `{ releases: 'releases/release' }`.
 * @returns table name -> element count, with a 0 entry for every table whose path never matched.
 * @throws the read, gunzip or XML well-formedness error (saxes reports line and column).
 * @example
 *   await countXml('discogs_20200101_releases.xml.gz', { releases: 'releases/release' }) // { releases: 6 }
 */
export async function countXml(file: string, paths: Record<string, string>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const tablesByPath = new Map<string, string[]>();
  for (const [table, path] of Object.entries(paths)) {
    counts[table] = 0;
    const tables = tablesByPath.get(path) ?? [];
    tables.push(table);
    tablesByPath.set(path, tables);
  }

  const parser = new SaxesParser();
  const stack: string[] = [];
  let failure: Error | undefined;
  parser.on('opentag', (tag) => {
    const path = stack.length === 0 ? tag.name : `${stack[stack.length - 1]}/${tag.name}`;
    stack.push(path);
    for (const table of tablesByPath.get(path) ?? []) counts[table] = (counts[table] ?? 0) + 1;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (error) => {
    failure ??= error;
  });

  for await (const chunk of openText(file)) {
    parser.write(chunk as string);
    if (failure) throw failure;
  }
  parser.close();
  if (failure) throw failure;
  return counts;
}

/** The file as a stream of UTF-8 text chunks, gunzipped when the name ends in `.gz`. */
function openText(file: string): Readable {
  const raw = createReadStream(file);
  const stream = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => stream.destroy(error));
  stream.setEncoding('utf8');
  return stream;
}
