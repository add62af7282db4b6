// Crash harness: runs one `lakec apply` as a child process, watches it go through its phases (stderr lines,
// plus the run's manifest and `active` near the end), optionally SIGKILLs it a given time after a phase
// began, and reports when each phase began and the phase the process died in.
import { spawn } from 'node:child_process';
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, type LakeLayout } from '../../runtime/lake/lake-layout.js';
import { readManifest } from '../../runtime/lake/manifest.js';
import { newProgress, phaseOf, readProgressLine, type ApplyPhase, type PlanSteps, type StderrProgress } from './apply-phases.js';

/** Kill `delayMs` after phase `anchor` was seen to begin (`startup`: after the spawn). */
export interface KillAim {
  readonly anchor: ApplyPhase;
  readonly delayMs: number;
}

/** One observed apply. Times are ms since the spawn. */
export interface ApplyObservation {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when the harness sent SIGKILL before the process exited by itself. */
  readonly killed: boolean;
  /** When the kill was sent. */
  readonly killAtMs?: number;
  readonly durationMs: number;
  readonly stdout: string;
  readonly stderr: string;
  /** When each phase was seen to begin (phases never seen are absent). */
  readonly began: Partial<Record<ApplyPhase, number>>;
  /** The run folder the apply created, if any. */
  readonly runId?: string;
  /** The phase the evidence left at the end shows (for a process that was not killed: where it stopped). */
  readonly phase: ApplyPhase;
}

/** What observeApply needs. */
export interface ObserveOptions {
  /** `node` argv after the executable: the lakec bin and its arguments. */
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly lake: LakeLayout;
  readonly steps: PlanSteps;
  readonly kill?: KillAim;
}

/** How often the run's manifest and `active` are looked at once validation is printed, ms. */
const POLL_MS = 1;

/**
 * Runs the apply to its end (or its kill) and returns what was seen.
 * @throws Error when the process cannot be spawned.
 */
export async function observeApply(o: ObserveOptions): Promise<ApplyObservation> {
  const before = new Set(listRuns(o.lake));
  const t0 = performance.now();
  const at = (): number => performance.now() - t0;
  const child = spawn(process.execPath, [...o.args], { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const progress: StderrProgress = newProgress();
  const began: Partial<Record<ApplyPhase, number>> = { startup: 0 };
  let stdout = '';
  let stderr = '';
  let pending = '';
  let killAtMs: number | undefined;
  let exited = false;
  let firstManifestIno: number | undefined;
  let poller: NodeJS.Timeout | undefined;

  const kill = (): void => {
    if (exited || killAtMs !== undefined) return;
    killAtMs = at();
    child.kill('SIGKILL');
  };
  const reached = (phase: ApplyPhase): void => {
    if (began[phase] !== undefined) return;
    began[phase] = at();
    if (o.kill?.anchor === phase) setTimeout(kill, o.kill.delayMs);
    if (phase === 'report') poller = setInterval(poll, POLL_MS);
  };
  const poll = (): void => {
    if (!progress.runId) return;
    const dir = join(o.lake.runsDir, progress.runId);
    const ino = statSync(join(dir, MANIFEST_FILE), { throwIfNoEntry: false })?.ino;
    // The final manifest replaces the first one by rename: a new inode.
    if (ino !== undefined && ino !== firstManifestIno) reached('promotion');
    if (began.promotion !== undefined && activeTargetOf(o.lake) === progress.runId) reached('promoted');
  };
  const onLine = (line: string): void => {
    readProgressLine(progress, line, o.steps);
    if (progress.runId && began.ingest === undefined) {
      firstManifestIno = statSync(join(o.lake.runsDir, progress.runId, MANIFEST_FILE), { throwIfNoEntry: false })?.ino;
      reached('ingest');
    }
    if (progress.runId && progress.ingestEnded.size >= o.steps.ingest.size) reached('sql');
    if (progress.runId && progress.stepsEnded.size >= o.steps.total) reached('validation');
    if (progress.validated) reached('report');
  };
  if (o.kill?.anchor === 'startup') setTimeout(kill, o.kill.delayMs);
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    const lines = (pending + d).split('\n');
    pending = lines.pop()!;
    for (const line of lines) onLine(line);
  });
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolve([code, sig]));
    child.on('exit', () => (exited = true));
  });
  exited = true;
  if (poller) clearInterval(poller);
  const durationMs = at();
  if (pending) onLine(pending);

  const created = listRuns(o.lake).filter((r) => !before.has(r));
  const runId = progress.runId ?? created[0];
  const status = runId ? (await readManifest(join(o.lake.runsDir, runId, MANIFEST_FILE)))?.status : undefined;
  const state = { runExists: runId !== undefined, isActive: runId !== undefined && activeTargetOf(o.lake) === runId, ...(status ? { manifestStatus: status } : {}) };
  return {
    exitCode, signal, killed: killAtMs !== undefined && signal === 'SIGKILL', ...(killAtMs !== undefined ? { killAtMs } : {}),
    durationMs, stdout, stderr, began, ...(runId ? { runId } : {}), phase: phaseOf(progress, state, o.steps),
  };
}

function listRuns(lake: LakeLayout): string[] {
  try {
    return readdirSync(lake.runsDir);
  } catch {
    return [];
  }
}

/** The run id `active` names, or undefined. */
export function activeTargetOf(lake: LakeLayout): string | undefined {
  try {
    return readlinkSync(lake.active).split('/').pop();
  } catch {
    return undefined;
  }
}
