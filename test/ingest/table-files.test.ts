// Files-of-tables sources (csv, jsonl, parquet): every table read by DuckDB with exactly its declared
// types, on the real Chinook CSV files and on JSON-lines / Parquet files written from them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakecError, type FileTablesSource, type PlanTable } from '../../compiler/index.js';
import { loadTables } from '../../compiler/load/load-tables.js';
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import { ingestTableFiles } from '../../runtime/ingest/tables/ingest-table-files.js';
import { CHINOOK_DATA, REPO } from '../support/paths.js';

const COUNTS = { album: 347, artist: 275, customer: 59, employee: 8, genre: 25, invoice: 412, invoice_line: 2240, media_type: 5, playlist: 18, playlist_track: 8715, track: 3503 };

function chinookTables(ext: string): PlanTable[] {
  const loaded = loadTables(join(REPO, 'specs/chinook/tables.yaml'), 'specs/chinook/tables.yaml', (d) => `${d}.${ext}`);
  expect(loaded.diagnostics).toEqual([]);
  return loaded.value!;
}

const source = (type: FileTablesSource['type'], tables: PlanTable[]): FileTablesSource => ({ type, location: 'data', pattern: `{table}.${type}`, tablesFile: 'tables.yaml', tables });

describe('ingestTableFiles', () => {
  let engine: EngineAdapter;
  beforeAll(async () => { engine = await openDuckDb(); });
  afterAll(async () => { await engine.close(); });
  const read = async (sql: string) => engine.query(sql);

  it('reads the real Chinook CSV files with the declared types: counts, NULLs, leading zeros, decimals', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lakec-tables-'));
    const tables = await ingestTableFiles({ source: source('csv', chinookTables('csv')), folder: CHINOOK_DATA, displayFolder: 'chinook', outDir: out, engine });
    expect(Object.fromEntries(tables.map((t) => [t.dataset, t.rows]))).toEqual(COUNTS);
    const invoice = (name: string) => `read_parquet('${join(out, name)}/*.parquet')`;
    const [types] = [await read(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${invoice('invoice')})`)];
    expect(types.find((r) => r['column_name'] === 'total')?.['column_type']).toBe('DECIMAL(10,2)');
    expect(types.find((r) => r['column_name'] === 'invoice_date')?.['column_type']).toBe('TIMESTAMP');
    const [sum] = await read(`SELECT sum(total)::VARCHAR AS s, count(*) FILTER (WHERE billing_state IS NULL) AS no_state FROM ${invoice('invoice')}`);
    expect(sum!['s']).toBe('2328.60');
    expect(Number(sum!['no_state'])).toBeGreaterThan(0);
    const [oslo] = await read(`SELECT billing_postal_code FROM ${invoice('invoice')} WHERE invoice_id = 2`);
    expect(oslo!['billing_postal_code']).toBe('0171');
    const [boss] = await read(`SELECT reports_to FROM ${invoice('employee')} WHERE employee_id = 1`);
    expect(boss!['reports_to']).toBeNull();
  });

  it('reads JSON-lines and Parquet files to the same tables', async () => {
    const csvOut = mkdtempSync(join(tmpdir(), 'lakec-tables-'));
    await ingestTableFiles({ source: source('csv', chinookTables('csv')), folder: CHINOOK_DATA, displayFolder: 'chinook', outDir: csvOut, engine });
    const folder = mkdtempSync(join(tmpdir(), 'lakec-tables-src-'));
    for (const t of Object.keys(COUNTS)) {
      await engine.run(`COPY (SELECT * FROM read_parquet('${join(csvOut, t)}/*.parquet')) TO '${join(folder, `${t}.jsonl`)}' (FORMAT json)`);
      await engine.run(`COPY (SELECT * FROM read_parquet('${join(csvOut, t)}/*.parquet')) TO '${join(folder, `${t}.parquet`)}' (FORMAT parquet)`);
    }
    for (const type of ['jsonl', 'parquet'] as const) {
      const out = mkdtempSync(join(tmpdir(), `lakec-tables-${type}-`));
      const tables = await ingestTableFiles({ source: source(type, chinookTables(type)), folder, displayFolder: 'x', outDir: out, engine });
      expect(Object.fromEntries(tables.map((t) => [t.dataset, t.rows]))).toEqual(COUNTS);
      for (const t of ['invoice', 'track', 'employee']) {
        const [diff] = await read(`SELECT count(*) AS n FROM ((SELECT * FROM read_parquet('${join(out, t)}/*.parquet') EXCEPT ALL SELECT * FROM read_parquet('${join(csvOut, t)}/*.parquet'))
          UNION ALL (SELECT * FROM read_parquet('${join(csvOut, t)}/*.parquet') EXCEPT ALL SELECT * FROM read_parquet('${join(out, t)}/*.parquet')))`);
        expect({ type, t, n: Number(diff!['n']) }).toEqual({ type, t, n: 0 });
      }
    }
  });

  it('a missing table file is LK6105; a value that does not convert is LK6104 naming the table and the line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lakec-tables-bad-'));
    const table: PlanTable = { dataset: 'genre', from: 'genre.csv', columns: [{ name: 'genre_id', type: 'INTEGER' }, { name: 'name', type: 'VARCHAR' }] };
    const out = mkdtempSync(join(tmpdir(), 'lakec-tables-out-'));
    const missing = await ingestTableFiles({ source: source('csv', [table]), folder, displayFolder: 'dumps', outDir: out, engine }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(LakecError);
    expect((missing as LakecError).diagnostic).toMatchObject({ code: 'LK6105', message: 'no file "genre.csv" for table "genre" in "dumps"' });
    writeFileSync(join(folder, 'genre.csv'), 'genre_id,name\n1,Rock\nx2,Jazz\n');
    const bad = await ingestTableFiles({ source: source('csv', [table]), folder, displayFolder: 'dumps', outDir: out, engine }).catch((e: unknown) => e);
    expect((bad as LakecError).diagnostic.code).toBe('LK6104');
    expect((bad as LakecError).diagnostic.message).toMatch(/table "genre" \(dumps\/genre\.csv\) does not read as declared: .*x2/);
  });
});
