// bench: the parallel executor on the Discogs example over dumps scaled up from the real samples
// (../shared/tools/make_big_discogs): wall-clock with 1, 2 and 4 workers, the speedup over one
// worker, and how far the predicted schedule (from the audit-log estimates of the earlier runs)
// is from the actual one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileProject } from '../../compiler/index.js';
import { packageRoot } from '../../compiler/load/package-root.js';
import { applyPlan } from '../../runtime/index.js';
import { predictPlanSchedule } from '../../runtime/cli/commands/plan-schedule.js';

const COPIES = 20;

/** Prints full applies with 1, 2 and 4 workers over 20x scaled dumps, and predicted vs actual makespan. */
export async function benchSchedule(): Promise<void> {
  const root = packageRoot();
  const big = mkdtempSync(join(tmpdir(), 'lakec-sched-bench-'));
  execFileSync(join(root, '..', 'shared', 'tools', 'make_big_discogs'), [
    '--src-dir', join(root, '..', 'shared', 'data', 'discogs'), '--out-dir', big, '--copies', String(COPIES), '--entities', 'releases,masters,artists,labels', '--no-plain', '--gzip-level', '1',
  ], { stdio: 'ignore' });
  const compiled = await compileProject({ projectDir: root, vars: { discogs_dump_dir: big }, env: {} });
  if (!compiled.plan) throw new Error('example project does not compile');
  const plan = compiled.plan;
  const lake = join(big, 'lake');
  const lines: string[] = [];
  const times = new Map<number, number>();
  for (const workers of [1, 2, 4]) {
    const t0 = performance.now();
    const result = await applyPlan({ plan, projectDir: root, lakeDir: lake, full: true, workers });
    const ms = performance.now() - t0;
    if (result.status !== 'succeeded') throw new Error(`apply with ${workers} workers: ${result.status}`);
    times.set(workers, ms);
    // Most stages running at one instant: at every start, count the entries running then (half-open intervals).
    const entries = result.manifest.schedule!.entries;
    const peak = Math.max(...entries.map((e) => entries.filter((o) => o.startMs <= e.startMs && e.startMs < o.endMs).length));
    lines.push(`  ${workers} worker${workers === 1 ? ' ' : 's'}: ${(ms / 1000).toFixed(2)} s, ${(times.get(1)! / ms).toFixed(2)}x of 1 worker, most stages at once ${peak}`);
  }
  const predicted = await predictPlanSchedule(plan, root, lake, 'balanced');
  const last = await applyPlan({ plan, projectDir: root, lakeDir: lake, full: true, workers: predicted.record.workers });
  const actual = last.manifest.schedule!.makespanMs;
  process.stdout.write(
    `\n== Parallel executor: Discogs example on ${COPIES}x scaled samples (${plan.steps.length} steps, ${availableParallelism()} cores)\n` +
      `${lines.join('\n')}\n` +
      `predicted makespan (balanced, ${predicted.record.workers} workers, estimates from the 3 runs above): ${(predicted.record.makespanMs / 1000).toFixed(2)} s; ` +
      `actual ${(actual / 1000).toFixed(2)} s (ratio ${(actual / predicted.record.makespanMs).toFixed(2)})\n`,
  );
  rmSync(big, { recursive: true, force: true });
}
