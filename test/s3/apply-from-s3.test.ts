// The S3 acceptance: the example project applied with its sources on a real S3-protocol server (s3rver,
// started here) — the Discogs dumps streamed from `s3://…` and the Chinook CSV files downloaded from it —
// gives the same bronze datasets, row for row, as the same files read from the local folders.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileProject } from '../../compiler/index.js';
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import { quoteLiteral } from '../../runtime/engine/engine-adapter.js';
import { applyPlan, type ApplyResult } from '../../runtime/executor/apply-plan.js';
import { CHINOOK_DATA, DISCOGS_SAMPLES, REPO } from '../support/paths.js';
import { startS3Server, type S3TestServer } from '../support/s3-server.js';

const BUCKET = 'lake-sources';
let s3: S3TestServer;

async function applyWith(vars: Record<string, string>, lakeDir = join(mkdtempSync(join(tmpdir(), 'lakec-s3-apply-')), 'lake')): Promise<ApplyResult> {
  const { plan, diagnostics } = await compileProject({ projectDir: REPO, vars, env: {} });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  // The endpoint and credentials reach the sources through the apply's environment, as the CLI passes its own.
  return applyPlan({ plan: plan!, projectDir: REPO, lakeDir, env: s3.env });
}

beforeAll(async () => {
  s3 = await startS3Server();
  await s3.createBucket(BUCKET);
  for (const f of readdirSync(DISCOGS_SAMPLES)) await s3.put(BUCKET, `discogs/2020/${f}`, readFileSync(join(DISCOGS_SAMPLES, f)));
  for (const f of readdirSync(CHINOOK_DATA).filter((n) => n.endsWith('.csv'))) await s3.put(BUCKET, `chinook/${f}`, readFileSync(join(CHINOOK_DATA, f)));
}, 60_000);

afterAll(async () => {
  await s3?.stop();
});

describe('apply with sources on an S3-compatible server', () => {
  it('ingests the same bronze datasets as from the local folders, and records the objects it read', async () => {
    const local = await applyWith({ discogs_dump_dir: DISCOGS_SAMPLES, chinook_csv_dir: CHINOOK_DATA });
    const remote = await applyWith({ discogs_dump_dir: `s3://${BUCKET}/discogs/2020`, chinook_csv_dir: `s3://${BUCKET}/chinook` });
    expect(local.status).toBe('succeeded');
    expect(remote.status).toBe('succeeded');
    expect(remote.manifest.inputs.map((i) => i.file).sort()).toEqual([
      `s3://${BUCKET}/chinook/{table}.csv`,
      ...['artists', 'labels', 'masters', 'releases'].map((k) => `s3://${BUCKET}/discogs/2020/discogs_20200806_${k}.xml.gz`),
    ]);
    // Same bytes read: the content hashes of the inputs agree.
    const hashes = (r: ApplyResult) => r.manifest.inputs.map((i) => [i.step, i.size, i.sha256]).sort();
    expect(hashes(remote)).toEqual(hashes(local));
    const bronze = (r: ApplyResult) => new Map(r.manifest.datasets.filter((d) => d.layer === 'bronze').map((d) => [d.name, d]));
    const [a, b] = [bronze(local), bronze(remote)];
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    // Applied again with nothing changed on the server: every object is recognized by its size and
    // LastModified (a HEAD or LIST each, nothing downloaded), so no run is made.
    const again = await applyWith({ discogs_dump_dir: `s3://${BUCKET}/discogs/2020`, chinook_csv_dir: `s3://${BUCKET}/chinook` }, join(remote.runDir, '..', '..'));
    expect(again.status).toBe('unchanged');
    expect(again.runId).toBe(remote.runId);
    const engine = await openDuckDb();
    try {
      for (const [name, d] of a) {
        const other = b.get(name)!;
        expect({ name, rows: other.rows }).toEqual({ name, rows: d.rows });
        const files = (r: ApplyResult, ds: typeof d) => `read_parquet([${ds.files.map((f) => quoteLiteral(join(r.runDir, f.path))).join(', ')}])`;
        const [diff] = await engine.query(`SELECT count(*) AS n FROM ((SELECT * FROM ${files(local, d)} EXCEPT ALL SELECT * FROM ${files(remote, other)})
          UNION ALL (SELECT * FROM ${files(remote, other)} EXCEPT ALL SELECT * FROM ${files(local, d)}))`);
        expect({ name, differing: Number(diff!['n']) }).toEqual({ name, differing: 0 });
      }
    } finally {
      await engine.close();
    }
  }, 120_000);
});
