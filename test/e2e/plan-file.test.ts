// `lakec plan --out` then `lakec apply PLAN` applies exactly that plan; a bad plan file is refused.
import { existsSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { copyProject } from '../support/project-copy.js';

describe('apply from a plan file', () => {
  const work = mkdtempSync(join(tmpdir(), 'lakec-planfile-'));
  const lake = join(work, 'lake');
  const planFile = join(work, 'plan.json');

  it('applies the saved plan and records it in the run', async () => {
    expect((await runCli(['plan', '--project', REPO, '--out', planFile], REPO)).code).toBe(0);
    const r = await runCli(['apply', planFile, '--project', REPO, '--lake', lake, '--json'], REPO);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { runId: string; status: string; promoted: boolean };
    expect(out).toMatchObject({ status: 'succeeded', promoted: true });
    expect(readlinkSync(join(lake, 'active'))).toBe(`_runs/${out.runId}`);
    expect(readFileSync(join(lake, 'active', '_plan.json'), 'utf8')).toBe(readFileSync(planFile, 'utf8'));
  });

  it('refuses a plan of another format version or shape', async () => {
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    writeFileSync(join(work, 'v99.json'), JSON.stringify({ ...plan, formatVersion: 99 }));
    const v2 = await runCli(['apply', join(work, 'v99.json'), '--project', REPO, '--lake', lake], REPO);
    expect(v2.code).toBe(1);
    expect(v2.stderr).toMatch(/LK5002/);
    writeFileSync(join(work, 'bad.json'), JSON.stringify({ ...plan, steps: [{ kind: 'model', id: 'x' }] }));
    const bad = await runCli(['apply', join(work, 'bad.json'), '--project', REPO, '--lake', lake], REPO);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/LK5001/);
  });

  it('refuses a stale plan: one made before active moved', async () => {
    // planFile was made before any run; the lake now has one.
    const stale = await runCli(['apply', planFile, '--project', REPO, '--lake', lake], REPO);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/LK5003.*a lake with no published run/);
    // A plan made now is based on the active run and applies (here: nothing changed, so no new run).
    const fresh = join(work, 'fresh.json');
    expect((await runCli(['plan', '--project', REPO, '--lake', lake, '--out', fresh], REPO)).code).toBe(0);
    const active = readlinkSync(join(lake, 'active')).replace('_runs/', '');
    expect(JSON.parse(readFileSync(fresh, 'utf8')).basedOn.runId).toBe(active);
    const ok = await runCli(['apply', fresh, '--project', REPO, '--lake', lake], REPO);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/no changes/);
  });

  it('refuses a plan whose model file changed meaning since the plan was made', async () => {
    const project = copyProject();
    const projectLake = join(work, 'lake2');
    const plan = join(work, 'edited.json');
    expect((await runCli(['plan', '--project', project, '--lake', projectLake, '--out', plan], project)).code).toBe(0);
    const model = join(project, 'specs/discogs/models/gold/genre_release_counts.sql');
    writeFileSync(model, readFileSync(model, 'utf8').replace('min(gs.style_count)', 'max(gs.style_count)'));
    const r = await runCli(['apply', plan, '--project', project, '--lake', projectLake], project);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/LK5004.*genre_release_counts.*changed since the plan was made/);
    expect(existsSync(join(projectLake, 'active'))).toBe(false);
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['apply', '--var', 'novalue'], REPO)).code).toBe(2);
    expect((await runCli(['frobnicate'], REPO)).code).toBe(2);
  });
});
