// ingest/xml: opens a dump file as a stream of XML bytes, gunzipping when the file starts with the
// gzip magic bytes (the name is not trusted). Inflate runs on libuv's threadpool; its completion
// callbacks need the event loop, which is why ingest-xml.ts yields after every chunk it parses (with
// that, and a readable buffer of a few chunks, inflate stays ahead of the parser). A worker thread was
// tried too: no faster once the loop yields, and ~100 MB more RSS from garbage zlib buffers.
// openXmlStreamSource does the same for bytes that arrive as a stream (an object store's GET body).
import { open, type FileHandle } from 'node:fs/promises';
import { createHash, type Hash } from 'node:crypto';
import { pipeline, Readable, Transform } from 'node:stream';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import { xmlError } from './xml-error.js';

/** An open dump: iterate `chunks()` for XML bytes; `compressedBytes()` counts file (or stream) bytes read so far. */
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

/**
 * Like openXmlByteSource for bytes read from a stream (e.g. an S3 GET body): gzip is detected from
 * the first two bytes, which are peeked and put back. `compressedBytes()` counts the stream's bytes
 * as they are hashed. The stream is destroyed by `close()`.
 * @param open called once; its rejection (e.g. a LakecError for a missing object) is passed on as is.
 * @throws whatever `open` throws; the stream's own errors surface from `chunks()`.
 */
export async function openXmlStreamSource(open: () => Promise<Readable>): Promise<XmlByteSource> {
  const opened = await open();
  let head: Buffer;
  let raw: Readable;
  try {
    ({ head, stream: raw } = await peekHead(opened, 2));
  } catch (e) {
    opened.destroy();
    throw e;
  }
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  const hash = createHash('sha256');
  let bytes = 0;
  // Network bodies arrive in 16-64 KiB pieces; plain XML is gathered into ~1 MiB chunks, as a file is
  // read, since the parser yields to the event loop once per chunk (gunzip output is 1 MiB already).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const hashing = new Transform({
    readableHighWaterMark: READ_CHUNK,
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      hash.update(chunk);
      if (gzip) return done(null, chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < READ_CHUNK) return done();
      const out = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      done(null, out);
    },
    flush(done) {
      done(null, pendingBytes > 0 ? Buffer.concat(pending, pendingBytes) : undefined);
    },
  });
  return byteSource(raw, hashing, gzip, hash, () => bytes);
}

/**
 * Reads until `n` bytes (or the end) are buffered and puts them back with `unshift`. Returns them and
 * the stream to read from: `stream` itself, or, when it already ended, a new one holding just `head`.
 */
async function peekHead(stream: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> {
  const parts: Buffer[] = [];
  let length = 0;
  let ended = false;
  const onEnd = (): void => {
    ended = true;
  };
  stream.once('end', onEnd);
  try {
    while (length < n && !ended) {
      const chunk = stream.read() as Buffer | string | null;
      if (chunk !== null) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        parts.push(buf);
        length += buf.length;
        continue;
      }
      if (stream.readableEnded || stream.destroyed) break;
      await new Promise<void>((resolve, reject) => {
        const done = (): void => {
          stream.off('readable', done);
          stream.off('end', done);
          stream.off('close', done);
          stream.off('error', fail);
          resolve();
        };
        const fail = (e: unknown): void => {
          done();
          reject(e);
        };
        stream.once('readable', done);
        stream.once('end', done);
        stream.once('close', done);
        stream.once('error', fail);
      });
      if (stream.errored) throw stream.errored;
    }
  } finally {
    stream.off('end', onEnd);
  }
  const head = Buffer.concat(parts);
  if (ended || stream.readableEnded) return { head, stream: Readable.from(head.length > 0 ? [head] : []) };
  if (head.length > 0) stream.unshift(head);
  return { head, stream };
}

/** Inflate options: zlib passes stream options on to its Transform; the typings only list the zlib ones. */
function gunzipOptions(): ZlibOptions & { readableHighWaterMark: number } {
  return { chunkSize: INFLATE_CHUNK, readableHighWaterMark: INFLATE_AHEAD };
}

function streamSource(fh: FileHandle, gzip: boolean): XmlByteSource {
  const raw = fh.createReadStream({ start: 0, highWaterMark: READ_CHUNK, autoClose: true });
  // The file is fingerprinted as it streams, so the manifest's checksum costs no second read.
  const hash = createHash('sha256');
  const hashing = new Transform({
    readableHighWaterMark: READ_CHUNK,
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return byteSource(raw, hashing, gzip, hash, () => raw.bytesRead, () => fh.close().catch(() => undefined));
}

/**
 * The XmlByteSource over `raw` piped through `hashing` (and gunzip when `gzip`): chunks, bytes read so
 * far, the sha256 of what was read, and a close that destroys the pipeline, waits for `raw` to close,
 * then runs `afterClose` (closing the file handle).
 */
function byteSource(raw: Readable, hashing: Transform, gzip: boolean, hash: Hash, bytesRead: () => number, afterClose: () => Promise<void> = async () => undefined): XmlByteSource {
  const stream: Readable = gzip ? pipeline(raw, hashing, createGunzip(gunzipOptions()), () => undefined) : pipeline(raw, hashing, () => undefined);
  let closed: Promise<void> | undefined;
  return {
    gzip,
    chunks: () => stream,
    compressedBytes: bytesRead,
    sha256: () => hash.digest('hex'),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        stream.destroy();
        hashing.destroy();
        raw.destroy();
        if (raw.closed) resolve();
        else raw.once('close', () => resolve());
      }).then(afterClose)),
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
