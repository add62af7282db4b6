// sources/postgres: one table's CSV chunk files and Parquet parts. Batches of CSV records are appended
// to a chunk file; a chunk past `chunkBytes` is queued on the shared ParquetConverter as
// `<outDir>/<dataset>/part-NNNNN.parquet`, so memory stays bounded by one batch and the queue.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { ColumnSchema } from '../../../compiler/types/xml-mapping.js';
import { csvToParquetSql, emptyParquetSql } from '../../ingest/xml/copy-sql.js';
import type { ParquetConverter } from '../../ingest/xml/parquet-converter.js';

/** Writes the parts of one dataset. Nothing is created under `outDir` before the first part. */
export class TableParts {
  /** Rows appended so far. */
  rows = 0;
  /** Parquet parts, POSIX paths relative to `outDir` (`<dataset>/part-00000.parquet`). */
  readonly files: string[] = [];
  /** The dataset folder when this writer created it (removed on failure). */
  createdDir: string | undefined;
  private fd = -1;
  private chunkPath = '';
  private chunkBytes = 0;
  private maxLine = 0;
  private chunkIndex = 0;

  /**
   * @param workDir private temporary directory for CSV chunks (must exist)
   * @param rotateBytes a chunk is converted once it holds at least this many CSV bytes
   */
  constructor(
    private readonly dataset: string,
    private readonly columns: readonly ColumnSchema[],
    private readonly workDir: string,
    private readonly outDir: string,
    private readonly converter: ParquetConverter,
    private readonly rotateBytes: number,
  ) {}

  /** Appends `records` (complete CSV records, `rows` of them, longest `maxLineBytes`). */
  append(records: Buffer, rows: number, maxLineBytes: number): void {
    if (this.fd < 0) {
      this.chunkPath = join(this.workDir, `${this.dataset}-${String(this.chunkIndex++).padStart(5, '0')}.csv`);
      this.fd = openSync(this.chunkPath, 'w');
    }
    let off = 0;
    while (off < records.length) off += writeSync(this.fd, records, off, records.length - off);
    this.chunkBytes += records.length;
    this.maxLine = Math.max(this.maxLine, maxLineBytes);
    this.rows += rows;
    if (this.chunkBytes >= this.rotateBytes) this.cut();
  }

  /** Queues the last chunk, or an empty part when the table had no rows. */
  finish(): void {
    this.cut();
    if (this.files.length === 0) this.converter.enqueue(emptyParquetSql(this.nextPart(), this.columns));
  }

  /** Closes an open chunk file without converting it (after a failure; the caller removes workDir). */
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private cut(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
    this.converter.enqueue(csvToParquetSql(this.chunkPath, this.nextPart(), this.columns, this.maxLine), this.chunkPath, this.chunkBytes);
    this.chunkBytes = 0;
    this.maxLine = 0;
  }

  private nextPart(): string {
    if (this.files.length === 0) {
      const dir = join(this.outDir, this.dataset);
      // mkdirSync returns undefined when the folder already existed: then only our parts are ours to remove.
      if (mkdirSync(dir, { recursive: true }) !== undefined) this.createdDir = dir;
    }
    const rel = posix.join(this.dataset, `part-${String(this.files.length).padStart(5, '0')}.parquet`);
    this.files.push(rel);
    return join(this.outDir, rel);
  }
}
