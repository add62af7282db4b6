// ingest/xml: the RowSink that owns every output table's chunk writer and Parquet part names.
import { mkdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { SourceTableSchema } from '../../../compiler/types/xml-mapping.js';
import { csvToParquetSql, emptyParquetSql } from './copy-sql.js';
import { CsvChunkWriter, type CsvChunk } from './csv-chunk-writer.js';
import type { ParquetConverter } from './parquet-converter.js';
import type { RowSink } from './record-mapper.js';

/** One written table: its row count and Parquet parts (POSIX paths relative to the output directory). */
export interface IngestedTable {
  table: string;
  rows: number;
  files: string[];
}

/**
 * Routes rows to per-table CSV chunks under `workDir` and queues each finished chunk on `converter`
 * as `<outDir>/<table>/part-NNNNN.parquet`. Nothing is created under `outDir` before the first chunk.
 *
 * Parts are cut in batches so conversion keeps pace with parsing: once all tables together wrote
 * `batchBytes` since the last batch, every table holding at least `batchBytes / 8` is cut; a table
 * reaching `2 * batchBytes` is cut at once. So at most about one batch is left to convert at the end,
 * and small tables still get few, larger parts.
 */
export class TableOutputs implements RowSink {
  private readonly writers: CsvChunkWriter[];
  private readonly files: string[][];
  private batchStart = 0;

  constructor(
    private readonly schemas: readonly SourceTableSchema[],
    workDir: string,
    private readonly outDir: string,
    private readonly converter: ParquetConverter,
    private readonly batchBytes: number,
  ) {
    this.files = schemas.map(() => []);
    this.writers = schemas.map((s, t) => new CsvChunkWriter(workDir, s.table, 2 * batchBytes, (c) => this.convert(t, c)));
  }

  /** Cuts a batch of parts when enough was written since the last one (call between rows). */
  maybeCutBatch(): void {
    let total = 0;
    for (const w of this.writers) total += w.totalBytes;
    if (total - this.batchStart < this.batchBytes) return;
    for (const w of this.writers) if (w.chunkBytes >= this.batchBytes / 8) w.cut();
    this.batchStart = total;
  }

  table(t: number): CsvChunkWriter {
    return this.writers[t] as CsvChunkWriter;
  }

  /** Rows written so far over all tables. */
  get rows(): number {
    let n = 0;
    for (const w of this.writers) n += w.rows;
    return n;
  }

  /** Hands over the last chunk of every table, and queues an empty part for tables without rows. */
  finish(): void {
    this.writers.forEach((w, t) => {
      w.finish();
      if ((this.files[t] as string[]).length === 0) {
        const schema = this.schemas[t] as SourceTableSchema;
        this.converter.enqueue(emptyParquetSql(this.nextPart(t), schema.columns));
      }
    });
  }

  /** Closes open chunk files (after a failure). */
  abort(): void {
    for (const w of this.writers) w.abort();
  }

  /** Per-table results, in schema order. */
  results(): IngestedTable[] {
    return this.schemas.map((s, t) => ({ table: s.table, rows: (this.writers[t] as CsvChunkWriter).rows, files: [...(this.files[t] as string[])] }));
  }

  private convert(t: number, chunk: CsvChunk): void {
    const schema = this.schemas[t] as SourceTableSchema;
    this.converter.enqueue(csvToParquetSql(chunk.path, this.nextPart(t), schema.columns, chunk.maxLineBytes), chunk.path, chunk.bytes);
  }

  private nextPart(t: number): string {
    const table = (this.schemas[t] as SourceTableSchema).table;
    const files = this.files[t] as string[];
    if (files.length === 0) mkdirSync(join(this.outDir, table), { recursive: true });
    const rel = posix.join(table, `part-${String(files.length).padStart(5, '0')}.parquet`);
    files.push(rel);
    return join(this.outDir, rel);
  }
}
