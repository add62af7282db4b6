// The engine healing actions change a real DuckDB's settings, and stop at their limits; schema drift
// is detected from a plan whose columns disagree with what the model's SQL produces.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import { lowerParallelism, raiseMemoryLimit } from '../../runtime/control/healing/engine-actions.js';
import { configureProject } from '../support/configure-project.js';
import { copyProject, copySamples } from '../support/project-copy.js';
import { runCli } from '../support/run-cli.js';

describe('engine healing actions on a real DuckDB', () => {
  it('raise_memory_limit doubles up to the ceiling, then reports not_healed', async () => {
    const engine = await openDuckDb({ memoryLimit: '100MB' });
    try {
      expect(await raiseMemoryLimit(engine, '300MB')).toMatchObject({ outcome: 'healed', detail: expect.stringMatching(/from 95\.3 MiB to 190\.\d MiB/) });
      expect((await raiseMemoryLimit(engine, '300MB')).outcome).toBe('healed');
      expect(await raiseMemoryLimit(engine, '300MB')).toMatchObject({ outcome: 'not_healed', detail: expect.stringMatching(/already at the ceiling/) });
    } finally {
      await engine.close();
    }
  });
  it('lower_parallelism halves threads down to 1', async () => {
    const engine = await openDuckDb({ threads: 4 });
    try {
      expect(await lowerParallelism(engine)).toEqual({ outcome: 'healed', detail: 'threads lowered from 4 to 2' });
      expect(await lowerParallelism(engine)).toEqual({ outcome: 'healed', detail: 'threads lowered from 2 to 1' });
      expect((await lowerParallelism(engine)).outcome).toBe('not_healed');
    } finally {
      await engine.close();
    }
  });
});

describe('SCHEMA_DRIFT and accept_added_columns (a plan file whose model lost a column)', () => {
  const driftedPlan = async (project: string, dumps: string) => {
    const planFile = join(mkdtempSync(join(tmpdir(), 'lakec-plan-')), 'plan.json');
    expect((await runCli(['plan', '--project', project, '--var', `discogs_dump_dir=${dumps}`, '--out', planFile], project)).code).toBe(0);
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    const step = plan.steps.find((s: { id: string }) => s.id === 'discogs.genre_release_counts');
    step.columns.pop();
    step.columnFingerprints.pop();
    writeFileSync(planFile, JSON.stringify(plan));
    return planFile;
  };

  it('without healing: SCHEMA_DRIFT, permanent, the run fails', async () => {
    const project = copyProject();
    const dumps = copySamples();
    const lake = join(mkdtempSync(join(tmpdir(), 'lakec-drift-')), 'lake');
    const planFile = await driftedPlan(project, dumps);
    const r = await runCli(['apply', planFile, '--project', project, '--lake', lake, '--var', `discogs_dump_dir=${dumps}`], project);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/LK6409: model "discogs\.genre_release_counts" .* produces other columns than the plan: added \w+/);
    expect(r.stdout).toMatch(/failed \(SCHEMA_DRIFT\)/);
  });

  it('with accept_added_columns: healed, the stage runs again keeping the extra column, the run promotes', async () => {
    const project = copyProject();
    const dumps = copySamples();
    const lake = join(mkdtempSync(join(tmpdir(), 'lakec-drift-')), 'lake');
    configureProject(project, { pipeline: '    healing:\n      - { on: SCHEMA_DRIFT, action: accept_added_columns }' });
    const planFile = await driftedPlan(project, dumps);
    const r = await runCli(['apply', planFile, '--project', project, '--lake', lake, '--var', `discogs_dump_dir=${dumps}`], project);
    expect(r.stderr).toMatch(/SCHEMA_DRIFT \(permanent\).*-> accept_added_columns: healed/);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(lake, 'active', '_manifest.json'), 'utf8'));
    expect(manifest.steps.find((s: { id: string }) => s.id === 'discogs.genre_release_counts')).toMatchObject({ status: 'succeeded', attempts: 2, reason: expect.stringMatching(/^accepted added column/) });
  });
});
