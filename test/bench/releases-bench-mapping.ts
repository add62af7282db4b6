// bench: a complete Discogs releases mapping (mirrors specs/discogs/mappings/releases.yaml) for the
// ingestion benchmark, written as data so the bench does not depend on the YAML loader.
import type { XmlChildMapping, XmlColumnMapping, XmlMapping, SourceColumnType } from '../../compiler/types/xml-mapping.js';

const col = (name: string, path: string, type: SourceColumnType = 'VARCHAR'): XmlColumnMapping => ({ name, path, type });

const child = (table: string, path: string, columns: XmlColumnMapping[], children: XmlChildMapping[] = [], seq = 'seq'): XmlChildMapping =>
  ({ table, path, seq, columns, children });

const credit = (): XmlColumnMapping[] => [
  col('artist_id', 'id', 'BIGINT'),
  col('name', 'name'),
  col('anv', 'anv'),
  col('join_phrase', 'join'),
  col('role', 'role'),
  col('tracks', 'tracks'),
];

/** Releases dump -> 18 tables: releases, credits at three levels, labels, formats, tracks, …, images. */
export const RELEASES_BENCH_MAPPING: XmlMapping = {
  root: 'releases',
  record: 'release',
  table: 'releases',
  key: 'release_id',
  columns: [
    col('release_id', '@id', 'BIGINT'),
    col('status', '@status'),
    col('title', 'title'),
    col('country', 'country'),
    col('released', 'released', 'PARTIAL_DATE'),
    col('notes', 'notes'),
    col('data_quality', 'data_quality'),
    col('master_id', 'master_id', 'BIGINT'),
    col('master_is_main_release', 'master_id/@is_main_release', 'BOOLEAN'),
  ],
  children: [
    child('release_artists', 'artists/artist', credit()),
    child('release_extraartists', 'extraartists/artist', credit()),
    child('release_labels', 'labels/label', [col('label_id', '@id', 'BIGINT'), col('name', '@name'), col('catno', '@catno')]),
    child('release_formats', 'formats/format', [col('name', '@name'), col('qty', '@qty', 'INTEGER'), col('text', '@text')],
      [child('release_format_descriptions', 'descriptions/description', [col('description', '.')])], 'format_seq'),
    child('release_genres', 'genres/genre', [col('genre', '.')]),
    child('release_styles', 'styles/style', [col('style', '.')]),
    child('release_tracks', 'tracklist/track', [col('position', 'position'), col('title', 'title'), col('duration', 'duration')], [
      child('release_track_artists', 'artists/artist', credit()),
      child('release_track_extraartists', 'extraartists/artist', credit()),
      child('release_sub_tracks', 'sub_tracks/track', [col('position', 'position'), col('title', 'title'), col('duration', 'duration')], [
        child('release_sub_track_artists', 'artists/artist', credit()),
        child('release_sub_track_extraartists', 'extraartists/artist', credit()),
      ], 'sub_track_seq'),
    ], 'track_seq'),
    child('release_identifiers', 'identifiers/identifier', [col('type', '@type'), col('description', '@description'), col('value', '@value')]),
    child('release_companies', 'companies/company', [
      col('company_id', 'id', 'BIGINT'), col('name', 'name'), col('catno', 'catno'),
      col('entity_type', 'entity_type', 'INTEGER'), col('entity_type_name', 'entity_type_name'), col('resource_url', 'resource_url'),
    ]),
    child('release_videos', 'videos/video', [
      col('src', '@src'), col('duration', '@duration', 'INTEGER'), col('embed', '@embed', 'BOOLEAN'),
      col('title', 'title'), col('description', 'description'),
    ]),
    child('release_images', 'images/image', [col('type', '@type'), col('width', '@width', 'INTEGER'), col('height', '@height', 'INTEGER')]),
  ],
};
