// The Chinook pipeline end to end against a real PostgreSQL server (started here): the store is read
// from the server (`--var chinook_source=postgres`), the gold mart is published back into schema `mart`
// after promotion, a reader querying the published fact table in a loop during a republication only
// ever sees the whole table, and the server's password appears in no plan, manifest, audit record, lineage event,
// catalog or log line.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../runtime/meta/audit-log.js';
import { copyProject } from '../support/project-copy.js';
import { postgresSkipReason, startPostgres, type PostgresEnv, type PostgresServer } from '../support/postgres-server.js';
import { runCli, type CliRun } from '../support/run-cli.js';

const skip = postgresSkipReason();
const MART = ['dim_album', 'dim_artist', 'dim_customer', 'dim_date', 'dim_employee', 'dim_genre', 'dim_track', 'fact_invoice_line'];

describe.skipIf(skip !== undefined)('chinook from PostgreSQL to a PostgreSQL warehouse', () => {
  let server: PostgresServer;
  let env: PostgresEnv;
  const project = copyProject();
  const lake = join(project, 'lake');
  const runs: CliRun[] = [];
  const apply = async (...extra: string[]) => {
    const run = await runCli(['apply', '--project', project, '--lake', lake, '--var', 'chinook_source=postgres', ...extra], project, { ...env });
    runs.push(run);
    return run;
  };

  beforeAll(async () => {
    server = await startPostgres();
    env = await server.loadChinook();
    await server.psql('GRANT CREATE ON DATABASE chinook TO lakec;');
    const file = join(project, 'pipelines.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  chinook:\n', `  chinook:\n    targets:\n      warehouse: { type: postgres, schema: mart, datasets: [${MART.join(', ')}] }\n`));
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('applies from the server, promotes, and publishes the mart; row counts match the source', async () => {
    const run = await apply();
    expect(run.stderr + run.stdout).toMatch(/promoted/);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/publish chinook\.warehouse: .*fact_invoice_line 2,240 rows/);
    const client = new pg.Client({ host: env.PGHOST, port: Number(env.PGPORT), user: env.PGUSER, password: env.PGPASSWORD, database: env.PGDATABASE });
    await client.connect();
    try {
      const counts = await client.query<{ n: string; s: string }>('SELECT count(*) AS n, sum(line_amount)::text AS s FROM mart.fact_invoice_line');
      expect(counts.rows[0]).toEqual({ n: '2240', s: '2328.60' });
      const total = await client.query<{ s: string }>('SELECT sum(total)::text AS s FROM public.invoice');
      expect(total.rows[0]!.s).toBe('2328.60');
      const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'mart' ORDER BY 1");
      expect(tables.rows.map((r) => r.table_name)).toEqual(MART);
    } finally {
      await client.end();
    }
  }, 120_000);

  it('a reader looping over the published fact table during republication sees the whole table every time', async () => {
    const reader = new pg.Client({ host: env.PGHOST, port: Number(env.PGPORT), user: env.PGUSER, password: env.PGPASSWORD, database: env.PGDATABASE });
    await reader.connect();
    const seen = new Map<string, number>();
    let done = false;
    const loop = (async () => {
      while (!done) {
        const r = await reader.query<{ n: string; s: string }>('SELECT count(*) AS n, sum(line_amount)::text AS s FROM mart.fact_invoice_line');
        const key = `${r.rows[0]!.n}/${r.rows[0]!.s}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    })();
    try {
      // --full makes a new run, so every mart table is loaded into staging and swapped in again.
      const run = await apply('--full');
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/publish chinook\.warehouse: .*fact_invoice_line 2,240 rows/);
    } finally {
      done = true;
      await loop;
      await reader.end();
    }
    const reads = [...seen.values()].reduce((a, b) => a + b, 0);
    console.log(`reader: ${reads} reads during the apply and republication, all of them ${[...seen.keys()].join(', ')}`);
    expect([...seen.keys()]).toEqual(['2240/2328.60']);
    expect(reads).toBeGreaterThan(10);
  }, 120_000);

  it('an apply with nothing changed on the server reuses every model and finds every published table current', async () => {
    const run = await apply();
    // A postgres source is read on every apply (its content hash decides reuse), so a run is made,
    // but every model is reused from the last one and so is every published table.
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/reused from earlier runs/);
    expect(run.stderr).toMatch(new RegExp(`publish chinook\\.warehouse: ${MART.map((m) => `${m} current`).join(', ')}`));
  }, 120_000);

  it('the password appears nowhere: plans, manifests, audit logs, reports, lineage events, data, catalog, store, CLI output', async () => {
    const secret = env.PGPASSWORD;
    expect(secret.length).toBeGreaterThan(8);
    const planRun = await runCli(['plan', '--project', project, '--lake', lake, '--var', 'chinook_source=postgres', '--out', join(project, 'plan.json')], project, { ...env });
    runs.push(planRun);
    const catalogRun = await runCli(['catalog', '--project', project, '--lake', lake, '--var', 'chinook_source=postgres', '--out', join(project, 'catalog.json')], project, { ...env });
    runs.push(catalogRun);
    const texts: [string, string][] = [['plan.json', readFileSync(join(project, 'plan.json'), 'utf8')], ['catalog.json', readFileSync(join(project, 'catalog.json'), 'utf8')]];
    // Every file of the lake, byte for byte: manifests, plan copies, audit logs, reports, OpenLineage
    // events, Parquet files and the metadata store.
    const lakeFiles = readdirSync(lake, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
    expect(lakeFiles.filter((f) => f.endsWith('_openlineage.jsonl')).length).toBeGreaterThan(0);
    expect(lakeFiles.filter((f) => f.endsWith('sanity_report.csv')).length).toBeGreaterThan(0);
    for (const f of lakeFiles) texts.push([f, readFileSync(f).toString('latin1')]);
    texts.push(['audit_log', JSON.stringify(await readAuditLog(join(lake, '_meta', 'lakec.duckdb')))]);
    runs.forEach((r, i) => texts.push([`cli run ${i}`, r.stdout + r.stderr]));
    expect(texts.length).toBeGreaterThan(8);
    for (const [name, text] of texts) expect({ name, leaks: text.includes(secret) }).toEqual({ name, leaks: false });
    // The plan names the variables, not their values.
    expect(texts[0]![1]).toMatch(/"password": "PGPASSWORD"/);
  }, 120_000);
});
