// A failed run leaves `active` and every earlier run untouched; two applies give two runs; rollback
// restores the previous one; bad input exits non-zero with a diagnostic naming the file and position.
import { appendFileSync, mkdtempSync, readFileSync, readlinkSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyProject, copySamples } from '../support/project-copy.js';
import { treeDigest } from '../support/lake-snapshot.js';
import { runCli } from '../support/run-cli.js';

const activeOf = (lake: string) => readlinkSync(join(lake, 'active'));

describe('runs, failures and rollback on the real samples', () => {
  const project = copyProject();
  const dumps = copySamples();
  const lake = join(mkdtempSync(join(tmpdir(), 'lakec-lake-')), 'lake');
  const apply = (...extra: string[]) => runCli(['apply', '--project', project, '--lake', lake, '--var', `discogs_dump_dir=${dumps}`, ...extra], project);
  let first = '';
  let second = '';

  beforeAll(async () => {
    expect((await apply()).code).toBe(0);
    first = activeOf(lake);
    // Without --full the second apply would find nothing changed and make no run.
    expect((await apply('--full')).code).toBe(0);
    second = activeOf(lake);
  });

  it('two applies give two runs, the second active', async () => {
    expect(first).not.toBe(second);
    const runs = await runCli(['runs', '--lake', lake, '--json'], project);
    const list = JSON.parse(runs.stdout) as { runId: string; status: string; active: boolean }[];
    expect(list.map((r) => [r.status, r.active])).toEqual([['succeeded', true], ['succeeded', false]]);
    expect(`_runs/${list[0]!.runId}`).toBe(second);
  });

  it('a failing error rule fails the run and leaves active and earlier runs untouched', async () => {
    const before = treeDigest(lake);
    writeFileSync(join(project, 'pipelines.yaml'), readFileSync(join(project, 'pipelines.yaml'), 'utf8') +
      '      - { id: releases_too_few, kind: row_count_min, dataset: releases, min: 1000000, severity: error }\n');
    const r = await apply();
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/row_count_min\(releases\) >= 1000000/);
    expect(r.stderr).toMatch(/LK6301/);
    expect(activeOf(lake)).toBe(second);
    const after = treeDigest(lake);
    for (const [path, digest] of Object.entries(before)) expect({ path, digest: after[path] }).toEqual({ path, digest });
    const runs = JSON.parse((await runCli(['runs', '--lake', lake, '--json'], project)).stdout) as { status: string }[];
    expect(runs[0]!.status).toBe('failed');
    const failedManifest = JSON.parse(readFileSync(join(lake, '_runs', (runs[0] as unknown as { runId: string }).runId, '_manifest.json'), 'utf8'));
    expect(failedManifest.validation.blocking).toBe(1);
    writeFileSync(join(project, 'pipelines.yaml'), readFileSync(join(project, 'pipelines.yaml'), 'utf8').replace(/ {6}- \{ id: releases_too_few.*\n/, ''));
  });

  it('rollback restores the previous run, and reports when there is nothing left', async () => {
    const r = await runCli(['rollback', '--lake', lake], project);
    expect(r.code).toBe(0);
    expect(activeOf(lake)).toBe(first);
    const again = await runCli(['rollback', '--lake', lake], project);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/LK6402/);
    expect(activeOf(lake)).toBe(first);
  });
});

describe('bad input exits non-zero with a positioned diagnostic and promotes nothing', () => {
  const setup = async () => {
    const project = copyProject();
    const dumps = copySamples();
    const lake = join(mkdtempSync(join(tmpdir(), 'lakec-lake-')), 'lake');
    const apply = () => runCli(['apply', '--project', project, '--lake', lake, '--var', `discogs_dump_dir=${dumps}`], project);
    expect((await apply()).code).toBe(0);
    return { project, dumps, lake, apply, active: activeOf(lake), digest: treeDigest(lake) };
  };
  const untouched = (lake: string, active: string, digest: Record<string, string>) => {
    expect(activeOf(lake)).toBe(active);
    const now = treeDigest(lake);
    for (const [path, d] of Object.entries(digest)) if (path !== '_promotions.jsonl') expect({ path, d: now[path] }).toEqual({ path, d });
  };

  it('a truncated .gz dump', async () => {
    const s = await setup();
    const file = join(s.dumps, 'discogs_20200806_releases.xml.gz');
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const r = await s.apply();
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/LK6102/);
    expect(r.stderr).toMatch(/discogs_20200806_releases\.xml\.gz/);
    untouched(s.lake, s.active, s.digest);
  });

  it('malformed XML names the file, line and column', async () => {
    const s = await setup();
    writeFileSync(join(s.dumps, 'discogs_20200806_labels.xml.gz'), gzipSync('<labels>\n<label><id>1</id><name>A</nme></label>\n</labels>\n'));
    const r = await s.apply();
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/discogs_20200806_labels\.xml\.gz:2:\d+: error LK6101/);
    untouched(s.lake, s.active, s.digest);
  });

  it('a spec typo names pipelines.yaml:line:col with a did-you-mean', async () => {
    const s = await setup();
    const text = readFileSync(join(s.project, 'pipelines.yaml'), 'utf8');
    writeFileSync(join(s.project, 'pipelines.yaml'), text.replace('        mapping: specs/discogs/mappings/labels.yaml', '        maping: specs/discogs/mappings/labels.yaml'));
    const r = await s.apply();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pipelines\.yaml:\d+:9: error LK1003: unknown key "maping"/);
    expect(r.stderr).toMatch(/did you mean "mapping"\?/);
    untouched(s.lake, s.active, s.digest);
  });

  it('a SQL model reading an unknown table names the model file:line:col', async () => {
    const s = await setup();
    appendFileSync(join(s.project, 'specs/discogs/models/gold/broken.sql'), '-- lakec: description=reads a table nobody produces\nselect *\nfrom release_factz\n');
    const r = await s.apply();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/specs\/discogs\/models\/gold\/broken\.sql:3:6: error LK3001: unknown table "release_factz"/);
    expect(r.stderr).toMatch(/did you mean "release_facts"\?/);
    untouched(s.lake, s.active, s.digest);
  });
});
