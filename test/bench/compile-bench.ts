// bench: compile speed on generated projects (test/gen): cold `lakec plan` of 1,000 and 10,000 models in
// a fresh process (wall time, peak RSS, MB of SQL per second), then a one-file edit and re-plan, both as a
// new `lakec plan` process (with the on-disk compile cache) and inside a running `lakec plan --watch`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plan } from '../../compiler/index.js';
import { formatSummary, generateProject, summarizeProject, writeProject, type ProjectSummary } from '../gen/gen-project.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The built CLI (this file runs from dist/test/bench). */
const BIN = resolve(HERE, '../../runtime/cli/bin.js');
const WORK = '/tmp/lakec-compile-bench';
const SEED = 1;
const GNU_TIME = '/usr/bin/time';

/** Targets the figures are printed against. */
const TARGET = { cold1k: 1, cold10k: 5, peakRssMb: 500, replan: 0.3 } as const;

/** One `lakec plan` child process. */
interface Measurement {
  readonly ok: boolean;
  readonly timedOut: boolean;
  /** Wall time from spawn to exit, seconds (process.hrtime). */
  readonly seconds: number;
  /** Peak resident set of the node process, bytes; undefined when neither GNU time nor /proc gave it. */
  readonly peakRss?: number;
  readonly exitCode: number | null;
  /** Last lines of stderr, for a failure message. */
  readonly stderrTail: string;
  /** Phase times from `--timings`, milliseconds (load, parse, bind, check, plan, emit). */
  readonly timings?: Readonly<Record<string, number>>;
  /** The `--timings` line saying how models were parsed and typed (fast, cached, engine). */
  readonly paths?: string;
}

/** Reads `timings: load 12 ms, parse 40 ms, …` and the line after it from `lakec plan --timings` stderr. */
function readTimings(stderr: string): { timings?: Record<string, number>; paths?: string } {
  const lines = stderr.split('\n');
  const i = lines.findIndex((l) => l.startsWith('timings: '));
  if (i < 0) return {};
  const timings = Object.fromEntries([...lines[i]!.matchAll(/(\w+) (\d+) ms/g)].map((m) => [m[1]!, Number(m[2])]));
  return { timings, ...(lines[i + 1] ? { paths: lines[i + 1]! } : {}) };
}

/** Per-measurement limit, seconds: LAKEC_COMPILE_BENCH_TIMEOUT_S, default 300. */
function timeoutSeconds(): number {
  const v = Number(process.env['LAKEC_COMPILE_BENCH_TIMEOUT_S'] ?? '300');
  return Number.isFinite(v) && v > 0 ? v : 300;
}

/** Project sizes: LAKEC_COMPILE_BENCH_SIZES=1000,10000 (the default). */
function sizes(): number[] {
  const raw = process.env['LAKEC_COMPILE_BENCH_SIZES'];
  const list = raw ? raw.split(',').map((s) => Number(s.trim())) : [1000, 10000];
  return list.filter((n) => Number.isInteger(n) && n > 0);
}

/** Reads VmHWM (peak RSS) of a live process from /proc, bytes. */
function procPeak(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The first child of `pid` (the node process GNU time runs), from /proc. */
function childPid(pid: number): number | undefined {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `node bin.js plan --project DIR --out OUT` in a fresh process group. Peak RSS comes from GNU time
 * (`-f %M`, KiB) when /usr/bin/time exists; /proc/<node pid>/status VmHWM is polled every 20 ms as well,
 * and stands in when GNU time gave nothing. The group is killed with SIGKILL after `timeoutS` seconds.
 */
function runPlan(projectDir: string, outFile: string, timeoutS: number): Promise<Measurement> {
  const useTime = existsSync(GNU_TIME);
  const rssFile = `${outFile}.rss`;
  rmSync(rssFile, { force: true });
  const nodeArgs = [BIN, 'plan', '--timings', '--project', projectDir, '--out', outFile];
  const [cmd, args] = useTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr = (stderr + s).slice(-4000);
    });
    let polled: number | undefined;
    const poll = setInterval(() => {
      const pid = child.pid === undefined ? undefined : useTime ? childPid(child.pid) : child.pid;
      const v = pid === undefined ? undefined : procPeak(pid);
      if (v !== undefined) polled = Math.max(polled ?? 0, v);
    }, 20);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutS * 1000);
    child.on('error', (e) => {
      clearTimeout(timer);
      clearInterval(poll);
      fail(e);
    });
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      clearTimeout(timer);
      clearInterval(poll);
      let peakRss = polled;
      if (useTime && existsSync(rssFile)) {
        const kib = readFileSync(rssFile, 'utf8').split('\n').filter((l) => /^\d+$/.test(l.trim())).map(Number).at(-1);
        if (kib !== undefined) peakRss = kib * 1024;
      }
      done({ ok: code === 0 && !timedOut, timedOut, seconds, ...(peakRss !== undefined ? { peakRss } : {}), exitCode: code, stderrTail: stderr.split('\n').slice(-6).join('\n'), ...readTimings(stderr) });
    });
  });
}

/** A re-plan inside a `lakec plan --watch` session: the edit's wall time to the plan written. */
interface WatchMeasurement {
  readonly ok: boolean;
  /** From writing the edited file to the child printing `re-planned`, seconds. */
  readonly seconds: number;
  /** The child's own figure: from the first file event to the plan written (includes its debounce), ms. */
  readonly reportedMs?: number;
  readonly timings?: Readonly<Record<string, number>>;
  readonly paths?: string;
  readonly error?: string;
}

/**
 * Starts `lakec plan --watch --timings`, waits for the first plan, writes `edited` to `path`, and times
 * until the child reports the re-plan; then restores `original`, waits for that re-plan and stops the
 * child (SIGINT). Gives up after `timeoutS` seconds per wait.
 */
function runWatchReplan(projectDir: string, outFile: string, path: string, original: string, edited: string, timeoutS: number): Promise<WatchMeasurement> {
  const child = spawn(process.execPath, [BIN, 'plan', '--watch', '--timings', '--project', projectDir, '--out', outFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let waiter: { pattern: RegExp; from: number; done: (m: RegExpExecArray | undefined) => void } | undefined;
  const check = (): void => {
    if (!waiter) return;
    const m = waiter.pattern.exec(stderr.slice(waiter.from));
    if (m) {
      const w = waiter;
      waiter = undefined;
      w.done(m);
    }
  };
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    check();
  });
  const waitFor = (pattern: RegExp, from: number): Promise<RegExpExecArray | undefined> => new Promise((done) => {
    const timer = setTimeout(() => {
      waiter = undefined;
      done(undefined);
    }, timeoutS * 1000);
    waiter = { pattern, from, done: (m) => { clearTimeout(timer); done(m); } };
    check();
  });
  return (async (): Promise<WatchMeasurement> => {
    try {
      if (!(await waitFor(/watching /, 0))) return { ok: false, seconds: 0, error: `no first plan: ${stderr.slice(-400)}` };
      await new Promise((r) => setTimeout(r, 500));
      const from = stderr.length;
      const start = process.hrtime.bigint();
      writeFileSync(path, edited);
      const m = await waitFor(/re-planned in (\d+) ms[^\n]*\n/, from);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (!m) return { ok: false, seconds, error: `no re-plan: ${stderr.slice(-400)}` };
      const after = stderr.length;
      writeFileSync(path, original);
      await waitFor(/re-planned in/, after);
      return { ok: true, seconds, reportedMs: Number(m[1]), ...readTimings(stderr.slice(from)) };
    } finally {
      writeFileSync(path, original);
      child.kill('SIGINT');
      await new Promise((r) => child.once('close', r));
    }
  })();
}

/** How many models at the middle depth midDagModel compares. */
const MID_CANDIDATES = 50;

/**
 * Picks the model to edit for the re-plan: among (up to MID_CANDIDATES) models whose depth (longest path
 * from a source, in steps) is half the deepest model's, the one with the most downstream steps. Mid-DAG
 * by depth, because the plan's topological order breaks ties by step id, not by generation order.
 */
function midDagModel(plan: Plan): { id: string; file: string; downstream: number } | undefined {
  const dependents = new Map<string, string[]>();
  const depth = new Map<string, number>();
  for (const s of plan.steps) {
    depth.set(s.id, s.dependsOn.reduce((d, p) => Math.max(d, (depth.get(p) ?? 0) + 1), 0));
    for (const d of s.dependsOn) dependents.set(d, [...(dependents.get(d) ?? []), s.id]);
  }
  const models = plan.steps.filter((s) => s.kind === 'model');
  const half = Math.floor(Math.max(0, ...models.map((s) => depth.get(s.id) ?? 0)) / 2);
  const downstreamOf = (id: string): number => {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length) {
      for (const n of dependents.get(stack.pop()!) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    return seen.size;
  };
  let best: { id: string; file: string; downstream: number } | undefined;
  for (const s of models.filter((m) => depth.get(m.id) === Math.max(half, 2)).slice(0, MID_CANDIDATES)) {
    if (s.kind !== 'model') continue;
    const downstream = downstreamOf(s.id);
    if (downstream > 0 && (!best || downstream > best.downstream)) best = { id: s.id, file: s.file, downstream };
  }
  return best;
}

/** Step ids whose data fingerprint differs between two plans of the same project. */
function changedSteps(before: Plan, after: Plan): number {
  const old = new Map(before.steps.map((s) => [s.id, s.fingerprint.data]));
  return after.steps.filter((s) => old.get(s.id) !== s.fingerprint.data).length;
}

/** Adds an output column to the model's first SELECT: a real data change that keeps every reader binding. */
function editModel(text: string): string {
  const at = text.search(/^\s*(WITH .*|SELECT)/m);
  const i = text.indexOf('SELECT', at);
  if (i < 0) throw new Error('compile bench: no SELECT to edit');
  return `${text.slice(0, i)}SELECT 1 AS bench_edit_marker,${text.slice(i + 'SELECT'.length)}`;
}

interface SizeResult {
  readonly models: number;
  readonly summary: ProjectSummary;
  readonly generateSeconds: number;
  readonly cold: Measurement;
  readonly replan?: Measurement & { readonly file: string; readonly downstream: number; readonly changed?: number };
  readonly replanSkipped?: string;
  readonly watch?: WatchMeasurement;
}

async function benchSize(models: number, timeoutS: number): Promise<SizeResult> {
  const dir = join(WORK, `n${models}-s${SEED}`);
  const out = join(WORK, `plan-n${models}.json`);
  const t0 = process.hrtime.bigint();
  const files = generateProject({ models, seed: SEED });
  writeProject(dir, files);
  const generateSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const summary = summarizeProject(files);
  process.stdout.write(`\ngenerated ${dir} in ${generateSeconds.toFixed(1)} s: ${formatSummary(summary)}`);
  process.stdout.write(`cold plan of ${models.toLocaleString('en-US')} models (timeout ${timeoutS} s) …\n`);
  // Cold: no compile cache yet (this run writes it, and pays for that); the re-plan below uses it.
  rmSync(join(dir, '.lakec'), { recursive: true, force: true });
  const cold = await runPlan(dir, out, timeoutS);
  if (!cold.ok) {
    const why = cold.timedOut ? `cold plan gave up after ${cold.seconds.toFixed(0)} s (timeout)` : `cold plan failed (exit ${cold.exitCode})`;
    process.stdout.write(`${why}\n${cold.timedOut ? '' : cold.stderrTail + '\n'}`);
    return { models, summary, generateSeconds, cold, replanSkipped: why };
  }
  const coldPlan = JSON.parse(readFileSync(out, 'utf8')) as Plan;
  const target = midDagModel(coldPlan);
  if (!target) return { models, summary, generateSeconds, cold, replanSkipped: 'no mid-DAG model with upstream and downstream models' };
  const path = join(dir, target.file);
  const original = readFileSync(path, 'utf8');
  writeFileSync(path, editModel(original));
  process.stdout.write(`re-plan after editing ${target.file} (${target.downstream} downstream steps) …\n`);
  try {
    const replan = await runPlan(dir, out, timeoutS);
    if (!replan.ok) {
      process.stdout.write(`re-plan ${replan.timedOut ? `gave up after ${replan.seconds.toFixed(0)} s (timeout)` : `failed (exit ${replan.exitCode})\n${replan.stderrTail}`}\n`);
      return { models, summary, generateSeconds, cold, replan: { ...replan, ...target } };
    }
    const changed = changedSteps(coldPlan, JSON.parse(readFileSync(out, 'utf8')) as Plan);
    writeFileSync(path, original);
    process.stdout.write(`the same edit inside a \`lakec plan --watch\` session …\n`);
    const watch = await runWatchReplan(dir, out, path, original, editModel(original), timeoutS);
    if (!watch.ok) process.stdout.write(`watch re-plan failed: ${watch.error ?? ''}\n`);
    return { models, summary, generateSeconds, cold, replan: { ...replan, ...target, changed }, watch };
  } finally {
    writeFileSync(path, original);
  }
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(bytes < 10e6 ? 2 : 1);
const secs = (m: Measurement): string => (m.ok ? m.seconds.toFixed(2) : m.timedOut ? `>${m.seconds.toFixed(0)} (timeout)` : 'failed');
const verdict = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? ' ok' : ' MISS');

function printTable(results: readonly SizeResult[]): void {
  const header = ['project', 'SQL MB', 'lines', 'cold s', 'target', 'SQL MB/s', 'parse MB/s', 'peak RSS MB', 'target', 're-plan s', 'target', 'watch re-plan s', 'target'];
  const rows = results.map((r) => {
    const coldTarget = r.models <= 1000 ? TARGET.cold1k : TARGET.cold10k;
    const rss = r.cold.peakRss;
    const re = r.replan;
    return [
      `${r.models.toLocaleString('en-US')} models`, mb(r.summary.sqlBytes), r.summary.lines.total.toLocaleString('en-US'),
      secs(r.cold), `≤ ${coldTarget} s${verdict(r.cold.ok ? r.cold.seconds <= coldTarget : r.cold.timedOut ? false : undefined)}`,
      r.cold.ok ? (r.summary.sqlBytes / 1e6 / r.cold.seconds).toFixed(2) : '-',
      r.cold.timings?.['parse'] ? (r.summary.sqlBytes / 1e6 / (r.cold.timings['parse'] / 1000)).toFixed(1) : '-',
      rss === undefined ? 'n/a' : (rss / 1e6).toFixed(0), `≤ ${TARGET.peakRssMb}${verdict(rss === undefined ? undefined : rss / 1e6 <= TARGET.peakRssMb)}`,
      re ? secs(re) : 'skipped', `≤ ${TARGET.replan} s${verdict(re?.ok ? re.seconds <= TARGET.replan : undefined)}`,
      r.watch?.ok ? r.watch.seconds.toFixed(2) : r.watch ? 'failed' : 'skipped', `≤ ${TARGET.replan} s${verdict(r.watch?.ok ? r.watch.seconds <= TARGET.replan : undefined)}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write(`\nCompile: cold \`lakec plan\` in a fresh node process on generated projects (seed ${SEED}); wall time, peak RSS of the child\n`);
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
  const phases = (m: Measurement): string => (m.timings ? Object.entries(m.timings).map(([k, v]) => `${k} ${v}`).join(', ') + ' ms' : 'no timings');
  for (const r of results) {
    process.stdout.write(`cold ${r.models.toLocaleString('en-US')}: ${phases(r.cold)}; ${r.cold.paths ?? ''}\n`);
    if (r.replan) {
      const changed = r.replan.changed === undefined ? '' : `, ${r.replan.changed} data fingerprints changed`;
      process.stdout.write(`re-plan ${r.models.toLocaleString('en-US')}: edited ${r.replan.file} (${r.replan.downstream} downstream steps${changed}), with the compile cache: ${phases(r.replan)}; ${r.replan.paths ?? ''}\n`);
    }
    if (r.watch?.ok) {
      process.stdout.write(`watch re-plan ${r.models.toLocaleString('en-US')}: same edit in a running \`lakec plan --watch\` (in-memory cache; ${r.watch.reportedMs} ms from file event to plan written, incl. a 10 ms debounce): ${r.watch.timings ? Object.entries(r.watch.timings).map(([k, v]) => `${k} ${v}`).join(', ') + ' ms' : ''}; ${r.watch.paths ?? ''}\n`);
    }
    if (r.replanSkipped) process.stdout.write(`re-plan ${r.models.toLocaleString('en-US')}: skipped: ${r.replanSkipped}\n`);
  }
  process.stdout.write('reference: dbt-core parses 10,000 models in ~24 s, dbt Fusion in ~2.8 s\n');
}

/**
 * Generates 1,000- and 10,000-model projects under /tmp/lakec-compile-bench and, for each, measures a cold
 * `lakec plan` in a fresh process (wall time, peak RSS, MB of SQL per second of compile) and a re-plan
 * after editing one mid-DAG model; prints a table with the targets. Each measurement is killed after
 * LAKEC_COMPILE_BENCH_TIMEOUT_S seconds (default 300) and reported as a timeout. Needs `npm run build`.
 */
export async function benchCompile(): Promise<void> {
  if (!existsSync(BIN)) throw new Error(`compile bench: ${BIN} not found; run npm run build first`);
  mkdirSync(WORK, { recursive: true });
  const timeoutS = timeoutSeconds();
  const results: SizeResult[] = [];
  for (const n of sizes()) results.push(await benchSize(n, timeoutS));
  printTable(results);
}
