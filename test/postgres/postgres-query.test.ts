// A postgres table defined by a query instead of a server table: its result columns are checked like a
// table's (from the row description, no rows read), and it streams like one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakecError } from '../../compiler/diagnostics/diagnostic.js';
import type { PlanTable, PostgresTablesSource } from '../../compiler/types/table-source.js';
import { LIBPQ_ENV } from '../../compiler/types/table-source.js';
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import { ingestPostgres } from '../../runtime/sources/postgres/index.js';
import { postgresSkipReason, startPostgres, type PostgresEnv, type PostgresServer } from '../support/postgres-server.js';

const skip = postgresSkipReason();

/** Invoice totals with the customer's country: a join the source runs on the server. */
const SALES: PlanTable = {
  dataset: 'invoice_sales', from: 'invoice_sales', primaryKey: ['invoice_id'],
  query: 'SELECT i.invoice_id, c.country, i.total FROM invoice i JOIN customer c ON c.customer_id = i.customer_id',
  columns: [{ name: 'invoice_id', type: 'INTEGER' }, { name: 'country', type: 'VARCHAR' }, { name: 'total', type: 'DECIMAL(10,2)' }],
};
const source = (tables: PlanTable[]): PostgresTablesSource => ({ type: 'postgres', schema: 'public', connection: LIBPQ_ENV, tablesFile: 'tables.yaml', tables });

describe.skipIf(skip !== undefined)('postgres source: tables defined by a query', () => {
  let server: PostgresServer;
  let env: PostgresEnv;
  let engine: EngineAdapter;
  let work: string;
  beforeAll(async () => {
    server = await startPostgres();
    env = await server.loadChinook();
    engine = await openDuckDb();
    work = mkdtempSync(join(tmpdir(), 'lakec-pg-query-'));
  });
  afterAll(async () => {
    await engine?.close();
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('streams the query result with the declared types, ordered by the primary key', async () => {
    const out = join(work, 'ok');
    const r = await ingestPostgres({ source: source([SALES]), env, outDir: out, engine, tmpDir: work });
    expect(r.tables).toMatchObject([{ dataset: 'invoice_sales', rows: 412 }]);
    const [row] = await engine.query(`SELECT sum(total)::VARCHAR AS s, count(DISTINCT country) AS n, min(invoice_id) AS first FROM read_parquet('${out}/invoice_sales/*.parquet')`);
    expect(row).toEqual({ s: '2328.60', n: 24n, first: 1 });
    const [described] = [await engine.query(`SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet('${out}/invoice_sales/*.parquet'))`)];
    expect(described.map((d) => d['column_type'])).toEqual(['INTEGER', 'VARCHAR', 'DECIMAL(10,2)']);
  });

  it('a declared type that does not fit the query\'s column, or a query that no longer runs, is LK6409 before any row is read', async () => {
    const narrow = { ...SALES, columns: SALES.columns.map((c) => (c.name === 'total' ? { ...c, type: 'INTEGER' } : c)) };
    const drift = await ingestPostgres({ source: source([narrow]), env, outDir: join(work, 'drift'), engine, tmpDir: work }).catch((e: unknown) => e);
    expect(drift).toBeInstanceOf(LakecError);
    expect((drift as LakecError).diagnostic.code).toBe('LK6409');
    expect((drift as LakecError).diagnostic.message).toMatch(/column "total" .* is numeric\(10,2\) on the server, which does not fit the declared INTEGER/);
    const broken = { ...SALES, query: 'SELECT invoice_id, country, total FROM invoice_gone' };
    const gone = await ingestPostgres({ source: source([broken]), env, outDir: join(work, 'gone'), engine, tmpDir: work }).catch((e: unknown) => e);
    expect((gone as LakecError).diagnostic).toMatchObject({ code: 'LK6409' });
    expect((gone as LakecError).diagnostic.message).toMatch(/the query of table "invoice_sales" does not run: relation "invoice_gone" does not exist/);
  });
});
