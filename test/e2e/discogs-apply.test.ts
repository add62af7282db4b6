// The Discogs lakehouse end to end on the real 2020-08-06 samples: apply -> validate -> promote,
// with row counts checked against an independent XML parser (saxes), not lakec's own.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { countXml, DISCOGS_TABLE_PATHS } from '../discogs/xml-counts.js';
import { DISCOGS_SAMPLES, REPO } from '../support/paths.js';
import { runCli, type CliRun } from '../support/run-cli.js';
import type { RunManifest } from '../../runtime/index.js';
import { PLAN_FORMAT_VERSION } from '../../compiler/index.js';

const ENTITIES = ['artists', 'labels', 'masters', 'releases'] as const;

function manifestOf(lake: string, runId?: string): RunManifest {
  const dir = runId ? join(lake, '_runs', runId) : join(lake, 'active');
  return JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8')) as RunManifest;
}

describe('lakec apply on the real Discogs samples', () => {
  const lake = join(mkdtempSync(join(tmpdir(), 'lakec-e2e-')), 'lake');
  let run: CliRun;
  beforeAll(async () => {
    run = await runCli(['apply', '--project', REPO, '--lake', lake, '--var', `discogs_dump_dir=${DISCOGS_SAMPLES}`], REPO);
  });

  it('succeeds and promotes the run', () => {
    expect(run.stderr + run.stdout).toMatch(/succeeded/);
    expect(run.code).toBe(0);
    const m = manifestOf(lake);
    expect(m.status).toBe('succeeded');
    expect(readlinkSync(join(lake, 'active'))).toBe(`_runs/${m.runId}`);
    const dumps = m.inputs.filter((i) => i.step.startsWith('discogs.'));
    expect(dumps.map((i) => i.file.split('/').pop())).toEqual(ENTITIES.map((e) => `discogs_20200806_${e}.xml.gz`));
    for (const input of dumps) {
      const bytes = readFileSync(join(DISCOGS_SAMPLES, input.file.split('/').pop()!));
      expect(input).toMatchObject({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
  });

  it('has 1,000 rows in each main dataset', () => {
    const rows = Object.fromEntries(manifestOf(lake).datasets.map((d) => [d.name, d.rows]));
    for (const e of ENTITIES) expect(rows[e]).toBe(1000);
  });

  it('has child-table row counts equal to an independent count of the XML', async () => {
    const rows = Object.fromEntries(manifestOf(lake).datasets.map((d) => [d.name, d.rows]));
    for (const entity of ENTITIES) {
      const paths = Object.fromEntries(Object.entries(DISCOGS_TABLE_PATHS).filter(([, p]) => p.startsWith(`${entity}/`)));
      const expected = await countXml(join(DISCOGS_SAMPLES, `discogs_20200806_${entity}.xml.gz`), paths);
      for (const [table, count] of Object.entries(expected)) expect({ table, rows: rows[table] }).toEqual({ table, rows: count });
    }
    // every bronze dataset is covered by the independent count
    const bronze = manifestOf(lake).datasets.filter((d) => d.layer === 'bronze' && d.step.startsWith('discogs.')).map((d) => d.name).sort();
    expect(bronze).toEqual(Object.keys(DISCOGS_TABLE_PATHS).sort());
  });

  it('reports out-of-sample cross-references as warn/info without blocking promotion', () => {
    const report = JSON.parse(readFileSync(join(lake, 'active', '_reports', 'sanity_report.json'), 'utf8')) as {
      checks: { id: string; severity: string; ok: boolean; value: number }[]; summary: Record<string, number>;
    };
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId['artist_aliases_alias_exists']).toMatchObject({ severity: 'warn', ok: false, value: 534 });
    expect(byId['labels_parent_exists']).toMatchObject({ severity: 'warn', ok: false, value: 75 });
    expect(byId['release_labels_label_exists']).toMatchObject({ severity: 'warn', ok: false, value: 1026 });
    expect(byId['releases_master_exists']).toMatchObject({ ok: false, value: 614 });
    expect(report.summary['errors_failed']).toBe(0);
    expect(readFileSync(join(lake, 'active', '_reports', 'sanity_report.csv'), 'utf8')).toMatch(/^check,severity,value,ok,details/);
  });

  it('writes every dataset as Parquet and records its checksum', () => {
    const m = manifestOf(lake);
    // 46 Discogs datasets, and the 35 of the Chinook pipeline from its example CSV files.
    expect(m.datasets.filter((d) => d.step.startsWith('discogs.')).length).toBe(46);
    expect(m.datasets.length).toBe(81);
    for (const d of m.datasets) {
      expect(d.files.length).toBeGreaterThan(0);
      for (const f of d.files) expect(existsSync(join(lake, 'active', f.path))).toBe(true);
    }
  });
});

describe('lakec plan on the shipped example', () => {
  it('prints the DAG by layer and writes a plan equal to the golden one', async () => {
    const work = mkdtempSync(join(tmpdir(), 'lakec-plan-'));
    const out = join(work, 'plan.json');
    // An empty lake: a lake with a published run would add `basedOn` to the plan.
    const r = await runCli(['plan', '--project', REPO, '--lake', join(work, 'lake'), '--out', out], REPO);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nbronze\n[\s\S]*\nsilver\n[\s\S]*\ngold\n/);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(REPO, 'golden', 'examples', 'plan.json'), 'utf8'));
    const json = await runCli(['plan', '--project', REPO, '--lake', join(work, 'lake'), '--out', out, '--json'], REPO);
    expect(JSON.parse(json.stdout).formatVersion).toBe(PLAN_FORMAT_VERSION);
  });
});
