// bench: plans and applies that change nothing or one model, on the Discogs example over the real
// samples, as a user runs them: `lakec plan` then `lakec apply`, each a fresh process.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../compiler/load/package-root.js';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../runtime/cli/bin.js');
/** Target from issue 4: a no-change plan + apply. */
const NO_CHANGE_TARGET_MS = 1000;

/** Runs `lakec ARGS` in a fresh node process; returns wall ms and stdout. */
function lakec(args: string[], cwd: string): { ms: number; stdout: string } {
  const t = performance.now();
  const stdout = execFileSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return { ms: performance.now() - t, stdout };
}

/**
 * After a full apply: times `lakec plan` + `lakec apply` with nothing changed (apply must answer
 * "no changes" without making a run or reading a source), then with one gold model's expression edited.
 */
export async function benchIncremental(): Promise<void> {
  const root = packageRoot();
  const samples = join(root, '..', 'shared', 'data', 'discogs');
  const project = mkdtempSync(join(tmpdir(), 'lakec-incr-bench-'));
  cpSync(join(root, 'pipelines.yaml'), join(project, 'pipelines.yaml'));
  cpSync(join(root, 'specs'), join(project, 'specs'), { recursive: true });
  const common = ['--project', project, '--lake', join(project, 'lake'), '--var', `discogs_dump_dir=${samples}`];
  try {
    const full = lakec(['apply', ...common], project);
    const planNone = lakec(['plan', '--out', join(project, 'plan.json'), ...common], project);
    const applyNone = lakec(['apply', ...common], project);
    if (!/no changes/.test(applyNone.stdout)) throw new Error(`incremental bench: expected "no changes", got: ${applyNone.stdout}`);
    const model = join(project, 'specs/discogs/models/gold/genre_release_counts.sql');
    const text = readFileSync(model, 'utf8');
    const edited = text.replace('coalesce(min(gs.style_count), 0) AS style_count', 'coalesce(max(gs.style_count), 0) AS style_count');
    if (edited === text) throw new Error('incremental bench: the gold model to edit changed; update the bench');
    writeFileSync(model, edited);
    const planOne = lakec(['plan', '--out', join(project, 'plan.json'), ...common], project);
    const applyOne = lakec(['apply', '--json', ...common], project);
    const datasets = (JSON.parse(applyOne.stdout) as { datasets: { build: string }[] }).datasets;
    const builtOne = datasets.filter((d) => d.build === 'built').length;
    const none = planNone.ms + applyNone.ms;
    process.stdout.write(
      `\n== Incremental plan + apply, Discogs example on the real samples (fresh process each)\n` +
        `full apply: ${full.ms.toFixed(0)} ms\n` +
        `no change:  plan ${planNone.ms.toFixed(0)} ms + apply ${applyNone.ms.toFixed(0)} ms = ${none.toFixed(0)} ms (target < ${NO_CHANGE_TARGET_MS} ms: ${none < NO_CHANGE_TARGET_MS ? 'ok' : 'MISS'}); no run made, sources only stat()ed\n` +
        `one model:  plan ${planOne.ms.toFixed(0)} ms + apply ${applyOne.ms.toFixed(0)} ms = ${(planOne.ms + applyOne.ms).toFixed(0)} ms; ${builtOne} of ${datasets.length} datasets built, the rest hard-linked; the full apply takes ${(full.ms / (planOne.ms + applyOne.ms)).toFixed(1)}× as long\n`,
    );
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
