// ingest/xml: the streaming ingestion entry point: file or stream -> (gunzip) -> UTF-8 -> tokenizer -> mapper ->
// CSV chunks -> Parquet parts via the engine. Owns cleanup: on any failure or abort nothing stays open
// and no temporary chunk remains; the caller discards `outDir`.
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { InternalError, LakecError } from '../../../compiler/diagnostics/diagnostic.js';
import type { XmlMapping } from '../../../compiler/types/xml-mapping.js';
import type { EngineAdapter } from '../../engine/engine-adapter.js';
import { checkXmlMapping } from './check-mapping.js';
import { compileMapping } from './mapping-matcher.js';
import { outputSchemas } from './output-schemas.js';
import { ParquetConverter } from './parquet-converter.js';
import { RecordMapper } from './record-mapper.js';
import { TableOutputs, type IngestedTable } from './table-outputs.js';
import { Utf8ByteReader } from './utf8-byte-reader.js';
import { openXmlByteSource, openXmlStreamSource, sourceReadError, type XmlByteSource } from './xml-byte-source.js';
import { resolveXmlLimits, type XmlLimits } from './xml-limits.js';
import { XmlTokenizer } from './xml-tokenizer.js';

/** Progress counters; every field only grows. */
export interface IngestProgress {
  /** Bytes read from the file (compressed bytes for gzip). */
  readonly compressedBytes: number;
  /** Uncompressed XML bytes decoded. */
  readonly xmlBytes: number;
  /** Records (rows of the record table) finished. */
  readonly records: number;
  /** Rows finished over all tables. */
  readonly rows: number;
}

/** Options of {@link ingestXml}. */
export interface IngestXmlOptions {
  readonly mapping: XmlMapping;
  /**
   * Absolute path of the dump, plain XML or gzip (detected by magic bytes, not by name). Exactly one of
   * `file` and `open` is given.
   */
  readonly file?: string;
  /**
   * Instead of `file`: opens the dump's bytes as a stream (e.g. an S3 GET body, see
   * runtime/sources/s3/ingest-xml-from-s3.ts), called once. Gzip is detected the same way, and
   * `compressedBytes`/`sha256` are of the stream's bytes. Its rejection is passed on unchanged; errors of
   * the stream itself map like file errors (errno codes to LK6105, zlib codes to LK6102).
   */
  readonly open?: () => Promise<Readable>;
  /** Path shown in diagnostics, e.g. project-relative. */
  readonly displayPath: string;
  /** Receives `<outDir>/<table>/part-NNNNN.parquet`; created as needed. */
  readonly outDir: string;
  /**
   * Engine that converts chunks (DuckDB `read_csv` + `COPY … (FORMAT parquet)`), one statement at a time.
   * Reserve it for this call: on failure or abort its running statement is interrupted.
   */
  readonly engine: EngineAdapter;
  /** Directory for temporary CSV chunks (a private subdirectory is made and removed). */
  readonly tmpDir: string;
  /** Aborting stops reading and converting, removes the temporary chunks and rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /** Called at most every ~100 ms while reading, and once at the end. */
  readonly onProgress?: (p: IngestProgress) => void;
  /** Overrides of DEFAULT_XML_LIMITS (nesting depth, token length, buffered child rows). */
  readonly limits?: Partial<XmlLimits>;
  /**
   * CSV bytes (all tables together) per conversion batch; see TableOutputs. Each Parquet part holds at
   * most twice this. Default 32 MiB.
   */
  readonly chunkBytes?: number;
  /** CSV bytes allowed to wait for or undergo conversion before parsing pauses. Default 3 x chunkBytes. */
  readonly maxQueuedBytes?: number;
  /**
   * Rate limiting (runtime/schedule/ token buckets of the source's systems): awaited before each chunk
   * is parsed with the file bytes read for it, and with the rows the previous chunks finished, and once
   * at the end with the last rows; parsing waits while it is pending. Rejects with `signal.reason`.
   */
  readonly throttle?: (delta: { readonly bytes: number; readonly rows: number }, signal?: AbortSignal) => Promise<void>;
}

/** What {@link ingestXml} wrote. Byte counts are of the whole file (or stream). */
export interface IngestXmlResult {
  /** Records (rows of the record table). */
  records: number;
  /** Uncompressed XML bytes. */
  xmlBytes: number;
  /** File (or stream) bytes (equal to xmlBytes for plain XML). */
  compressedBytes: number;
  /** Lowercase hex sha256 of the file's (or stream's) bytes, computed while reading (for the run manifest). */
  sha256: string;
  /** Every table of outputSchemas(mapping), in that order; each has at least one Parquet file. */
  tables: IngestedTable[];
}

const DEFAULT_CHUNK_BYTES = 32 * 1024 * 1024;
const PROGRESS_MS = 100;
const PIECE_BYTES = 64 * 1024;

/**
 * Streams one XML dump into typed Parquet tables as described by `mapping` (see outputSchemas for the
 * columns). Memory stays bounded by the limits, the chunk queue and one record's child rows.
 * @throws LakecError LK1007 invalid mapping, LK6101 malformed XML, LK6102 corrupt gzip, LK6103 wrong
 *   dump (checked at the document element, before anything is written), LK6104 value conversion,
 *   LK6105 file not found (or what `open` rejects with), LK6106 invalid UTF-8, LK6107 DTD/entity refused, LK6108 limit exceeded;
 *   `signal.reason` when aborted; the engine's error (wrapped) if a conversion fails.
 * @example
 * const r = await ingestXml({ mapping, file: '/data/releases.xml.gz', displayPath: 'releases.xml.gz',
 *   outDir: '/lake/run1/bronze', engine: await openDuckDb(), tmpDir: os.tmpdir() });
 */
export async function ingestXml(options: IngestXmlOptions): Promise<IngestXmlResult> {
  const problems = checkXmlMapping(options.mapping);
  if (problems[0] !== undefined) throw new LakecError(problems[0]);
  options.signal?.throwIfAborted();
  const schemas = outputSchemas(options.mapping);
  const limits = resolveXmlLimits(options.limits);
  const source = await openSource(options);
  let workDir: string | undefined;
  const chunkBytes = Math.max(1024, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  const converter = new ParquetConverter(options.engine, options.maxQueuedBytes ?? 3 * chunkBytes);
  let outputs: TableOutputs | undefined;
  try {
    workDir = await mkdtemp(join(options.tmpDir, 'lakec-ingest-'));
    outputs = new TableOutputs(schemas, workDir, options.outDir, converter, chunkBytes);
    const mapper = new RecordMapper(compileMapping(options.mapping), outputs, limits);
    const tok = new XmlTokenizer(mapper, options.displayPath, limits);
    const stats = await pump(source, tok, mapper, outputs, converter, options);
    outputs.finish();
    await converter.drain(options.signal);
    const result = { records: mapper.records, xmlBytes: stats.xmlBytes, compressedBytes: source.compressedBytes(), sha256: source.sha256(), tables: outputs.results() };
    options.onProgress?.({ compressedBytes: result.compressedBytes, xmlBytes: result.xmlBytes, records: result.records, rows: outputs.rows });
    return result;
  } catch (e) {
    await source.close();
    outputs?.abort();
    await converter.stop();
    throw sourceReadError(e, options.displayPath);
  } finally {
    await source.close();
    if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
  }
}

/** Opens `options.file`, or the stream `options.open` gives. @throws InternalError unless exactly one is given. */
function openSource(options: IngestXmlOptions): Promise<XmlByteSource> {
  if ((options.file === undefined) === (options.open === undefined)) throw new InternalError('ingestXml needs exactly one of `file` and `open`');
  return options.file !== undefined ? openXmlByteSource(options.file, options.displayPath) : openXmlStreamSource(options.open!);
}

/** Feeds every chunk of `source` through decoder and tokenizer, pausing while conversions are behind. */
async function pump(source: XmlByteSource, tok: XmlTokenizer, mapper: RecordMapper, outputs: TableOutputs,
  converter: ParquetConverter, options: IngestXmlOptions): Promise<{ xmlBytes: number }> {
  const reader = new Utf8ByteReader(options.displayPath);
  const where = (): ReturnType<XmlTokenizer['endPosition']> => tok.endPosition();
  let xmlBytes = 0;
  let lastProgress = performance.now();
  let admittedBytes = 0;
  let admittedRows = 0;
  const admit = async (): Promise<void> => {
    const bytes = source.compressedBytes() - admittedBytes;
    const rows = outputs.rows - admittedRows;
    admittedBytes += bytes;
    admittedRows += rows;
    if (bytes > 0 || rows > 0) await options.throttle!({ bytes, rows }, options.signal);
  };
  for await (const bytes of source.chunks()) {
    options.signal?.throwIfAborted();
    if (options.throttle) await admit();
    xmlBytes += bytes.length;
    // Strings of up to 64 KiB are young-generation objects: latin1-decoding 256 KiB pieces (large-object
    // space) measured 8x slower. Bigger reads keep syscalls and inflate steps few.
    for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
      tok.write(reader.read(bytes.subarray(at, Math.min(bytes.length, at + PIECE_BYTES)), where));
    }
    outputs.maybeCutBatch();
    if (!converter.hasRoom) await converter.waitForRoom(options.signal);
    if (options.onProgress !== undefined) {
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_MS) {
        lastProgress = now;
        options.onProgress({ compressedBytes: source.compressedBytes(), xmlBytes, records: mapper.records, rows: outputs.rows });
      }
    }
    // Let the event loop turn: chunks already buffered arrive as microtasks, so without this the engine's
    // and zlib's completion callbacks waited for whole stretches of parsing; measured, COPY jobs then ran
    // at a third of their speed, parsing stalled on backpressure, and inflate ran only one chunk ahead.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  options.signal?.throwIfAborted();
  reader.end(where);
  tok.end();
  if (options.throttle) await admit();
  return { xmlBytes };
}
