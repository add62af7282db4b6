// The postgres source against a real PostgreSQL server loaded with Chinook.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakecError } from '../../compiler/diagnostics/diagnostic.js';
import { classifyError } from '../../runtime/control/classify-error.js';
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import { ingestPostgres } from '../../runtime/sources/postgres/index.js';
import { CHINOOK_ROWS, chinookSource, chinookTables } from '../support/postgres-chinook.js';
import { postgresSkipReason, startPostgres, type PostgresEnv, type PostgresServer } from '../support/postgres-server.js';

const skip = postgresSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)('postgres source', () => {
  let server: PostgresServer;
  let env: PostgresEnv;
  let engine: EngineAdapter;
  let work: string;

  beforeAll(async () => {
    server = await startPostgres();
    env = await server.loadChinook();
    engine = await openDuckDb();
    work = mkdtempSync(join(tmpdir(), 'lakec-pg-src-'));
  });
  afterAll(async () => {
    await engine?.close();
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const outDir = (name: string): string => join(work, name, 'bronze');
  const scalar = async (sql: string): Promise<unknown> => Object.values((await engine.query(sql))[0]!)[0];

  it('reads all 11 Chinook tables into typed Parquet with their row counts and values', async () => {
    const out = outDir('all');
    const progress: number[] = [];
    const started = performance.now();
    const r = await ingestPostgres({ source: chinookSource(), env, outDir: out, engine, tmpDir: work, onProgress: (p) => progress.push(p.rows) });
    const ms = performance.now() - started;
    console.log(`chinook: ${r.rows} rows, ${r.bytes} CSV bytes in ${ms.toFixed(0)} ms = ${Math.round(r.rows / (ms / 1000))} rows/s`);
    expect(Object.fromEntries(r.tables.map((t) => [t.dataset, t.rows]))).toEqual(CHINOOK_ROWS);
    expect(r.rows).toBe(15_607);
    expect(progress.at(-1)).toBe(15_607);
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.display).toBe(`postgres://127.0.0.1:${server.port}/chinook?schema=public`);
    for (const t of r.tables) expect(t.files.length).toBeGreaterThan(0);
    expect(await scalar(`SELECT sum(total)::VARCHAR FROM read_parquet('${out}/invoice/*.parquet')`)).toBe('2328.60');
    expect(await scalar(`SELECT count(*) FROM read_parquet('${out}/playlist_track/*.parquet')`)).toBe(8715n);
    const described = await engine.query(`DESCRIBE SELECT * FROM read_parquet('${out}/invoice/*.parquet')`);
    expect(described.map((d) => `${d['column_name']} ${d['column_type']}`)).toEqual(chinookTables().find((t) => t.dataset === 'invoice')!.columns.map((c) => `${c.name} ${c.type}`));
    const emp = (await engine.query(`SELECT first_name, birth_date::VARCHAR AS b, fax FROM read_parquet('${out}/employee/*.parquet') ORDER BY employee_id LIMIT 1`))[0]!;
    expect(emp).toEqual({ first_name: 'Andrew', b: '1962-02-18 00:00:00', fax: '+1 (780) 428-3457' });
    const nulls = await scalar(`SELECT count(*) FROM read_parquet('${out}/customer/*.parquet') WHERE company IS NULL`);
    expect(nulls).toBe(BigInt((await server.psql('SELECT count(*) FROM customer WHERE company IS NULL', 'chinook')).trim()));
    const names = await scalar(`SELECT string_agg(name, '|' ORDER BY track_id) FROM read_parquet('${out}/track/*.parquet') WHERE track_id IN (1, 2)`);
    expect(names).toBe(await server.psql("SELECT string_agg(name, '|' ORDER BY track_id) FROM track WHERE track_id IN (1, 2)", 'chinook'));
  });

  it('gives the same content hash on a second read, cut into other batches and parts', async () => {
    const throttled: number[] = [];
    const a = await ingestPostgres({ source: chinookSource(), env, outDir: outDir('h1'), engine, tmpDir: work });
    const b = await ingestPostgres({ source: chinookSource(), env, outDir: outDir('h2'), engine, tmpDir: work, batchRows: 1000, chunkBytes: 64 * 1024,
      throttle: async (d) => void throttled.push(d.rows) });
    expect(b.sha256).toBe(a.sha256);
    expect(b.bytes).toBe(a.bytes);
    expect(throttled.reduce((x, y) => x + y, 0)).toBe(15_607);
    expect(Math.max(...throttled)).toBe(1000);
    expect(readdirSync(join(outDir('h2'), 'playlist_track')).length).toBeGreaterThan(1);
    expect(await scalar(`SELECT count(*) FROM read_parquet('${outDir('h2')}/playlist_track/*.parquet')`)).toBe(8715n);
  });

  it('fails with LK6409 (schema drift) when a declared type does not fit the server column', async () => {
    const tables = chinookTables().map((t) => t.dataset !== 'invoice' ? t : { ...t, columns: t.columns.map((c) => c.name === 'total' ? { ...c, type: 'INTEGER' } : c) });
    const err = await ingestPostgres({ source: chinookSource(tables), env, outDir: outDir('drift'), engine, tmpDir: work }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LakecError);
    const d = (err as LakecError).diagnostic;
    expect(d.code).toBe('LK6409');
    expect(d.message).toContain('column "total" of table "public.invoice" is numeric(10,2) on the server, which does not fit the declared INTEGER');
    expect(d.hint).toBe('declare it as DECIMAL(10,2) in tables.yaml');
    expect(classifyError(err).code).toBe('SCHEMA_DRIFT');
    expect(existsSync(outDir('drift'))).toBe(false);
  });

  it('fails with LK6409 for a declared column the server lacks, and LK6105 for a missing table', async () => {
    const extra = chinookTables().slice(0, 1).map((t) => ({ ...t, columns: [...t.columns, { name: 'label', type: 'VARCHAR' }] }));
    const e1 = await ingestPostgres({ source: chinookSource(extra), env, outDir: outDir('missing-col'), engine, tmpDir: work }).catch((e: unknown) => e);
    expect((e1 as LakecError).diagnostic.code).toBe('LK6409');
    expect((e1 as LakecError).diagnostic.message).toContain('table "public.album" has no column "label"');
    const gone = [{ dataset: 'albums', from: 'albums', columns: [{ name: 'album_id', type: 'INTEGER' }] }];
    const e2 = await ingestPostgres({ source: chinookSource(gone), env, outDir: outDir('missing-table'), engine, tmpDir: work }).catch((e: unknown) => e);
    expect((e2 as LakecError).diagnostic.code).toBe('LK6105');
    expect((e2 as LakecError).diagnostic.message).toContain('table "public.albums" (dataset "albums") not found');
    expect(classifyError(e2).code).toBe('SOURCE_UNAVAILABLE');
  });

  it('reports a wrong password as LK6105 without the password anywhere in the error', async () => {
    const wrong = `wrong-${env.PGPASSWORD.slice(0, 8)}-Secret`;
    const err = await ingestPostgres({ source: chinookSource(), env: { ...env, PGPASSWORD: wrong }, outDir: outDir('auth'), engine, tmpDir: work }).catch((e: unknown) => e);
    expect((err as LakecError).diagnostic.code).toBe('LK6105');
    expect((err as LakecError).diagnostic.message).toContain('password authentication failed for user "lakec" (SQLSTATE 28P01)');
    expect((err as LakecError).diagnostic.hint).toBe('check PGUSER and PGPASSWORD');
    const classified = classifyError(err);
    expect(classified.code).toBe('SOURCE_UNAVAILABLE');
    const everything = [String(err), (err as Error).stack, JSON.stringify((err as LakecError).diagnostic), classified.original, classified.message, String((err as Error).cause), ((err as Error).cause as Error).stack].join('\n');
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(env.PGPASSWORD);
  });

  it('reports a closed port and an unset password variable as LK6105', async () => {
    const closed = await ingestPostgres({ source: chinookSource(), env: { ...env, PGPORT: '1' }, outDir: outDir('refused'), engine, tmpDir: work }).catch((e: unknown) => e);
    expect((closed as LakecError).diagnostic.code).toBe('LK6105');
    expect((closed as LakecError).diagnostic.message).toMatch(/^postgres source at postgres:\/\/127\.0\.0\.1:1\/chinook: cannot connect: connect ECONNREFUSED/);
    const { PGPASSWORD: _omit, ...noPassword } = env;
    const unset = await ingestPostgres({ source: chinookSource(), env: noPassword, outDir: outDir('unset'), engine, tmpDir: work }).catch((e: unknown) => e);
    expect((unset as LakecError).diagnostic.code).toBe('LK6105');
    expect((unset as LakecError).diagnostic.message).toContain('the server asks for a password, but PGPASSWORD is not set');
  });

  it('round-trips PostgreSQL types into the declared DuckDB types', async () => {
    await server.psql(`SET ROLE lakec; CREATE TYPE mood AS ENUM ('sad', 'happy');
      CREATE TABLE typed (id int8 PRIMARY KEY, small int2, flag bool, bin bytea, f float8, r float4, ts timestamptz, d date, n numeric(12,3), u uuid, j jsonb, m mood, t text, c char(3), tm time, free numeric);
      INSERT INTO typed VALUES
        (1, 7, true, '\\x00ff0a22', 'Infinity', 1.5, '2020-05-01 12:00:00+02', '2020-02-29', 123456789.125, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, "x,y"]}', 'happy', E'quote " comma , newline \\n end', 'ab', '13:14:15.5', 1.25),
        (2, NULL, false, '', 'NaN', -0.25, NULL, NULL, -0.001, NULL, 'null', 'sad', '', NULL, NULL, NULL),
        (3, -32768, NULL, NULL, 1e-300, NULL, '1999-12-31 23:59:59.123456+00', '0001-01-01', 0, NULL, NULL, NULL, NULL, 'xyz', '00:00:00', -99.5);
      CREATE TABLE empty_one (id int4 PRIMARY KEY, label varchar(10));`, 'lakec');
    const columns = [['id', 'BIGINT'], ['small', 'INTEGER'], ['flag', 'BOOLEAN'], ['bin', 'BLOB'], ['f', 'DOUBLE'], ['r', 'DOUBLE'], ['ts', 'TIMESTAMP WITH TIME ZONE'], ['d', 'DATE'],
      ['n', 'DECIMAL(18,3)'], ['u', 'UUID'], ['j', 'VARCHAR'], ['m', 'VARCHAR'], ['t', 'VARCHAR'], ['c', 'VARCHAR'], ['tm', 'TIME'], ['free', 'DECIMAL(10,2)']].map(([name, type]) => ({ name: name!, type: type! }));
    const tables = [
      { dataset: 'typed', from: 'typed', columns, primaryKey: ['id'] },
      { dataset: 'empty_one', from: 'empty_one', columns: [{ name: 'id', type: 'INTEGER' }, { name: 'label', type: 'VARCHAR' }], primaryKey: ['id'] },
    ];
    const out = outDir('typed');
    const r = await ingestPostgres({ source: chinookSource(tables), env: { ...env, PGDATABASE: 'lakec' }, outDir: out, engine, tmpDir: work });
    expect(r.tables.map((t) => [t.dataset, t.rows, t.files])).toEqual([['typed', 3, ['typed/part-00000.parquet']], ['empty_one', 0, ['empty_one/part-00000.parquet']]]);
    const rows = await engine.query(`SELECT id, small, flag, hex(bin) AS bin, f::VARCHAR AS f, r, timezone('UTC', ts)::VARCHAR AS ts, d::VARCHAR AS d, n::VARCHAR AS n, u::VARCHAR AS u, j, m, t, c, tm::VARCHAR AS tm, free::VARCHAR AS free
      FROM read_parquet('${out}/typed/*.parquet') ORDER BY id`);
    expect(rows).toEqual([
      { id: 1n, small: 7, flag: true, bin: '00FF0A22', f: 'inf', r: 1.5, ts: '2020-05-01 10:00:00', d: '2020-02-29', n: '123456789.125', u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', j: '{"a": [1, "x,y"]}', m: 'happy', t: 'quote " comma , newline \n end', c: 'ab ', tm: '13:14:15.5', free: '1.25' },
      { id: 2n, small: null, flag: false, bin: '', f: 'nan', r: -0.25, ts: null, d: null, n: '-0.001', u: null, j: 'null', m: 'sad', t: '', c: null, tm: null, free: null },
      { id: 3n, small: -32768, flag: null, bin: null, f: '1e-300', r: null, ts: '1999-12-31 23:59:59.123456', d: '0001-01-01', n: '0.000', u: null, j: null, m: null, t: null, c: 'xyz', tm: '00:00:00', free: '-99.50' },
    ]);
    const empty = await engine.query(`DESCRIBE SELECT * FROM read_parquet('${out}/empty_one/*.parquet')`);
    expect(empty.map((d) => [d['column_name'], d['column_type']])).toEqual([['id', 'INTEGER'], ['label', 'VARCHAR']]);
  });

  it('stops on abort: rejects with the reason and leaves no Parquet parts behind', async () => {
    const controller = new AbortController();
    const reason = new Error('stop now');
    const out = outDir('abort');
    let batches = 0;
    const err = await ingestPostgres({ source: chinookSource(), env, outDir: out, engine, tmpDir: work, batchRows: 100, chunkBytes: 2048,
      throttle: async () => { if (++batches === 40) controller.abort(reason); }, signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBe(reason);
    expect(batches).toBe(40);
    const left = existsSync(out) ? readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.parquet')) : [];
    expect(left).toEqual([]);
    expect(readdirSync(work).filter((f) => f.startsWith('lakec-pg-'))).toEqual([]);
  });
});
