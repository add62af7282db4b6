// The compiler's speed-ups never show in its output: the fast parser and inferrer (with the engine for
// what they decline) and the compile cache give byte-identical plans to parsing and typing everything
// with DuckDB, on the shipped Discogs example and on a generated project, before and after edits.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileProject, emitPlan, renderDiagnosticsText, type CompileOptions } from '../../compiler/index.js';
import { generateProject, writeProject } from '../gen/gen-project.js';
import { modelFiles } from '../support/model-files.js';
import { REPO } from '../support/paths.js';

const work = mkdtempSync(join(tmpdir(), 'lakec-fast-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function planText(options: CompileOptions): Promise<string> {
  const result = await compileProject({ env: {}, ...options });
  expect(renderDiagnosticsText(result.diagnostics.filter((d) => d.severity === 'error'))).toBe('');
  return emitPlan(result.plan!);
}


describe('fast paths', () => {
  it('the shipped example compiles to the same bytes with and without them', async () => {
    expect(await planText({ projectDir: REPO })).toBe(await planText({ projectDir: REPO, engineOnly: true }));
  });

  it('a generated 200-model project compiles to the same bytes with and without them', async () => {
    const dir = join(work, 'gen200');
    writeProject(dir, generateProject({ models: 200, seed: 11 }));
    const fast = await compileProject({ projectDir: dir, env: {} });
    expect(fast.inference?.engine).toBe(0);
    expect(fast.parsing?.engine).toBe(0);
    expect(emitPlan(fast.plan!)).toBe(await planText({ projectDir: dir, engineOnly: true }));
  });
});

describe('compile cache', () => {
  const dir = join(work, 'gen120');
  const cacheDir = join(dir, '.lakec', 'cache');
  beforeAll(() => writeProject(dir, generateProject({ models: 120, seed: 5 })));

  it('a warm compile hits for every model and gives the same bytes as a cold one', async () => {
    const cold = await planText({ projectDir: dir });
    const first = await compileProject({ projectDir: dir, env: {}, cacheDir });
    expect(first.inference?.cached).toBe(0);
    const second = await compileProject({ projectDir: dir, env: {}, cacheDir });
    expect(second.inference?.cached).toBe(120);
    expect(emitPlan(first.plan!)).toBe(cold);
    expect(emitPlan(second.plan!)).toBe(cold);
  });

  it('after editing one model, only it and its dependants are recomputed, and the plan equals a cold compile', async () => {
    await compileProject({ projectDir: dir, env: {}, cacheDir });
    const file = modelFiles(dir).sort()[0]!;
    const text = readFileSync(join(dir, file), 'utf8');
    // A new output column changes the model's schema, so its dependants must be re-typed too.
    writeFileSync(join(dir, file), text.replace(/^SELECT\n/m, 'SELECT\n  42 AS answer_col,\n'));
    const warm = await compileProject({ projectDir: dir, env: {}, cacheDir });
    const cold = await planText({ projectDir: dir });
    expect(emitPlan(warm.plan!)).toBe(cold);
    expect(cold).toContain('answer_col');
    expect(warm.inference!.cached).toBeGreaterThan(0);
    expect(warm.inference!.cached).toBeLessThan(120);
  });

  it('a corrupt or foreign cache file is ignored', async () => {
    const other = join(work, 'gen-corrupt');
    cpSync(dir, other, { recursive: true });
    const otherCache = join(other, '.lakec', 'cache');
    await compileProject({ projectDir: other, env: {}, cacheDir: otherCache });
    const file = join(otherCache, 'compile-cache.json');
    const header = readFileSync(file, 'utf8').split('\n')[0]!;
    writeFileSync(file, `${header}\n["c", "k", [[`);
    const result = await compileProject({ projectDir: other, env: {}, cacheDir: otherCache });
    expect(result.inference?.cached).toBe(0);
    expect(emitPlan(result.plan!)).toBe(await planText({ projectDir: other }));
  });
});
