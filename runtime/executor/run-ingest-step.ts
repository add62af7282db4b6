// executor/: runs one ingest step: resolve the dump file, fingerprint it, stream it into bronze Parquet.
import type { IngestStep } from '../../compiler/index.js';
import { projectAbsolute } from '../../compiler/index.js';
import type { EngineAdapter } from '../engine/engine-adapter.js';
import { stat } from 'node:fs/promises';
import { ingestXml } from '../ingest/xml/ingest-xml.js';
import { fileChecksum } from '../lake/file-checksum.js';
import type { ManifestInput } from '../lake/manifest.js';
import { resolveSourceFile } from '../sources/resolve-source-file.js';

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
 * Reads the step's source into `<bronzeDir>/<table>/part-*.parquet`.
 * @throws LakecError LK6105 (no file), LK6101..LK6108 (bad dump) from the source layer.
 */
export async function runIngestStep(options: {
  engine: EngineAdapter; step: IngestStep; projectDir: string; bronzeDir: string; tmpDir: string;
  signal?: AbortSignal; onProgress?: (c: IngestCounts) => void; throttle?: IngestThrottle;
  /** The file to read (chooseIngestRoute's primary or location route); default: locateInput. */
  located?: { file: string; displayPath: string };
}): Promise<IngestOutcome> {
  const { step } = options;
  const { file, displayPath } = options.located ?? await locateInput(step, options.projectDir);
  const result = await ingestXml({
    mapping: step.source.mapping, file, displayPath, outDir: options.bronzeDir, engine: options.engine,
    tmpDir: options.tmpDir, ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.throttle ? { throttle: options.throttle } : {}),
  });
  const tableRows = new Map(result.tables.map((t) => [t.table, t.rows]));
  // The ingester hashed the file as it read it; a file that changed size meanwhile is hashed again whole.
  const after = await stat(file);
  const identity = result.compressedBytes === after.size ? { size: after.size, sha256: result.sha256 } : await fileChecksum(file);
  return {
    input: { step: step.id, file: displayPath, size: identity.size, mtimeMs: after.mtimeMs, sha256: identity.sha256 },
    rows: result.tables.reduce((n, t) => n + t.rows, 0), records: result.records, xmlBytes: result.xmlBytes, tableRows,
  };
}

/**
 * The file an ingest step reads, without reading it: absolute path, the path as the manifest shows it
 * (`<location>/<name>`), size and modification time.
 * @throws LakecError LK6105 when no file matches the step's pattern.
 */
export async function locateInput(step: IngestStep, projectDir: string): Promise<{ file: string; displayPath: string; size: number; mtimeMs: number }> {
  const folder = projectAbsolute(projectDir, step.source.location);
  const { file } = await resolveSourceFile(folder, step.source.location, step.source.pattern);
  const st = await stat(file);
  return { file, displayPath: `${step.source.location}/${file.slice(folder.length + 1)}`, size: st.size, mtimeMs: st.mtimeMs };
}
