// `lakec plan --out` then `lakec apply PLAN` applies exactly that plan; a bad plan file is refused.
import { mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

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

  it('usage errors exit 2', async () => {
    expect((await runCli(['apply', '--var', 'novalue'], REPO)).code).toBe(2);
    expect((await runCli(['frobnicate'], REPO)).code).toBe(2);
  });
});
