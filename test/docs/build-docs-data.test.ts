// docs/: the data of `lakec docs` — shape, lineage equal to walkPlanLineage, determinism, runs and rules.
import { describe, expect, it } from 'vitest';
import { compileProject, walkPlanLineage, type Plan } from '../../compiler/index.js';
import { buildDocsData, type DocsInputs } from '../../runtime/docs/build-docs-data.js';
import { readDocsInputs } from '../../runtime/docs/read-docs-inputs.js';
import type { DocsIndex } from '../../runtime/docs/docs-data.js';
import type { RunManifest } from '../../runtime/lake/manifest.js';
import { REPO } from '../support/paths.js';

const plan = (await compileProject({ projectDir: REPO, env: {} })).plan as Plan;

/** Transitive DIRECT upstream of a column through the index's integer adjacency, as `dataset.column`. */
function upstreamOf(index: DocsIndex, node: string): string[] {
  const ds = index.datasets, cols = index.columns;
  const owner = (c: number) => ds.col0.findIndex((start, d) => c >= start && c < ds.col0[d + 1]!);
  const name = (c: number) => `${ds.name[owner(c)]}.${cols.name[c]}`;
  const start = [...cols.name.keys()].find((c) => name(c) === node)!;
  const seen = new Set<number>([start]);
  const queue = [start];
  while (queue.length) for (const u of cols.up[queue.shift()!]!) if (!seen.has(u)) { seen.add(u); queue.push(u); }
  seen.delete(start);
  return [...seen].map(name).sort();
}

describe('buildDocsData', () => {
  it('indexes datasets and columns by integers, consistently with the plan', async () => {
    const { index, details } = buildDocsData(await readDocsInputs(plan, REPO, undefined));
    expect(index.datasets.name).toEqual(plan.datasets.map((d) => d.name));
    expect(index.datasets.col0).toHaveLength(plan.datasets.length + 1);
    expect(index.columns.name).toHaveLength(plan.datasets.reduce((n, d) => n + d.columns.length, 0));
    expect(details).toHaveLength(plan.datasets.length);
    for (const ups of index.columns.up) for (const u of ups) expect(u).toBeLessThan(index.columns.name.length);
    const rf = index.datasets.name.indexOf('release_facts');
    const step = plan.steps.find((s) => s.id === 'discogs.release_facts');
    expect(step?.kind).toBe('model');
    expect(index.datasets.up[rf]!.map((d) => index.datasets.name[d])).toEqual(step?.kind === 'model' ? step.inputs : []);
    expect(details[rf]!.sql).toMatch(/select/i);
    expect(details[rf]!.fingerprint['data']).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(['release_facts.genres', 'release_facts.label_names', 'fact_invoice_line.unit_price'])('gives %s the upstream columns walkPlanLineage gives', async (node) => {
    const { index } = buildDocsData(await readDocsInputs(plan, REPO, undefined));
    expect(upstreamOf(index, node)).toEqual(walkPlanLineage(plan, node, 'upstream').map((h) => h.node).sort());
  });

  it('is deterministic', async () => {
    const a = JSON.stringify(buildDocsData(await readDocsInputs(plan, REPO, undefined)));
    const b = JSON.stringify(buildDocsData(await readDocsInputs(plan, REPO, undefined)));
    expect(a).toBe(b);
  });

  it('takes rows per run, latest rule results and timings from the manifests, and flags from the plan', async () => {
    const rule = plan.validations[0]!.rule;
    const manifest = (runId: string, rows: number): RunManifest => ({
      manifestVersion: 2, runId, project: plan.project, planFingerprint: plan.fingerprint, status: 'succeeded', previousActive: null,
      startedAt: '2026-01-01T10:00:00.000Z', durationMs: 1500, inputs: [],
      datasets: [{ name: rule.dataset, layer: 'bronze', step: 'x', rows, fingerprint: 'e'.repeat(64), build: 'built', from: runId, files: [] }],
      steps: [{ id: 'a.b', kind: 'model', status: 'succeeded', durationMs: 700 }, { id: 'a.c', kind: 'model', status: 'reused', durationMs: 5 }],
      validation: { blocking: 0, results: [{ id: rule.id, kind: rule.kind, dataset: rule.dataset, severity: rule.severity, check: 'c', value: 3, ok: false, details: 'three bad rows' }] },
    });
    const inputs: DocsInputs = {
      ...(await readDocsInputs(plan, REPO, undefined)),
      runs: [
        { summary: { runId: 'R2', status: 'succeeded', active: true, promoted: true, durationMs: 1500, datasets: 1, rows: 20 }, manifest: manifest('R2', 20) },
        { summary: { runId: 'R1', status: 'failed', active: false, promoted: false, datasets: 1, rows: 10, errorCode: 'ENGINE_ERROR', error: 'LK6001: boom' }, manifest: manifest('R1', 10) },
      ],
    };
    const { index, details } = buildDocsData(inputs);
    expect(index.activeRun).toBe('R2');
    expect(index.runs[0]).toMatchObject({ id: 'R2', stepStatus: { reused: 1, succeeded: 1 }, slowest: [['a.b', 700, 'succeeded', ''], ['a.c', 5, 'reused', '']] });
    expect(index.runs[1]).toMatchObject({ status: 'failed', errorCode: 'ENGINE_ERROR' });
    const d = index.datasets.name.indexOf(rule.dataset);
    expect(details[d]!.rows).toEqual([[0, 20], [1, 10]]);
    expect(details[d]!.runFingerprint).toBe('e'.repeat(64));
    expect(details[d]!.rules.find((r) => r.id === rule.id)!.result).toEqual({ ok: false, value: 3, message: 'three bad rows', run: 'R2' });
    expect(index.control).toMatchObject({ profile: plan.schedule.profile, profileFrom: 'pipelines.yaml' });
  });
});

describe('lakec docs (CLI)', () => {
  it('writes the site into --out and says where', async () => {
    const { mkdtempSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('../support/run-cli.js');
    const out = mkdtempSync(join(tmpdir(), 'lakec-docs-cli-'));
    const r = await runCli(['docs', '--project', REPO, '--out', out, '--json'], REPO);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ index: join(out, 'index.html') });
    for (const f of ['index.html', 'app.js', 'style.css', 'data.js', 'details/0.js']) expect(existsSync(join(out, f))).toBe(true);
  });
});
