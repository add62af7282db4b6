// The postgres target against a real PostgreSQL server: DDL goldens, transactional swap under a reader
// loop, idempotent re-publication, grants, the Redshift dialect's load path, and no leaked password.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakecError } from '../../compiler/diagnostics/diagnostic.js';
import { LIBPQ_ENV } from '../../compiler/types/table-source.js';
import type { PlanTarget, TargetDialect } from '../../compiler/types/target.js';
import { classifyError } from '../../runtime/control/classify-error.js';
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import { publishToPostgres, targetDdl, targetTableNames } from '../../runtime/targets/postgres/index.js';
import { postgresSkipReason, startPostgres, type PostgresServer } from '../support/postgres-server.js';

const skip = postgresSkipReason();
if (skip) console.warn(skip);

/** Columns of the generated `facts` dataset (DuckDB types as DESCRIBE prints them). */
const FACTS = [
  { name: 'id', type: 'BIGINT' }, { name: 'x', type: 'BIGINT' }, { name: 'label', type: 'VARCHAR' },
  { name: 'amount', type: 'DECIMAL(10,2)' }, { name: 'at', type: 'TIMESTAMP' }, { name: 'even', type: 'BOOLEAN' },
];

describe('postgres target DDL', () => {
  const columns = [
    ...FACTS, { name: 'f', type: 'DOUBLE' }, { name: 'r', type: 'FLOAT' }, { name: 'd', type: 'DATE' }, { name: 'tz', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'u', type: 'UUID' }, { name: 'j', type: 'JSON' }, { name: 'b', type: 'BLOB' }, { name: 'tags', type: 'VARCHAR[]' },
    { name: 's', type: 'STRUCT(a INTEGER, b VARCHAR)' }, { name: 'big', type: 'HUGEINT' }, { name: 'small', type: 'TINYINT' }, { name: 'Odd "name"', type: 'INTEGER' },
  ];
  it('maps DuckDB types to PostgreSQL DDL', () => {
    expect(targetDdl('facts', columns, 'postgres', 'mart')).toBe(`CREATE TABLE "mart"."facts" (
  "id" BIGINT,
  "x" BIGINT,
  "label" TEXT,
  "amount" NUMERIC(10,2),
  "at" TIMESTAMP,
  "even" BOOLEAN,
  "f" DOUBLE PRECISION,
  "r" REAL,
  "d" DATE,
  "tz" TIMESTAMPTZ,
  "u" UUID,
  "j" JSONB,
  "b" BYTEA,
  "tags" JSONB,
  "s" JSONB,
  "big" NUMERIC(38,0),
  "small" SMALLINT,
  "Odd ""name""" INTEGER
)`);
  });
  it('maps DuckDB types to Redshift DDL', () => {
    expect(targetDdl('facts', columns, 'redshift')).toBe(`CREATE TABLE "facts" (
  "id" BIGINT,
  "x" BIGINT,
  "label" VARCHAR(65535),
  "amount" NUMERIC(10,2),
  "at" TIMESTAMP,
  "even" BOOLEAN,
  "f" DOUBLE PRECISION,
  "r" REAL,
  "d" DATE,
  "tz" TIMESTAMPTZ,
  "u" CHAR(36),
  "j" VARCHAR(65535),
  "b" VARBYTE,
  "tags" VARCHAR(65535),
  "s" VARCHAR(65535),
  "big" NUMERIC(38,0),
  "small" SMALLINT,
  "Odd ""name""" INTEGER
)`);
  });
  it('keeps staging names within 63 bytes', () => {
    expect(targetTableNames('facts')).toEqual({ table: 'facts', staging: 'facts__lakec_staging', old: 'facts__lakec_old' });
    const long = targetTableNames('a'.repeat(60));
    expect(Buffer.byteLength(long.staging)).toBe(63);
    expect(long.staging).toMatch(/^a+_[0-9a-f]{8}__lakec_staging$/);
    expect(() => targetTableNames('a'.repeat(64))).toThrow(/63-byte/);
  });
});

describe.skipIf(skip !== undefined)('postgres target', () => {
  let server: PostgresServer;
  let engine: EngineAdapter;
  let work: string;

  beforeAll(async () => {
    server = await startPostgres();
    engine = await openDuckDb();
    work = mkdtempSync(join(tmpdir(), 'lakec-pg-tgt-'));
  });
  afterAll(async () => {
    await engine?.close();
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const target = (dialect: TargetDialect = 'postgres', schema = 'mart'): PlanTarget =>
    ({ id: 'shop.warehouse', pipeline: 'shop', type: 'postgres', schema, dialect, datasets: ['facts', 'odd'], system: 'postgres', connection: LIBPQ_ENV });

  /** Writes `rows` generated facts (ids from `first`) as two Parquet parts; returns the folder. */
  async function facts(name: string, rows: number, first = 0): Promise<string> {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    const half = Math.floor(rows / 2);
    const select = (from: number, to: number) => `SELECT i AS id, i * 2 AS x, CASE WHEN i % 10 = 0 THEN NULL WHEN i % 10 = 1 THEN '' ELSE 'row "' || i || '", ok' END AS label,
      ((i % 100) / 4)::DECIMAL(10,2) AS amount, TIMESTAMP '2020-01-01' + to_seconds(i) AS at, i % 2 = 0 AS even FROM range(${from}, ${to}) t(i)`;
    await engine.run(`COPY (${select(first, first + half)}) TO '${dir}/part-00000.parquet' (FORMAT parquet)`);
    await engine.run(`COPY (${select(first + half, first + rows)}) TO '${dir}/part-00001.parquet' (FORMAT parquet)`);
    return dir;
  }
  const sumX = (first: number, rows: number): bigint => { let s = 0n; for (let i = first; i < first + rows; i++) s += BigInt(i * 2); return s; };

  it('publishes repeatedly under reader loops that never see an empty, partial or missing table', async () => {
    const runs = [{ id: 'run-a', rows: 4000, first: 0 }, { id: 'run-b', rows: 20_000, first: 100_000 }, { id: 'run-c', rows: 3000, first: 500_000 }];
    const dirs = await Promise.all(runs.map((r) => facts(`facts-${r.id}`, r.rows, r.first)));
    const publish = (i: number, runId: string) => publishToPostgres({ target: target(), datasets: [{ name: 'facts', dir: dirs[i]!, columns: FACTS }], engine, env: server.env, runId, tmpDir: work });
    const first = await publish(0, 'run-0');
    expect(first.tables.map((t) => [t.dataset, t.rows, t.skipped])).toEqual([['facts', 4000, false]]);
    const allowed = new Set(runs.map((r) => `${r.rows}:${sumX(r.first, r.rows)}`));
    const readers = await Promise.all([1, 2, 3].map(async () => {
      const c = new pg.Client({ ...clientConfig(server), application_name: 'reader' });
      await c.connect();
      return c;
    }));
    const seen = new Map<string, number>();
    const errors: string[] = [];
    let done = false;
    let iterations = 0;
    const loops = readers.map(async (reader) => {
      while (!done) {
        try {
          const r = await reader.query<{ n: string; s: string | null }>('SELECT count(*) AS n, sum(x) AS s FROM mart.facts');
          const key = `${r.rows[0]!.n}:${r.rows[0]!.s}`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
        } catch (e) {
          errors.push((e as Error).message);
        }
        iterations++;
      }
    });
    const started = performance.now();
    const times: number[] = [];
    for (let n = 1; n <= 6; n++) {
      const r = await publish(n % 3, `run-${n}`);
      expect(r.tables.map((t) => [t.rows, t.skipped])).toEqual([[runs[n % 3]!.rows, false]]);
      times.push(r.tables[0]!.ms);
    }
    const ms = performance.now() - started;
    await new Promise((r) => setTimeout(r, 20));
    done = true;
    await Promise.all(loops);
    await Promise.all(readers.map((r) => r.end()));
    console.log(`publish ms per swap: ${times.map((t) => t.toFixed(0)).join(', ')}; 3 readers: ${iterations} queries in ${ms.toFixed(0)} ms, results ${JSON.stringify(Object.fromEntries(seen))}`);
    expect(errors).toEqual([]);
    for (const key of seen.keys()) expect(allowed.has(key)).toBe(true);
    expect(seen.size).toBe(3);
    expect(iterations).toBeGreaterThan(30);
    expect(await server.psql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'mart'")).toBe('facts');
    expect(await server.psql("SELECT obj_description('mart.facts'::regclass, 'pg_class')")).toBe('lakec run run-6');
  });

  it('a reader queued behind the swap lock reads the new table once the swap commits', async () => {
    const oldDir = await facts('facts-lock-old', 500);
    const newDir = await facts('facts-lock-new', 700, 1000);
    const publish = (dir: string, runId: string) => publishToPostgres({ target: target('postgres', 'locked'), datasets: [{ name: 'facts', dir, columns: FACTS }], engine, env: server.env, runId, tmpDir: work });
    await publish(oldDir, 'l1');
    const [blocker, reader, watcher] = await Promise.all(['blocker', 'reader', 'watcher'].map(async (name) => {
      const c = new pg.Client({ ...clientConfig(server), application_name: name });
      await c.connect();
      return c;
    })) as [pg.Client, pg.Client, pg.Client];
    const waiting = async (app: string): Promise<void> => {
      for (let i = 0; i < 500; i++) {
        const r = await watcher.query("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [app]);
        if (r.rows[0].n === '1') return;
        await new Promise((res) => setTimeout(res, 10));
      }
      throw new Error(`${app} never waited for a lock`);
    };
    await blocker.query('BEGIN');
    await blocker.query('SELECT count(*) FROM locked.facts');
    const publishing = publish(newDir, 'l2');
    await waiting('lakec');
    const read = reader.query<{ n: string }>('SELECT count(*) AS n FROM locked.facts');
    await waiting('reader');
    await blocker.query('COMMIT');
    const [published, result] = await Promise.all([publishing, read]);
    await Promise.all([blocker.end(), reader.end(), watcher.end()]);
    expect(published.tables[0]!.rows).toBe(700);
    expect(result.rows[0]!.n).toBe('700');
  });

  it('skips a table that already carries the run, and replaces a leftover staging table', async () => {
    const dir = await facts('facts-idem', 1000, 7);
    const one = await publishToPostgres({ target: target('postgres', 'idem'), datasets: [{ name: 'facts', dir, columns: FACTS }], engine, env: server.env, runId: 'run-1', tmpDir: work });
    const again = await publishToPostgres({ target: target('postgres', 'idem'), datasets: [{ name: 'facts', dir, columns: FACTS }], engine, env: server.env, runId: 'run-1', tmpDir: work });
    expect(one.tables[0]!.skipped).toBe(false);
    expect(again.tables.map((t) => [t.rows, t.skipped])).toEqual([[1000, true]]);
    await server.psql('SET ROLE lakec; CREATE TABLE idem.facts__lakec_staging (junk int); CREATE TABLE idem.facts__lakec_old (junk int);');
    const next = await publishToPostgres({ target: target('postgres', 'idem'), datasets: [{ name: 'facts', dir, columns: FACTS }], engine, env: server.env, runId: 'run-2', tmpDir: work });
    expect(next.tables[0]!.skipped).toBe(false);
    expect(await server.psql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'idem'")).toBe('facts');
  });

  it('round-trips values: NULL versus empty text, decimals, timestamps, and grants survive the swap', async () => {
    const dir = await facts('facts-values', 200);
    await publishToPostgres({ target: target('postgres', 'vals'), datasets: [{ name: 'facts', dir, columns: FACTS }], engine, env: server.env, runId: 'v1', tmpDir: work });
    await server.psql('CREATE ROLE reporting; GRANT USAGE ON SCHEMA vals TO reporting; GRANT SELECT ON vals.facts TO reporting;');
    await publishToPostgres({ target: target('postgres', 'vals'), datasets: [{ name: 'facts', dir, columns: FACTS }], engine, env: server.env, runId: 'v2', tmpDir: work });
    expect(await server.psql("SELECT has_table_privilege('reporting', 'vals.facts', 'SELECT')")).toBe('t');
    const row = await server.psql(`SELECT count(*) FILTER (WHERE label IS NULL), count(*) FILTER (WHERE label = ''), sum(amount), max(at)::text,
      count(*) FILTER (WHERE even), (SELECT label FROM vals.facts WHERE id = 2) FROM vals.facts`);
    expect(row).toBe('20|20|2475.00|2020-01-01 00:03:19|100|row "2", ok');
    const types = await server.psql("SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'vals' AND table_name = 'facts'");
    expect(types).toBe('id bigint, x bigint, label text, amount numeric, at timestamp without time zone, even boolean');
  });

  it('publishes nested, binary and special values', async () => {
    const dir = join(work, 'odd');
    mkdirSync(dir, { recursive: true });
    await engine.run(`COPY (SELECT * FROM (VALUES
      (1, '\\xDE\\xAD'::BLOB, ['a', 'b,c'], {'k': 1, 'v': 'x"y'}, 'inf'::DOUBLE, TIMESTAMPTZ '2020-05-01 12:00:00+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID, '{"z": [1]}'::JSON, '\\.'),
      (2, NULL, NULL, NULL, 'nan'::DOUBLE, NULL, NULL, NULL, 'line1
line2')) v(id, b, tags, s, f, tz, u, j, t)) TO '${dir}/part-00000.parquet' (FORMAT parquet)`);
    const columns = (await engine.query(`DESCRIBE SELECT * FROM read_parquet('${dir}/*.parquet')`)).map((d) => ({ name: String(d['column_name']), type: String(d['column_type']) }));
    await publishToPostgres({ target: target('postgres', 'odd'), datasets: [{ name: 'odd', dir, columns }], engine, env: server.env, runId: 'o1', tmpDir: work });
    const out = await server.psql("SELECT id, encode(b, 'hex'), tags->>1, s->>'v', f, tz AT TIME ZONE 'UTC', u, j->'z'->>0, t FROM odd.odd ORDER BY id");
    expect(out).toBe('1|dead|b,c|x"y|Infinity|2020-05-01 10:00:00|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11|1|\\.\n2||||NaN||||line1\nline2');
  });

  it('loads through INSERTs with the Redshift dialect', async () => {
    const dir = await facts('facts-redshift', 2500, 3);
    const r = await publishToPostgres({ target: target('redshift', 'rs'), datasets: [{ name: 'facts', dir, columns: FACTS }], engine, env: server.env, runId: 'rs1', tmpDir: work });
    expect(r.tables.map((t) => [t.rows, t.skipped])).toEqual([[2500, false]]);
    expect(await server.psql('SELECT count(*), sum(x), count(label), sum(amount) FROM rs.facts')).toBe(`2500|${sumX(3, 2500)}|2250|30937.50`);
    expect(await server.psql("SELECT character_maximum_length FROM information_schema.columns WHERE table_schema = 'rs' AND column_name = 'label'")).toBe('65535');
  });

  it('rejects with the abort reason and leaves the published table as it was', async () => {
    const dir = await facts('facts-abort', 20_000);
    const publish = (runId: string, signal?: AbortSignal) => publishToPostgres({ target: target('postgres', 'aborted'), datasets: [{ name: 'facts', dir, columns: FACTS }], engine, env: server.env, runId, tmpDir: work, ...(signal ? { signal } : {}) });
    await publish('a1');
    for (const delay of [0, 5, 20]) {
      const controller = new AbortController();
      const reason = new Error(`stop after ${delay} ms`);
      setTimeout(() => controller.abort(reason), delay);
      const err = await publish(`a2-${delay}`, controller.signal).catch((e: unknown) => e);
      expect(err).toBe(reason);
      expect(await server.psql("SELECT obj_description('aborted.facts'::regclass, 'pg_class'), (SELECT count(*) FROM aborted.facts)")).toBe('lakec run a1|20000');
    }
    expect((await publish('a3')).tables[0]!.skipped).toBe(false);
    expect(readdirSync(work).filter((f) => f.startsWith('lakec-publish-'))).toEqual([]);
  });

  it('never puts the password in an error, and classifies login and server failures', async () => {
    const dir = await facts('facts-fail', 10);
    const wrong = { ...server.env, PGPASSWORD: `${server.env.PGPASSWORD}x` };
    const auth = await publishToPostgres({ target: target('postgres', 'fail'), datasets: [{ name: 'facts', dir, columns: FACTS }], engine, env: wrong, runId: 'f1', tmpDir: work }).catch((e: unknown) => e);
    expect((auth as LakecError).diagnostic.code).toBe('LK6105');
    expect((auth as LakecError).diagnostic.message).toMatch(/^postgres target "shop.warehouse" at postgres:\/\/127\.0\.0\.1:\d+\/lakec: cannot connect: password authentication failed/);
    // A view on the published table makes the swap's DROP fail: the old table must stay in place.
    await publishToPostgres({ target: target('postgres', 'fail'), datasets: [{ name: 'facts', dir, columns: FACTS }], engine, env: server.env, runId: 'f1', tmpDir: work });
    await server.psql('SET ROLE lakec; CREATE VIEW fail.v AS SELECT id FROM fail.facts;');
    const blocked = await publishToPostgres({ target: target('postgres', 'fail'), datasets: [{ name: 'facts', dir, columns: FACTS }], engine, env: server.env, runId: 'f2', tmpDir: work }).catch((e: unknown) => e);
    expect((blocked as LakecError).diagnostic.code).toBe('LK6201');
    expect((blocked as LakecError).diagnostic.message).toContain('publishing "facts" failed: cannot drop table fail.facts__lakec_old because other objects depend on it (SQLSTATE 2BP01)');
    expect(classifyError(blocked).code).toBe('ENGINE_ERROR');
    expect(await server.psql("SELECT obj_description('fail.facts'::regclass, 'pg_class'), (SELECT count(*) FROM fail.facts)")).toBe('lakec run f1|10');
    for (const err of [auth, blocked]) {
      const text = [String(err), (err as Error).stack, JSON.stringify((err as LakecError).diagnostic), classifyError(err).original].join('\n');
      expect(text).not.toContain(server.env.PGPASSWORD);
    }
  });
});

function clientConfig(server: PostgresServer): pg.ClientConfig {
  const e = server.env;
  return { host: e.PGHOST, port: Number(e.PGPORT), user: e.PGUSER, password: e.PGPASSWORD, database: e.PGDATABASE };
}
