// openlineage/: OpenLineage names of what lakec reads and writes, per the naming spec: local files are
// namespace `file` with the absolute path as name; S3 objects `s3://{bucket}` with the key; PostgreSQL
// tables `postgres://{host}:{port}` with `{database}.{schema}.{table}`.
// @see https://openlineage.io/docs/spec/naming
import { isAbsolute, join, resolve } from 'node:path';
import type { IngestStep } from '../../compiler/index.js';
import type { ManifestInput } from '../lake/manifest.js';

/** A dataset's identity in OpenLineage. */
export interface OlName {
  readonly namespace: string;
  readonly name: string;
}

/**
 * A lake dataset: `file` + `<lake>/active/<layer>/<dataset>`, the folder consumers (and the Trino
 * tables of `lakec bootstrap trino`) read, so every run's events name the same dataset.
 */
export function lakeDatasetName(lakeDir: string, layer: string, dataset: string): OlName {
  return { namespace: 'file', name: join(resolve(lakeDir), 'active', layer, dataset) };
}

/** A file location: `s3://bucket/key` → (`s3://bucket`, `key`); a local path → (`file`, absolute path). */
export function locationName(location: string, projectDir: string): OlName {
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (s3) return { namespace: `s3://${s3[1]}`, name: s3[2] ?? '' };
  return { namespace: 'file', name: isAbsolute(location) ? location : resolve(projectDir, location) };
}

/**
 * What an ingest step read, as OpenLineage datasets: the dump file of an XML source, each table's file
 * of a file source, each table of a PostgreSQL source (server from the manifest input, which names
 * `postgres://HOST:PORT/DB?schema=S`). Empty when the step read nothing (`input` absent).
 */
export function ingestInputNames(step: IngestStep, input: ManifestInput | undefined, projectDir: string): OlName[] {
  if (!input) return [];
  const source = step.source;
  switch (source.type) {
    case 'xml':
      return [locationName(input.file, projectDir)];
    case 'postgres': {
      const url = new URL(input.file);
      const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
      return source.tables.map((t) => ({ namespace: `postgres://${url.hostname}:${url.port || '5432'}`, name: `${database}.${source.schema}.${t.from}` }));
    }
    default:
      return source.tables.map((t) => locationName(`${source.location.replace(/\/+$/, '')}/${t.from}`, projectDir));
  }
}
