// ingest/xml: opens a dump file as a stream of XML bytes, gunzipping when the file starts with the
// gzip magic bytes (the name is not trusted). Inflate runs on libuv's threadpool; its completion
// callbacks need the event loop, which is why ingest-xml.ts yields after every chunk it parses (with
// that, and a readable buffer of a few chunks, inflate stays ahead of the parser). A worker thread was
// tried too: no faster once the loop yields, and ~100 MB more RSS from garbage zlib buffers.
import { open, type FileHandle } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import { xmlError } from './xml-error.js';

/** An open dump: iterate `chunks()` for XML bytes; `compressedBytes()` counts file bytes read so far. */
export interface XmlByteSource {
  readonly gzip: boolean;
  chunks(): AsyncIterable<Uint8Array>;
  compressedBytes(): number;
  /** Lowercase hex sha256 of the file bytes read so far (the whole file once `chunks()` is exhausted). Call once. */
  sha256(): string;
  /** Stops reading and closes the file (idempotent); resolves once nothing is open any more. */
  close(): Promise<void>;
}

/** File read size, gunzip output chunk size, and how much inflated output may wait (bytes). */
const READ_CHUNK = 1 << 20;
const INFLATE_CHUNK = 1 << 20;
const INFLATE_AHEAD = 2 * INFLATE_CHUNK;

/**
 * Opens `file` for streaming. Gzip (magic `1f 8b`, possibly multi-member) is inflated; anything else
 * is read as is.
 * @throws LakecError LK6105 when the file does not exist or is not a readable regular file.
 */
export async function openXmlByteSource(file: string, displayPath: string): Promise<XmlByteSource> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    throw sourceReadError(e, displayPath);
  }
  try {
    const stat = await fh.stat();
    if (!stat.isFile()) throw xmlError('LK6105', displayPath, undefined, `source file "${displayPath}" is not a regular file`);
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    const gzip = bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
    return streamSource(fh, gzip);
  } catch (e) {
    await fh.close();
    throw e;
  }
}

function streamSource(fh: FileHandle, gzip: boolean): XmlByteSource {
  const raw = fh.createReadStream({ start: 0, highWaterMark: READ_CHUNK, autoClose: true });
  // zlib passes stream options on to its Transform; the typings only list the zlib ones.
  const options: ZlibOptions & { readableHighWaterMark: number } = { chunkSize: INFLATE_CHUNK, readableHighWaterMark: INFLATE_AHEAD };
  // The file is fingerprinted as it streams, so the manifest's checksum costs no second read.
  const hash = createHash('sha256');
  const hashing = new Transform({
    readableHighWaterMark: READ_CHUNK,
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const stream: Readable = gzip ? pipeline(raw, hashing, createGunzip(options), () => undefined) : pipeline(raw, hashing, () => undefined);
  let closed: Promise<void> | undefined;
  return {
    gzip,
    chunks: () => stream,
    compressedBytes: () => raw.bytesRead,
    sha256: () => hash.digest('hex'),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        stream.destroy();
        hashing.destroy();
        raw.destroy();
        if (raw.closed) resolve();
        else raw.once('close', () => resolve());
      }).then(() => fh.close().catch(() => undefined))),
  };
}

/**
 * Maps an error raised while reading the source: zlib errors to LK6102 (corrupt or truncated gzip),
 * file system errors to LK6105. Other errors are returned unchanged.
 */
export function sourceReadError(e: unknown, displayPath: string): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return xmlError('LK6102', displayPath, undefined, `gzip data of "${displayPath}" is corrupt or truncated: ${message}`,
      'download the dump again and compare its checksum', e);
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return xmlError('LK6105', displayPath, undefined, `source file "${displayPath}" not found`, 'check the source path', e);
  }
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return xmlError('LK6105', displayPath, undefined, `source file "${displayPath}" cannot be read: ${message}`, undefined, e);
  }
  return e;
}
