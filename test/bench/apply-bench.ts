// bench: compile and a full apply of the Discogs example on the real samples, wall-clock per phase.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileProject } from '../../compiler/index.js';
import { packageRoot } from '../../compiler/load/package-root.js';
import { applyPlan } from '../../runtime/index.js';

/** Prints cold compile time and one full apply on ../shared/data/discogs (4 dumps, 1,000 records each). */
export async function benchApply(): Promise<void> {
  const root = packageRoot();
  const samples = join(root, '..', 'shared', 'data', 'discogs');
  const t0 = performance.now();
  const compiled = await compileProject({ projectDir: root, vars: { discogs_dump_dir: samples }, env: {} });
  const compileMs = performance.now() - t0;
  if (!compiled.plan) throw new Error('example project does not compile');
  const lake = join(mkdtempSync(join(tmpdir(), 'lakec-bench-')), 'lake');
  const t1 = performance.now();
  const result = await applyPlan({ plan: compiled.plan, projectDir: root, lakeDir: lake });
  const applyMs = performance.now() - t1;
  const rows = result.manifest.datasets.reduce((n, d) => n + d.rows, 0);
  const xmlBytes = result.manifest.steps.reduce((n, s) => n + (s.xmlBytes ?? 0), 0);
  process.stdout.write(
    `\n== Discogs example on the real samples (${compiled.plan.steps.length} steps, ${compiled.plan.validations.length} rules)\n` +
      `compile (cold, incl. DuckDB parse + DESCRIBE): ${compileMs.toFixed(0)} ms\n` +
      `apply (ingest ${(xmlBytes / 1e6).toFixed(1)} MB XML, ${rows.toLocaleString('en-US')} rows, validate, promote): ${applyMs.toFixed(0)} ms, status ${result.status}\n`,
  );
  rmSync(join(lake, '..'), { recursive: true, force: true });
}
