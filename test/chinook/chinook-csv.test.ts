// The Chinook pipeline end to end from CSV: the real export (../shared/data/chinook) and the hand-written
// example (specs/chinook/example-csv). Row counts are the data README's; every report model's content is
// compared with an independent query (test/chinook/report-queries.ts) run by DuckDB over the raw CSV files.
import { mkdtempSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import type { RunManifest } from '../../runtime/index.js';
import { CHINOOK_DATA, REPO } from '../support/paths.js';
import { runCli, type CliRun } from '../support/run-cli.js';
import { REPORT_QUERIES, createLakeViews, createRawCsvViews, duckRows } from './report-queries.js';

/** The real Chinook export beside the repository (see ../shared/data/README.md). */
const CHINOOK_CSV = CHINOOK_DATA;
const EXAMPLE_CSV = join(REPO, 'specs', 'chinook', 'example-csv');

/** The data README's row counts. */
const README_COUNTS: Readonly<Record<string, number>> = {
  album: 347, artist: 275, customer: 59, employee: 8, genre: 25, invoice: 412, invoice_line: 2240,
  media_type: 5, playlist: 18, playlist_track: 8715, track: 3503,
};

function manifestOf(lake: string): RunManifest {
  return JSON.parse(readFileSync(join(lake, 'active', '_manifest.json'), 'utf8')) as RunManifest;
}

/** Ids of the chinook pipeline's rules (spec rules, unique_key and primary_key rules), from the applied plan. */
function chinookRuleIds(lake: string): Set<string> {
  const plan = JSON.parse(readFileSync(join(lake, 'active', '_plan.json'), 'utf8')) as { validations: { pipeline: string; rule: { id: string } }[] };
  return new Set(plan.validations.filter((v) => v.pipeline === 'chinook').map((v) => v.rule.id));
}

interface Applied {
  run: CliRun;
  lake: string;
  engine: EngineAdapter;
}

/** Applies the root project into a new lake, then opens DuckDB with raw-CSV views and `lake_<dataset>` views. */
async function applyFrom(csvDir: string | undefined): Promise<Applied> {
  const lake = join(mkdtempSync(join(tmpdir(), 'lakec-chinook-')), 'lake');
  const vars = csvDir === undefined ? [] : ['--var', `chinook_csv_dir=${csvDir}`];
  const run = await runCli(['apply', '--project', REPO, '--lake', lake, ...vars], REPO);
  const engine = await openDuckDb();
  await createRawCsvViews(engine, csvDir ?? EXAMPLE_CSV);
  if (run.code === 0) await createLakeViews(engine, join(lake, 'active'), 'lake_');
  return { run, lake, engine };
}

/** Every report's rows, in file order, against the independent query's rows in its ORDER BY. */
async function expectReportsMatch(engine: EngineAdapter): Promise<void> {
  for (const [report, sql] of Object.entries(REPORT_QUERIES)) {
    const actual = await duckRows(engine, `SELECT * FROM lake_${report}`);
    const expected = await duckRows(engine, sql);
    expect(actual.length, report).toBeGreaterThan(0);
    expect({ report, rows: actual }).toEqual({ report, rows: expected });
  }
}

describe('the Chinook pipeline on the real CSV export', () => {
  let applied: Applied;
  beforeAll(async () => {
    applied = await applyFrom(CHINOOK_CSV);
  }, 180_000);
  afterAll(async () => applied?.engine.close());

  it('succeeds, validates and promotes', () => {
    const { run, lake } = applied;
    expect(run.stderr + run.stdout).toMatch(/succeeded/);
    expect(run.code).toBe(0);
    const m = manifestOf(lake);
    expect(m.status).toBe('succeeded');
    expect(readlinkSync(join(lake, 'active'))).toBe(`_runs/${m.runId}`);
  });

  it('has the README row counts in bronze and the same grain in silver and the dimensions', () => {
    const rows = Object.fromEntries(manifestOf(applied.lake).datasets.map((d) => [d.name, d.rows]));
    for (const [table, count] of Object.entries(README_COUNTS)) expect({ table, rows: rows[table] }).toEqual({ table, rows: count });
    expect(rows).toMatchObject({
      invoice_lines_clean: 2240, invoices_clean: 412, tracks_clean: 3503, customers_clean: 59, playlist_tracks_clean: 8715,
      fact_invoice_line: 2240, dim_track: 3503, dim_album: 347, dim_artist: 275, dim_customer: 59, dim_employee: 8, dim_genre: 25,
      // 2021-01-01 .. 2025-12-31: the calendar years of the invoices.
      dim_date: 1826,
      report_monthly_sales: 60, report_customer_spending_tiers: 59, report_employee_sales: 3, report_regional_pricing: 24,
    });
  });

  it('has fact line amounts summing to the invoice totals: 2,328.60', async () => {
    const { engine } = applied;
    const [fact] = await engine.query(`SELECT CAST(sum(line_amount) AS VARCHAR) AS s, count(*) AS n FROM lake_fact_invoice_line`);
    const [raw] = await engine.query(`SELECT CAST(sum(total) AS VARCHAR) AS s FROM invoice`);
    expect(fact).toEqual({ s: '2328.60', n: 2240n });
    expect(raw).toEqual({ s: '2328.60' });
    // Per invoice too, straight from the raw files.
    const [bad] = await engine.query(`
      SELECT count(*) AS n FROM invoice i
      FULL JOIN (SELECT invoice_id, sum(line_amount) AS s FROM lake_fact_invoice_line GROUP BY invoice_id) f USING (invoice_id)
      WHERE i.total IS DISTINCT FROM f.s`);
    expect(bad).toEqual({ n: 0n });
  });

  it('passes every Chinook error rule, the sums_match reconciliation among them', () => {
    const report = JSON.parse(readFileSync(join(applied.lake, 'active', '_reports', 'sanity_report.json'), 'utf8')) as {
      checks: { id: string; kind: string; severity: string; ok: boolean; value: number; details: string }[];
    };
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId['invoice_totals_match']).toMatchObject({
      kind: 'sums_match', severity: 'error', ok: true, value: 0,
      details: 'the sums of fact_invoice_line.line_amount and invoices_clean.total match within 0.005 for 412 invoice_id keys; totals 2328.60 and 2328.60',
    });
    expect(byId['genre_revenue_matches_fact']).toMatchObject({ ok: true, value: 0 });
    for (const id of ['fact_invoice_line_date_exists', 'fact_invoice_line_customer_exists', 'fact_invoice_line_employee_exists',
      'fact_invoice_line_track_exists', 'fact_invoice_line_album_exists', 'fact_invoice_line_artist_exists',
      'fact_invoice_line_genre_exists', 'fact_invoice_line__unique_key', 'dim_date__unique_key', 'dim_customer__unique_key',
      'dim_track__unique_key', 'dim_employee__unique_key', 'dim_genre__unique_key', 'dim_artist__unique_key', 'dim_album__unique_key']) {
      expect(byId[id], id).toMatchObject({ severity: 'error', ok: true, value: 0 });
    }
    const ids = chinookRuleIds(applied.lake);
    expect(ids.size).toBeGreaterThan(80);
    expect(report.checks.filter((c) => ids.has(c.id) && !c.ok)).toEqual([]);
  });

  it('has fact keys that resolve in the raw store', async () => {
    const [row] = await applied.engine.query(`
      SELECT count(*) FILTER (WHERE f.date_key <> CAST(strftime(i.invoice_date, '%Y%m%d') AS INTEGER)) AS bad_date,
             count(*) FILTER (WHERE f.customer_id <> i.customer_id OR f.employee_id <> c.support_rep_id) AS bad_customer,
             count(*) FILTER (WHERE f.album_id <> t.album_id OR f.artist_id <> al.artist_id OR f.genre_id <> t.genre_id) AS bad_track,
             count(*) FILTER (WHERE f.line_amount <> il.unit_price * il.quantity) AS bad_amount
      FROM lake_fact_invoice_line f
      JOIN invoice_line il ON il.invoice_line_id = f.invoice_line_id
      JOIN invoice i ON i.invoice_id = il.invoice_id
      JOIN customer c ON c.customer_id = i.customer_id
      JOIN track t ON t.track_id = il.track_id
      JOIN album al ON al.album_id = t.album_id`);
    expect(row).toEqual({ bad_date: 0n, bad_customer: 0n, bad_track: 0n, bad_amount: 0n });
  });

  it('answers every report exactly like an independent query over the raw CSV files', async () => {
    await expectReportsMatch(applied.engine);
  });

  it('spot-checks the answers against known Chinook facts', async () => {
    const { engine } = applied;
    expect(await duckRows(engine, `SELECT employee_name, revenue, revenue_share_pct FROM lake_report_employee_sales`)).toEqual([
      [['employee_name', 'Jane Peacock'], ['revenue', '833.04'], ['revenue_share_pct', '35.77']],
      [['employee_name', 'Margaret Park'], ['revenue', '775.4'], ['revenue_share_pct', '33.3']],
      [['employee_name', 'Steve Johnson'], ['revenue', '720.16'], ['revenue_share_pct', '30.93']],
    ]);
    // Canada: 303.96 / 8 customers = 37.995, rounded half away from zero on the exact value (not 37.99).
    expect(await duckRows(engine, `SELECT country, revenue, revenue_per_customer FROM lake_report_regional_pricing LIMIT 2`)).toEqual([
      [['country', 'USA'], ['revenue', '523.06'], ['revenue_per_customer', '40.24']],
      [['country', 'Canada'], ['revenue', '303.96'], ['revenue_per_customer', '38']],
    ]);
    expect(await duckRows(engine, `SELECT genre_name FROM lake_report_genre_revenue_by_country WHERE country = 'USA' AND revenue_rank = 1`))
      .toEqual([[['genre_name', 'Rock']]]);
  });
});

describe('the Chinook pipeline on the hand-written example (no --var)', () => {
  let applied: Applied;
  beforeAll(async () => {
    applied = await applyFrom(undefined);
  }, 180_000);
  afterAll(async () => applied?.engine.close());

  it('builds, validates and promotes with every Chinook rule passing', () => {
    const { run, lake } = applied;
    expect(run.code, run.stderr).toBe(0);
    const m = manifestOf(lake);
    const results = m.validation?.results ?? [];
    for (const id of ['invoice_totals_match', 'genre_revenue_matches_fact']) expect(results.find((r) => r.id === id)).toMatchObject({ ok: true, value: 0 });
    const ids = chinookRuleIds(lake);
    expect(results.filter((r) => ids.has(r.id) && !r.ok)).toEqual([]);
    const rows = Object.fromEntries(m.datasets.map((d) => [d.name, d.rows]));
    expect(rows).toMatchObject({ invoice: 4, invoice_line: 9, fact_invoice_line: 9, dim_date: 731, report_employee_sales: 2 });
  });

  it('answers every report exactly like an independent query over the example CSV files', async () => {
    await expectReportsMatch(applied.engine);
    const [fact] = await applied.engine.query(`SELECT CAST(sum(line_amount) AS VARCHAR) AS s FROM lake_fact_invoice_line`);
    expect(fact).toEqual({ s: '10.90' });
  });
});
