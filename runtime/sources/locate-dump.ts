// sources/: where an XML dump is, without reading it: the newest file (or S3 object) matching a
// pattern in a folder or under an `s3://bucket/prefix`.
import { stat } from 'node:fs/promises';
import { projectAbsolute } from '../../compiler/index.js';
import { resolveSourceFile } from './resolve-source-file.js';
import { isS3Location } from './s3/s3-location.js';

/** A located dump: `file` is an absolute path, or the `s3://bucket/key` URL of an object. */
export interface LocatedDump {
  readonly file: string;
  /** As the manifest shows it: `<location>/<name>` (project-relative folder, or the s3:// URL). */
  readonly displayPath: string;
  /** Bytes. */
  readonly size: number;
  /** Modification time (S3: LastModified), ms since the epoch. */
  readonly mtimeMs: number;
  /** S3 only: the object's ETag. */
  readonly etag?: string;
}

/**
 * The newest match of `pattern` (a `*`/`?` glob) in `location`: a folder relative to `projectDir`, or
 * `s3://bucket/prefix` (endpoint and credentials from `env`'s AWS_* variables).
 * @throws LakecError LK6105 when the folder or prefix is missing or nothing matches.
 */
export async function locateDump(location: string, pattern: string, projectDir: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<LocatedDump> {
  if (isS3Location(location)) {
    const { resolveS3Object } = await import('./s3/index.js');
    const ref = await resolveS3Object(location, pattern, env);
    return { file: ref.displayPath, displayPath: ref.displayPath, size: ref.size, mtimeMs: ref.lastModifiedMs, etag: ref.etag };
  }
  const folder = projectAbsolute(projectDir, location);
  const { file } = await resolveSourceFile(folder, location, pattern);
  const st = await stat(file);
  return { file, displayPath: `${location}/${file.slice(folder.length + 1)}`, size: st.size, mtimeMs: st.mtimeMs };
}
