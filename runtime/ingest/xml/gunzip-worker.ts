// ingest/xml: inflates a gzip file on a worker thread and hands the XML bytes to the main thread.
// Why a worker: zlib streams inflate on the threadpool, but each step's completion callback runs on the
// main thread's event loop, which is busy parsing, so inflate only advanced one chunk per parsed chunk
// and the parser waited ~0.3 ms for every 256 KiB (0.5-0.9 s on the 449 MB releases dump). On its own
// loop the worker keeps up to MAX_AHEAD chunks ready. Chunks are transferred, not copied.
import { Worker } from 'node:worker_threads';

/** One message from the worker. `compressed` is the number of file bytes read so far. */
type WorkerMessage =
  | { readonly type: 'data'; readonly bytes: ArrayBuffer; readonly compressed: number }
  | { readonly type: 'end'; readonly compressed: number }
  | { readonly type: 'error'; readonly code: string | undefined; readonly message: string };

const MAX_AHEAD = 16;
const INFLATE_CHUNK = 1 << 18;

// The worker's source, run with `eval` so it works the same from TypeScript sources (tests) and dist.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const zlib = require('node:zlib');
let credits = workerData.maxAhead;
let wake = null;
parentPort.on('message', () => { credits++; if (wake) { const w = wake; wake = null; w(); } });
(async () => {
  const raw = fs.createReadStream('', { fd: workerData.fd, autoClose: false, start: 0, highWaterMark: 1 << 20 });
  const gunzip = zlib.createGunzip({ chunkSize: workerData.chunkSize });
  raw.on('error', (e) => gunzip.destroy(e));
  raw.pipe(gunzip);
  for await (const buf of gunzip) {
    if (credits === 0) await new Promise((r) => { wake = r; });
    credits--;
    const own = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength;
    const bytes = own ? buf.buffer : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    parentPort.postMessage({ type: 'data', bytes, compressed: raw.bytesRead }, [bytes]);
  }
  parentPort.postMessage({ type: 'end', compressed: raw.bytesRead });
})().catch((e) => parentPort.postMessage({ type: 'error', code: e && e.code, message: String(e && e.message || e) }));
`;

/** A gzip file being inflated on a worker: iterate `chunks()`; `stop()` ends the worker. */
export interface WorkerInflater {
  chunks(): AsyncIterable<Uint8Array>;
  compressedBytes(): number;
  /** Terminates the worker (idempotent); the caller closes `fd` after this resolves. */
  stop(): Promise<void>;
}

/**
 * Starts inflating the gzip data of the open file `fd` (from offset 0) on a worker thread.
 * Errors surface from the iterator as `Error` objects with the zlib or fs `code` (e.g. `Z_DATA_ERROR`).
 */
export function inflateOnWorker(fd: number): WorkerInflater {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { fd, maxAhead: MAX_AHEAD, chunkSize: INFLATE_CHUNK } });
  const queue: WorkerMessage[] = [];
  let notify: (() => void) | undefined;
  let compressed = 0;
  let stopped: Promise<void> | undefined;
  const push = (m: WorkerMessage): void => {
    queue.push(m);
    const n = notify;
    notify = undefined;
    n?.();
  };
  worker.on('message', push);
  worker.on('error', (e: Error) => push({ type: 'error', code: (e as { code?: string }).code, message: e.message }));
  worker.on('exit', () => push({ type: 'error', code: undefined, message: 'the inflate worker exited early' }));
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((r) => (notify = r));
      const m = queue.shift()!;
      if (m.type === 'error') throw Object.assign(new Error(m.message), { code: m.code });
      compressed = m.compressed;
      if (m.type === 'end') return;
      worker.postMessage(1);
      yield new Uint8Array(m.bytes);
    }
  }
  return {
    chunks,
    compressedBytes: () => compressed,
    stop: () => (stopped ??= worker.terminate().then(() => undefined)),
  };
}
