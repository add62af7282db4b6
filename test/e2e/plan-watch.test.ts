// `lakec plan --watch`: re-plans after each edit, reusing unchanged models from memory, keeps the last
// good plan when an edit breaks the project, and every plan it writes equals a fresh compile's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { compileProject, emitPlan, type CompileResult } from '../../compiler/index.js';
import { runPlanWatch } from '../../runtime/cli/commands/plan-watch.js';
import { generateProject, writeProject } from '../gen/gen-project.js';
import { modelFiles } from '../support/model-files.js';

const work = mkdtempSync(join(tmpdir(), 'lakec-watch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));


describe('lakec plan --watch', () => {
  it('re-plans each edit from memory and writes what a fresh compile writes', async () => {
    const dir = join(work, 'gen60');
    writeProject(dir, generateProject({ models: 60, seed: 3 }));
    const out = join(work, 'plan.json');
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const results: CompileResult[] = [];
    let notify: (() => void) | undefined;
    const next = (): Promise<void> => new Promise((done) => (notify = done));
    const controller = new AbortController();
    let planned = next();
    const session = runPlanWatch(
      { project: dir, vars: {}, json: false, cache: false },
      { out, signal: controller.signal, debounceMs: 20, onPlanned: (r) => { results.push(r); notify?.(); } },
      { stdout: new PassThrough(), stderr, cwd: dir, env: {} },
    );
    await planned;
    expect(results[0]!.inference!.cached).toBe(0);
    // fs.watch needs a moment to be armed after the first plan.
    await new Promise((r) => setTimeout(r, 200));

    const file = modelFiles(dir).sort()[0]!;
    const original = readFileSync(join(dir, file), 'utf8');
    // A comment changes no tree: nothing is re-typed and the plan stays byte-identical.
    planned = next();
    writeFileSync(join(dir, file), `${original}\n-- reviewed\n`);
    await planned;
    expect(results.at(-1)!.inference!.cached).toBe(60);
    expect(readFileSync(out, 'utf8')).toBe(emitPlan(results[0]!.plan!));
    expect(err).toMatch(/re-planned in \d+ ms \(0 of 60 models re-typed\)/);

    planned = next();
    writeFileSync(join(dir, file), original.replace(/^SELECT\n/m, 'SELECT\n  42 AS answer_col,\n'));
    await planned;
    const edited = results.at(-1)!;
    expect(edited.inference!.cached).toBeGreaterThan(0);
    expect(edited.inference!.cached).toBeLessThan(60);
    const fresh = await compileProject({ projectDir: dir, env: {} });
    expect(readFileSync(out, 'utf8')).toBe(emitPlan(fresh.plan!));
    expect(readFileSync(out, 'utf8')).toContain('answer_col');

    // A broken edit: diagnostics printed, the last good plan kept.
    const good = readFileSync(out, 'utf8');
    planned = next();
    writeFileSync(join(dir, file), 'SELEC broken FROM');
    await planned;
    expect(results.at(-1)!.plan).toBeUndefined();
    expect(readFileSync(out, 'utf8')).toBe(good);
    expect(err).toMatch(/plan not written/);

    // Restoring the file re-plans back to the original plan; the cache holds what the last good plan
    // used, so the same models are re-typed as by the edit.
    planned = next();
    writeFileSync(join(dir, file), original);
    await planned;
    expect(results.at(-1)!.inference!.cached).toBe(edited.inference!.cached);
    expect(readFileSync(out, 'utf8')).toBe(emitPlan(results[0]!.plan!));

    controller.abort();
    await session;
  });
});
