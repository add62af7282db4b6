// ingest/xml: encodes one table's rows as CSV bytes into rotating temporary chunk files; each finished
// chunk is handed to `onChunk` (which converts it to one Parquet part). Fields are encoded straight
// into a reused byte buffer (no per-row strings), written with synchronous 1 MiB writes: page-cache
// writes are far cheaper than the parse that produced them, and keep ordering trivial.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { encodeUtf8Field, needsQuotes } from './csv-field.js';

/** A finished chunk: `rows` CSV records in `path`; `maxLineBytes` is its longest record. */
export interface CsvChunk {
  readonly path: string;
  readonly rows: number;
  readonly maxLineBytes: number;
}

/** Field-by-field row output (what the mapper writes to). */
export interface CsvRowWriter {
  /** A string field; the empty string is NULL (mapped values are never empty: empty maps to NULL). */
  text(s: string): void;
  /** A field known to need no quoting (numbers, booleans); the empty string is NULL. */
  plain(s: string): void;
  /** An integer field. */
  int(n: number): void;
  /** Ends the row. */
  endRow(): void;
}

const BUFFER_BYTES = 1 << 20;
/** Strings up to this length are encoded in one pass; longer ones in pieces. */
const PIECE_CHARS = 1 << 14;
const QUOTE = 0x22;

/** Rotating CSV chunk files `<dir>/<prefix>-<n>.csv` for one table. */
export class CsvChunkWriter implements CsvRowWriter {
  /** Rows written so far over all chunks. */
  rows = 0;
  private readonly out = Buffer.allocUnsafe(BUFFER_BYTES);
  private pos = 0;
  private fieldsInRow = 0;
  private fd = -1;
  private path = '';
  private written = 0;
  private rowStart = 0;
  private chunkRows = 0;
  private maxLine = 0;
  private chunkIndex = 0;

  private readonly memory: Buffer[] = [];

  /**
   * @param dir temporary directory (must exist); undefined keeps all bytes in memory (see `memoryText`)
   * @param prefix file name prefix (the table name)
   * @param rotateBytes start a new chunk at the first row end after this many bytes
   * @param onChunk called synchronously with every finished chunk, in order
   */
  constructor(
    private readonly dir: string | undefined,
    private readonly prefix: string,
    private readonly rotateBytes: number,
    private readonly onChunk: (chunk: CsvChunk) => void,
  ) {}

  text(s: string): void {
    if (this.fieldsInRow++ > 0) this.byte(0x2c);
    const n = s.length;
    if (n === 0) return;
    if (n <= PIECE_CHARS) {
      if (this.pos + n * 6 + 2 > BUFFER_BYTES) this.flush();
      const p = encodeUtf8Field(s, 0, n, this.out, this.pos, false);
      if (p >= 0) {
        this.pos = p;
        return;
      }
      this.out[this.pos] = QUOTE;
      this.pos = encodeUtf8Field(s, 0, n, this.out, this.pos + 1, true);
      this.out[this.pos++] = QUOTE;
      return;
    }
    this.longText(s);
  }

  plain(s: string): void {
    if (this.fieldsInRow++ > 0) this.byte(0x2c);
    const n = s.length;
    if (this.pos + n > BUFFER_BYTES) this.flush();
    const out = this.out;
    let p = this.pos;
    for (let i = 0; i < n; i++) out[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  int(n: number): void {
    this.plain(String(n));
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

  /** Writes buffered rows and hands over the last chunk, if any rows are in it. */
  finish(): void {
    this.flush();
    if (this.fd >= 0) this.rotate();
  }

  /** Closes the open chunk file without handing it over (after an error; the caller deletes the directory). */
  abort(): void {
    this.pos = 0;
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /** Quoted or not by a pre-scan, then encoded in pieces that never split a surrogate pair. */
  private longText(s: string): void {
    const quoted = needsQuotes(s);
    if (quoted) this.byte(QUOTE);
    for (let from = 0; from < s.length; ) {
      let to = Math.min(s.length, from + PIECE_CHARS);
      const last = s.charCodeAt(to - 1);
      if (to < s.length && last >= 0xd800 && last <= 0xdbff) to--;
      if (this.pos + (to - from) * 6 > BUFFER_BYTES) this.flush();
      this.pos = encodeUtf8Field(s, from, to, this.out, this.pos, quoted);
      from = to;
    }
    if (quoted) this.byte(QUOTE);
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
    if (this.dir === undefined) {
      this.memory.push(Buffer.from(this.out.subarray(0, this.pos)));
      this.written += this.pos;
      this.pos = 0;
      return;
    }
    if (this.fd < 0) {
      this.path = join(this.dir, `${this.prefix}-${String(this.chunkIndex++).padStart(5, '0')}.csv`);
      this.fd = openSync(this.path, 'w');
    }
    let off = 0;
    while (off < this.pos) off += writeSync(this.fd, this.out, off, this.pos - off);
    this.written += this.pos;
    this.pos = 0;
  }

  private rotate(): void {
    closeSync(this.fd);
    this.fd = -1;
    const chunk = { path: this.path, rows: this.chunkRows, maxLineBytes: this.maxLine };
    this.written = 0;
    this.rowStart = 0;
    this.chunkRows = 0;
    this.maxLine = 0;
    this.onChunk(chunk);
  }
}
