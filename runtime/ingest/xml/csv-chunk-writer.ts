// ingest/xml: encodes one table's rows as CSV bytes into rotating temporary chunk files; each finished
// chunk is handed to `onChunk` (which converts it to one Parquet part). Fields are encoded straight
// into a reused byte buffer (no per-row strings), written with synchronous 256 KiB writes: page-cache
// writes are far cheaper than the parse that produced them, and keep ordering trivial.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** A finished chunk: `rows` CSV records, `bytes` long, in `path`; `maxLineBytes` is its longest record. */
export interface CsvChunk {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  readonly maxLineBytes: number;
}

/** Field storage a row is emitted from: field `f` is `bytes[start[f]..end[f])`, quoted when `quote[f]` is 1. */
export interface FieldBytes {
  readonly bytes: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly quote: Uint8Array;
}

const BUFFER_BYTES = 1 << 18;
const QUOTE = 0x22;

/** Rotating CSV chunk files `<dir>/<prefix>-<n>.csv` for one table. */
export class CsvChunkWriter {
  /** Rows written so far over all chunks. */
  rows = 0;
  private readonly out = Buffer.allocUnsafe(BUFFER_BYTES);
  private pos = 0;
  private fieldsInRow = 0;
  private fd = -1;
  private path = '';
  private written = 0;
  private before = 0;
  private rowStart = 0;
  private chunkRows = 0;
  private maxLine = 0;
  private chunkIndex = 0;

  private readonly memory: Buffer[] = [];

  /**
   * @param dir temporary directory (must exist); undefined keeps all bytes in memory (see `memoryText`)
   * @param prefix file name prefix (the table name)
   * @param rotateBytes start a new chunk at the first row end after this many bytes (see also `cut`)
   * @param onChunk called synchronously with every finished chunk, in order
   */
  constructor(
    private readonly dir: string | undefined,
    private readonly prefix: string,
    private readonly rotateBytes: number,
    private readonly onChunk: (chunk: CsvChunk) => void,
  ) {}

  /** Writes field `f` of `src` (NULL when empty), quoted when flagged. */
  field(src: FieldBytes, f: number): void {
    if (this.fieldsInRow++ > 0) this.byte(0x2c);
    const s = src.start[f]!;
    const e = src.end[f]!;
    if (s === e) return;
    if (src.quote[f] === 1) {
      this.byte(QUOTE);
      this.bytes(src.bytes, s, e);
      this.byte(QUOTE);
    } else {
      this.bytes(src.bytes, s, e);
    }
  }

  /** Writes fields `0..count)` of `src` (the per-row hot path: short fields copied inline). */
  fields(src: FieldBytes, count: number): void {
    const out = this.out;
    const bytes = src.bytes;
    for (let f = 0; f < count; f++) {
      const s = src.start[f]!;
      const e = src.end[f]!;
      if (e - s > 64 || this.pos + (e - s) + 3 > BUFFER_BYTES) {
        this.field(src, f);
        continue;
      }
      let p = this.pos;
      if (this.fieldsInRow++ > 0) out[p++] = 0x2c;
      if (e > s) {
        const quoted = src.quote[f] === 1;
        if (quoted) out[p++] = QUOTE;
        for (let i = s; i < e; i++) out[p++] = bytes[i]!;
        if (quoted) out[p++] = QUOTE;
      }
      this.pos = p;
    }
  }

  /** Writes an integer field. */
  int(n: number): void {
    if (this.fieldsInRow++ > 0) this.byte(0x2c);
    if (this.pos + 12 > BUFFER_BYTES) this.flush();
    const out = this.out;
    if (n < 10) {
      out[this.pos++] = 0x30 + n;
      return;
    }
    const s = String(n);
    for (let i = 0; i < s.length; i++) out[this.pos++] = s.charCodeAt(i);
  }

  endRow(): void {
    this.byte(0x0a);
    this.fieldsInRow = 0;
    this.chunkRows++;
    this.rows++;
    const end = this.written + this.pos;
    if (end - this.rowStart > this.maxLine) this.maxLine = end - this.rowStart;
    this.rowStart = end;
    if (end >= this.rotateBytes) {
      this.flush();
      this.rotate();
    }
  }

  /** Bytes of complete rows in the current chunk (call between rows). */
  get chunkBytes(): number {
    return this.written + this.pos;
  }

  /** Bytes written over all chunks so far. */
  get totalBytes(): number {
    return this.before + this.written + this.pos;
  }

  /** Hands over the current chunk now if it holds rows (the writer goes on with a new chunk). */
  cut(): void {
    this.flush();
    if (this.fd >= 0) this.rotate();
  }

  /** Writes buffered rows and hands over the last chunk, if any rows are in it. */
  finish(): void {
    this.cut();
  }

  /** Closes the open chunk file without handing it over (after an error; the caller deletes the directory). */
  abort(): void {
    this.pos = 0;
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /** Copies `src[from..to)`; a run longer than the buffer is written through directly. */
  private bytes(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.pos + n > BUFFER_BYTES) {
      this.flush();
      if (n > BUFFER_BYTES) {
        this.sink(src.subarray(from, to));
        return;
      }
    }
    const out = this.out;
    if (n <= 32) {
      let p = this.pos;
      for (let i = from; i < to; i++) out[p++] = src[i]!;
      this.pos = p;
    } else {
      out.set(src.subarray(from, to), this.pos);
      this.pos += n;
    }
  }

  private byte(b: number): void {
    if (this.pos >= BUFFER_BYTES) this.flush();
    this.out[this.pos++] = b;
  }

  /** In-memory mode: every byte written so far, as text (call after `finish`). */
  memoryText(): string {
    return Buffer.concat(this.memory).toString('utf8');
  }

  private flush(): void {
    if (this.pos === 0) return;
    this.sink(this.out.subarray(0, this.pos));
    this.pos = 0;
  }

  /** Appends bytes to the current chunk (opening it if needed) or to memory. */
  private sink(bytes: Uint8Array): void {
    this.written += bytes.length;
    if (this.dir === undefined) {
      this.memory.push(Buffer.from(bytes));
      return;
    }
    if (this.fd < 0) {
      this.path = join(this.dir, `${this.prefix}-${String(this.chunkIndex++).padStart(5, '0')}.csv`);
      this.fd = openSync(this.path, 'w');
    }
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
  }

  private rotate(): void {
    closeSync(this.fd);
    this.fd = -1;
    const chunk = { path: this.path, rows: this.chunkRows, maxLineBytes: this.maxLine, bytes: this.written };
    this.before += this.written;
    this.written = 0;
    this.rowStart = 0;
    this.chunkRows = 0;
    this.maxLine = 0;
    this.onChunk(chunk);
  }
}
