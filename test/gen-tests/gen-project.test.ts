// The synthetic project generator: a generated project compiles cleanly, has the requested models,
// covers the SQL shapes the benchmark relies on, and is a pure function of (models, seed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileProject, renderDiagnosticsText } from '../../compiler/index.js';
import { generateProject, summarizeProject, writeProject } from '../gen/gen-project.js';

const work = mkdtempSync(join(tmpdir(), 'lakec-gen-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function compileGenerated(models: number, seed: number) {
  const files = generateProject({ models, seed });
  const dir = join(work, `n${models}-s${seed}`);
  writeProject(dir, files);
  return { files, result: await compileProject({ projectDir: dir, env: {} }) };
}

const sqlOf = (files: ReadonlyMap<string, string>): string => [...files].filter(([p]) => p.endsWith('.sql')).map(([, t]) => t).join('\n');

describe('generateProject', () => {
  it('compiles a 60-model project with zero diagnostics and exactly 60 model steps', async () => {
    const { files, result } = await compileGenerated(60, 1);
    expect(renderDiagnosticsText(result.diagnostics)).toBe('');
    expect(result.plan).toBeDefined();
    expect(result.plan!.steps.filter((s) => s.kind === 'model')).toHaveLength(60);
    const summary = summarizeProject(files);
    expect(summary.models).toBe(60);
    expect(summary.lines.min).toBeGreaterThanOrEqual(20);
    expect(summary.lines.max).toBeLessThanOrEqual(150);
    expect(summary.byLayer['silver']).toBeGreaterThan(0);
    expect(summary.byLayer['gold']).toBeGreaterThan(0);
    for (const kind of ['chain', 'cte', 'projection', 'fan_in'] as const) expect(summary.byKind[kind], kind).toBeGreaterThan(0);
  });

  it('uses the SQL features the benchmark is meant to exercise', () => {
    const sql = sqlOf(generateProject({ models: 60, seed: 1 }));
    for (const feature of ['WITH ', ' OVER (', 'QUALIFY ', 'GROUP BY ', 'UNION ALL', 'CASE', 'EXCLUDE (', '::', 'LEFT JOIN', ' IN (\n', 'SELECT count(*) FROM']) {
      expect(sql, feature).toContain(feature);
    }
  });

  it('joins 5 to 20 upstream models in every fan-in model', () => {
    for (const [path, text] of generateProject({ models: 300, seed: 3 })) {
      const m = /^-- shape: fan_in: fan-in of (\d+) upstream models$/m.exec(text);
      if (!m) continue;
      const joins = text.split('\n').filter((l) => l.startsWith('LEFT JOIN ')).length;
      expect(joins, path).toBe(Number(m[1]) - 1);
      expect(joins, path).toBeGreaterThanOrEqual(5);
      expect(joins, path).toBeLessThanOrEqual(20);
    }
  });

  it('is byte-identical for the same seed and differs for another seed', () => {
    const a = generateProject({ models: 60, seed: 42 });
    const b = generateProject({ models: 60, seed: 42 });
    expect([...b]).toEqual([...a]);
    const c = generateProject({ models: 60, seed: 43 });
    expect([...c]).not.toEqual([...a]);
  });

  it.each([[1, 5], [12, 9], [150, 11]])('compiles cleanly at %i models (seed %i)', async (models, seed) => {
    const { result } = await compileGenerated(models, seed);
    expect(renderDiagnosticsText(result.diagnostics)).toBe('');
    expect(result.plan!.steps.filter((s) => s.kind === 'model')).toHaveLength(models);
  });
});
