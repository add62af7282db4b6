// Hostile-input corpus: runs one case through the built CLI in a child process and judges the outcome:
// a coded, positioned diagnostic, the expected non-zero exit, no crash, bounded memory and time,
// nothing written outside the run's own directory and `active` unchanged.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { treeDigest } from '../support/lake-snapshot.js';
import { builtLakec } from '../support/dist-bin.js';
import type { CaseWorkspace, HostileCase, HostileCategory } from './hostile-case.js';
import { childEnv, copyWorkspace, lakecArgs, OUTSIDE_SECRET, removeWorkspace, type BaseWorkspace } from './hostile-workspace.js';

/** Bounds every case must stay within: peak RSS of the child (KiB) and wall time (ms). */
export const BOUNDS = { maxRssKb: 1024 * 1024, maxWallMs: 60_000 } as const;

/** What one case did; `problems` lists every way it departed from the expected outcome (empty: as expected). */
export interface CaseResult {
  readonly id: string;
  readonly category: HostileCategory;
  readonly exit: number | null;
  /** The first rendered diagnostic line with an error code, e.g. `a.yaml:3:1: error LK1001: …`. */
  readonly diagnostic: string | undefined;
  /** Peak resident set size of the child, KiB (undefined when it died before reporting). */
  readonly rssKb: number | undefined;
  readonly wallMs: number;
  readonly problems: readonly string[];
}

const PEAK_RSS_REPORTER = pathToFileURL(join(import.meta.dirname, 'peak-rss-reporter.mjs')).href;
/** Output kept per stream: enough for any diagnostic, bounded however much a child prints. */
const MAX_CAPTURE = 256 * 1024;

/** Copies `base`, plants the case, runs it and judges it; the copy is removed afterwards. */
export async function runHostileCase(c: HostileCase, base: BaseWorkspace): Promise<CaseResult> {
  const ws = copyWorkspace(base);
  try {
    await c.setup(ws);
    const env = { ...childEnv(ws.root), LAKEC_HOSTILE_RSS_FILE: join(ws.root, 'peak-rss.txt') };
    const before = treeDigest(ws.root, []);
    const activeBefore = readlinkSync(join(ws.lake, 'active'));
    const child = await runChild([`--import=${PEAK_RSS_REPORTER}`, builtLakec(), ...lakecArgs(c.command, ws)], ws.project, env);
    const rssFile = join(ws.root, 'peak-rss.txt');
    const rssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : undefined;
    const after = treeDigest(ws.root, ['peak-rss.txt']);
    const problems = [
      ...judgeOutput(c, child),
      ...judgeBounds(child, rssKb),
      ...judgeWrites(ws, before, after),
      ...(readlinkSync(join(ws.lake, 'active')) === activeBefore ? [] : [`active moved from ${activeBefore} to ${readlinkSync(join(ws.lake, 'active'))}`]),
      ...leaks(ws, child),
    ];
    return { id: c.id, category: c.category, exit: child.exit, diagnostic: firstErrorLine(child.stderr), rssKb, wallMs: child.wallMs, problems };
  } finally {
    removeWorkspace(ws);
  }
}

interface ChildRun {
  readonly exit: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  readonly timedOut: boolean;
}

function runChild(args: string[], cwd: string, env: Record<string, string>): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: BOUNDS.maxWallMs, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { if (stdout.length < MAX_CAPTURE) stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { if (stderr.length < MAX_CAPTURE) stderr += b.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ exit: code, stdout, stderr, wallMs: performance.now() - start, timedOut: signal === 'SIGKILL' }));
  });
}

function firstErrorLine(stderr: string): string | undefined {
  return stderr.split('\n').find((l) => / error LK\d{4}: /.test(l) || /^error LK\d{4}: /.test(l));
}

function judgeOutput(c: HostileCase, r: ChildRun): string[] {
  const out: string[] = [];
  if (r.timedOut) return [`hung: killed after ${BOUNDS.maxWallMs} ms`];
  if (r.exit !== c.expect.exit) out.push(`exit ${r.exit}, expected ${c.expect.exit}`);
  if (/unexpected error|internal error/.test(r.stderr)) out.push('crashed with an unexpected/internal error');
  if (/^\s+at .+(:\d+:\d+\)?|\(native\))$/m.test(r.stderr + r.stdout)) out.push('printed a stack trace');
  const line = r.stderr.split('\n').find((l) => l.includes(`error ${c.expect.code}: `));
  if (!line) {
    out.push(`no "error ${c.expect.code}" diagnostic (got: ${firstErrorLine(r.stderr) ?? (r.stderr.trim().split('\n')[0] || '(nothing)')})`);
    return out;
  }
  if (c.expect.at) {
    const where = line.slice(0, line.indexOf(` error ${c.expect.code}: `)).replace(/:$/, '');
    if (!c.expect.at.test(where)) out.push(`diagnostic at "${where}", expected ${c.expect.at}`);
  }
  if (c.expect.mentions && !c.expect.mentions.test(r.stderr)) out.push(`diagnostic does not mention ${c.expect.mentions}`);
  return out;
}

function judgeBounds(r: ChildRun, rssKb: number | undefined): string[] {
  const out: string[] = [];
  if (rssKb === undefined && !r.timedOut) out.push('child exited without reporting its peak RSS');
  if (rssKb !== undefined && rssKb > BOUNDS.maxRssKb) out.push(`peak RSS ${Math.round(rssKb / 1024)} MiB over ${BOUNDS.maxRssKb / 1024} MiB`);
  if (r.wallMs > BOUNDS.maxWallMs) out.push(`took ${Math.round(r.wallMs)} ms`);
  return out;
}

/**
 * Every path under the workspace root that was added, changed or removed, except: the new run's own
 * folder `lake/_runs/<new id>/`, the metadata store `lake/_meta/` (every apply records its audit there),
 * the compile cache `project/.lakec/` and the plan folder `out/`.
 */
function judgeWrites(ws: CaseWorkspace, before: Record<string, string>, after: Record<string, string>): string[] {
  const oldRuns = new Set(Object.keys(before).filter((p) => p.startsWith('lake/_runs/')).map((p) => p.split('/')[2]));
  const allowed = (p: string) => p.startsWith('lake/_meta/') || p.startsWith('project/.lakec/') || p.startsWith('out/') ||
    (p.startsWith('lake/_runs/') && !oldRuns.has(p.split('/')[2]));
  const out: string[] = [];
  for (const p of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[p] === after[p] || allowed(p)) continue;
    out.push(`${before[p] === undefined ? 'wrote' : after[p] === undefined ? 'removed' : 'changed'} ${p} outside the run directory`);
  }
  return out;
}

function leaks(ws: CaseWorkspace, r: ChildRun): string[] {
  if ((r.stdout + r.stderr).includes(OUTSIDE_SECRET)) return ['printed the content of outside/secret.txt'];
  const files = Object.entries(treeDigest(ws.lake, [])).filter(([, digest]) => !digest.startsWith('-> ')).map(([p]) => p);
  const hit = files.find((p) => readFileSync(join(ws.lake, p)).includes(OUTSIDE_SECRET));
  return hit ? [`copied the content of outside/secret.txt into lake/${hit}`] : [];
}
