// executor/: runs one ingest step: resolve the source's files, fingerprint them, read them into bronze Parquet.
import { LakecError, projectAbsolute, type FileTablesSource, type IngestStep, type XmlIngestStep } from '../../compiler/index.js';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ingestTableFiles } from '../ingest/tables/ingest-table-files.js';
import type { EngineAdapter } from '../engine/engine-adapter.js';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { ingestXml } from '../ingest/xml/ingest-xml.js';
import { fileChecksum } from '../lake/file-checksum.js';
import type { ManifestInput } from '../lake/manifest.js';
import { locateDump } from '../sources/locate-dump.js';
// The PostgreSQL and S3 clients load only when a source needs them (the AWS SDK alone takes ~0.1 s).
import { isS3Location, parseS3Location } from '../sources/s3/s3-location.js';
const s3 = () => import('../sources/s3/index.js');

/** Ingest progress, as reported to the caller at most ~10 times a second. Bytes and counts are cumulative. */
export interface IngestCounts {
  readonly compressedBytes: number;
  readonly xmlBytes: number;
  readonly records: number;
  readonly rows: number;
}

/** Takes rate-limit tokens for streamed rows and source bytes; resolves once admitted (see ingestXml's `throttle`). */
export type IngestThrottle = (delta: { readonly rows: number; readonly bytes: number }, signal?: AbortSignal) => Promise<void>;

/** What an ingest step produced. */
export interface IngestOutcome {
  readonly input: ManifestInput;
  readonly rows: number;
  readonly records: number;
  readonly xmlBytes: number;
  /** dataset -> rows */
  readonly tableRows: ReadonlyMap<string, number>;
}

/**
 * Reads the step's source into `<bronzeDir>/<table>/part-*.parquet`: an XML dump through the streaming
 * XML ingester, files of tables through DuckDB with their declared types, a PostgreSQL schema through a
 * streaming cursor (connection from the environment variables the plan names).
 * @throws LakecError LK6105 (no file), LK6101..LK6108 (bad dump), LK6104 (a table that does not read as
 *   declared), LK6409 (a server table that no longer matches the declared columns) from the source layer.
 */
export async function runIngestStep(options: {
  engine: EngineAdapter; step: IngestStep; projectDir: string; bronzeDir: string; tmpDir: string;
  signal?: AbortSignal; onProgress?: (c: IngestCounts) => void; throttle?: IngestThrottle;
  /** The file to read (chooseIngestRoute's primary or location route); default: locateInput. */
  located?: { file: string; displayPath: string };
  /** Where connection settings are read from (PG*, AWS_* variables); default the process environment. */
  env?: Readonly<Record<string, string | undefined>>;
}): Promise<IngestOutcome> {
  const env = options.env ?? process.env;
  const { step } = options;
  const source = step.source;
  if (source.type === 'xml') return runXmlIngest({ ...options, step: step as XmlIngestStep });
  if (source.type === 'postgres') {
    // Read in one snapshot with a streaming cursor; the content hash (not a file) identifies the input.
    const { ingestPostgres } = await import('../sources/postgres/index.js');
    const r = await ingestPostgres({
      source, env, outDir: options.bronzeDir, engine: options.engine, tmpDir: options.tmpDir, label: `postgres source "${step.id}"`,
      ...(options.signal ? { signal: options.signal } : {}), ...(options.throttle ? { throttle: options.throttle } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return {
      input: { step: step.id, file: r.display, size: r.bytes, sha256: r.sha256 },
      rows: r.rows, records: r.rows, xmlBytes: 0, tableRows: new Map(r.tables.map((t) => [t.dataset, t.rows])),
    };
  }
  // An s3:// location is copied table by table into a temporary folder for DuckDB to read, removed after.
  const remote = isS3Location(source.location) ? await downloadTables(source, options.tmpDir, env, options.signal) : undefined;
  let tables: Awaited<ReturnType<typeof ingestTableFiles>>;
  try {
    tables = await ingestTableFiles({
      source, folder: remote?.folder ?? projectAbsolute(options.projectDir, source.location), displayFolder: source.location, outDir: options.bronzeDir, engine: options.engine,
      ...(options.signal ? { signal: options.signal } : {}), ...(options.throttle ? { throttle: options.throttle } : {}),
      ...(options.onProgress ? { onProgress: (p: { rows: number; bytes: number; tables: number }) => options.onProgress!({ compressedBytes: p.bytes, xmlBytes: 0, records: p.rows, rows: p.rows }) } : {}),
    });
  } finally {
    if (remote) await rm(remote.folder, { recursive: true, force: true });
  }
  // The objects' own size, LastModified and the hashes taken while downloading; local files are hashed here.
  const identity = remote ? remote.identity : await tablesIdentity(tables.map((t) => t.file));
  return {
    input: { step: step.id, file: `${source.location}/${source.pattern}`, ...identity },
    rows: tables.reduce((n, t) => n + t.rows, 0), records: tables.reduce((n, t) => n + t.rows, 0), xmlBytes: 0,
    tableRows: new Map(tables.map((t) => [t.dataset, t.rows])),
  };
}

async function runXmlIngest(options: Parameters<typeof runIngestStep>[0] & { step: XmlIngestStep }): Promise<IngestOutcome> {
  const { step } = options;
  const env = options.env ?? process.env;
  const located = options.located ?? (await locateInput(step, options.projectDir, env))!;
  const common = {
    mapping: step.source.mapping, outDir: options.bronzeDir, engine: options.engine, tmpDir: options.tmpDir,
    ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.throttle ? { throttle: options.throttle } : {}),
  };
  if (isS3Location(located.file)) {
    // Streamed straight from the object store; hashed as it is read.
    const { bucket, key } = s3ObjectOf(located.file);
    const { headS3Object, openS3Object, s3ClientFromEnv } = await s3();
    // One client for the HEAD and the GET; destroyed once the object is read.
    const client = s3ClientFromEnv(env);
    let ref: Awaited<ReturnType<typeof headS3Object>>;
    let result: Awaited<ReturnType<typeof ingestXml>>;
    try {
      ref = await headS3Object(client, bucket, key, options.signal);
      const object = ref;
      result = await ingestXml({ ...common, displayPath: ref.displayPath, open: () => openS3Object(object, env, { client, ...(options.signal ? { signal: options.signal } : {}) }) });
    } finally {
      client.destroy();
    }
    return {
      input: { step: step.id, file: ref.displayPath, size: result.compressedBytes, mtimeMs: ref.lastModifiedMs, sha256: result.sha256 },
      rows: result.tables.reduce((n, t) => n + t.rows, 0), records: result.records, xmlBytes: result.xmlBytes, tableRows: new Map(result.tables.map((t) => [t.table, t.rows])),
    };
  }
  const { file, displayPath } = located;
  const result = await ingestXml({ ...common, file, displayPath });
  const tableRows = new Map(result.tables.map((t) => [t.table, t.rows]));
  // The ingester hashed the file as it read it; a file that changed size meanwhile is hashed again whole.
  const after = await stat(file);
  const identity = result.compressedBytes === after.size ? { size: after.size, sha256: result.sha256 } : await fileChecksum(file);
  return {
    input: { step: step.id, file: displayPath, size: identity.size, mtimeMs: after.mtimeMs, sha256: identity.sha256 },
    rows: result.tables.reduce((n, t) => n + t.rows, 0), records: result.records, xmlBytes: result.xmlBytes, tableRows,
  };
}

/** Bucket and key of an object URL `s3://bucket/key` (as locateDump returns it). */
function s3ObjectOf(url: string): { bucket: string; key: string } {
  const { bucket } = parseS3Location(url);
  return { bucket, key: url.slice(`s3://${bucket}/`.length) };
}

/**
 * Downloads each table's object of an s3:// files source into a fresh folder under `tmpDir` (one client
 * for all), and the source's identity: total bytes, newest LastModified (what locateInput compares, so an
 * unchanged prefix is recognized) and a sha256 over the objects' sha256s taken while downloading.
 * @throws LakecError LK6105 when an object is missing or the store refuses; the folder is then removed.
 */
async function downloadTables(source: FileTablesSource, tmpDir: string, env: Readonly<Record<string, string | undefined>>, signal?: AbortSignal): Promise<{ folder: string; identity: { size: number; mtimeMs: number; sha256: string } }> {
  const { downloadS3Object, locateS3Object, s3ClientFromEnv } = await s3();
  const folder = await mkdtemp(join(tmpDir, 'lakec-s3-tables-'));
  const client = s3ClientFromEnv(env);
  const hash = createHash('sha256');
  let size = 0;
  let mtimeMs = 0;
  try {
    for (const t of source.tables) {
      const ref = await locateS3Object(source.location, t.from, env, { client, ...(signal ? { signal } : {}) });
      const got = await downloadS3Object(ref, join(folder, t.from), env, { client, ...(signal ? { signal } : {}) });
      hash.update(`${got.sha256}\n`);
      size += got.size;
      mtimeMs = Math.max(mtimeMs, ref.lastModifiedMs);
    }
  } catch (e) {
    await rm(folder, { recursive: true, force: true });
    throw e;
  } finally {
    client.destroy();
  }
  return { folder, identity: { size, mtimeMs, sha256: hash.digest('hex') } };
}

/**
 * The identity of a files-of-tables source for the manifest: total bytes, newest modification time, and
 * a sha256 over the sha256 of each file in table order (any file changing changes it).
 */
async function tablesIdentity(files: readonly string[]): Promise<{ size: number; mtimeMs: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  let mtimeMs = 0;
  for (const f of files) {
    const sum = await fileChecksum(f);
    hash.update(`${sum.sha256}\n`);
    size += sum.size;
    mtimeMs = Math.max(mtimeMs, (await stat(f)).mtimeMs);
  }
  return { size, mtimeMs, sha256: hash.digest('hex') };
}

/**
 * What an ingest step would read, without reading it: absolute path, the path as the manifest shows it,
 * size and modification time. XML: the chosen dump file or S3 object (see locateDump). Files of tables: the
 * folder with the pattern (`<location>/{table}.csv`), total size and newest modification time. A
 * postgres source has no file: undefined (it is always read; its content hash decides reuse).
 * @throws LakecError LK6105 when no file matches (XML) or a table's file is missing.
 */
export async function locateInput(step: IngestStep, projectDir: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<{ file: string; displayPath: string; size: number; mtimeMs: number } | undefined> {
  const source = step.source;
  if (source.type === 'postgres') return undefined;
  if (source.type === 'xml') return locateDump(source.location, source.pattern, projectDir, env);
  let size = 0;
  let mtimeMs = 0;
  const remote = isS3Location(source.location);
  const folder = remote ? source.location : projectAbsolute(projectDir, source.location);
  for (const t of source.tables) {
    const found = remote
      ? await (await s3()).locateS3Object(source.location, t.from, env).then((r) => ({ size: r.size, mtimeMs: r.lastModifiedMs }))
      : await stat(join(folder, t.from)).catch(() => {
        throw new LakecError({ code: 'LK6105', severity: 'error', message: `no file "${t.from}" for table "${t.dataset}" in "${source.location}"`, hint: 'check the source location' });
      });
    size += found.size;
    mtimeMs = Math.max(mtimeMs, found.mtimeMs);
  }
  return { file: folder, displayPath: `${source.location}/${source.pattern}`, size, mtimeMs };
}
