// lake/: marks runs that an interrupted apply left behind as `aborted`, so `lakec runs` and `lakec status`
// stop calling them "running".
//
// Called under the lake lock at the start of every apply. Holding the lock means no other apply is
// writing any run of this lake (applies hold it from before they create their run folder until after
// they promote), so a run folder whose manifest still says `running` belongs to an apply that is gone:
// killed, crashed, or its machine lost power. Its folder is kept as it is (partial output included, for
// inspection); only its manifest is replaced, durably, by one saying `aborted`.
//
// Which runs are looked at: run ids sort by start time and every apply marks before it makes its own
// run, so the interrupted runs are always newer than the newest run with a final status (succeeded,
// failed, halted, aborted) or promoted one. The scan goes newest first and stops there: one manifest read per apply in
// the usual case, however many runs the lake keeps. Runs interrupted in a lake last written by a lakec
// without this step, below a finished run, stay `running`.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../../compiler/index.js';
import { writeDurable } from './durable-write.js';
import { MANIFEST_FILE, RUN_PLAN_FILE, runDir, type LakeLayout } from './lake-layout.js';
import { readManifest, type RunManifest } from './manifest.js';
import { activeRunId, readPromotions } from './promote.js';
import { isRunId } from './run-id.js';

/** The diagnostic an aborted run's manifest carries as `error`. */
export function abortedError(): Diagnostic {
  return {
    code: 'LK6412', severity: 'error',
    message: 'the apply making this run stopped before it finished (killed, crashed, or the machine went down); the next apply marked it aborted',
    hint: 'nothing of it was promoted: active and every earlier run are untouched; its folder is kept for inspection and can be deleted',
  };
}

/**
 * Marks every interrupted run of `lake` `aborted` (see the module header) and returns their ids, oldest
 * first. A run folder without a readable manifest (interrupted before its first manifest was written)
 * gets one built from its `_plan.json` when that is readable. Never touches the active run or any run
 * ever promoted. The caller MUST hold the lake lock.
 * @param now  the time recorded as `aborted.at`.
 * @throws the fs error when a manifest cannot be written (the apply should not go on then).
 */
export async function abortInterruptedRuns(lake: LakeLayout, now: Date = new Date()): Promise<string[]> {
  let ids: string[];
  try {
    ids = (await readdir(lake.runsDir)).filter(isRunId).sort().reverse();
  } catch {
    return [];
  }
  const interrupted: { runId: string; manifest: RunManifest | undefined }[] = [];
  let promoted: Set<string> | undefined;
  for (const runId of ids) {
    const manifest = await readManifest(join(runDir(lake, runId), MANIFEST_FILE));
    if (manifest && manifest.status !== 'running') break;
    // A promoted run is finished whatever its manifest says (lakec never promotes a running one).
    promoted ??= await promotedRuns(lake);
    if (promoted.has(runId)) break;
    interrupted.push({ runId, manifest });
  }
  const marked: string[] = [];
  for (const { runId, manifest } of interrupted.reverse()) {
    const dir = runDir(lake, runId);
    const base = manifest ?? (await manifestFromPlan(dir, runId));
    const aborted: RunManifest = { ...base, status: 'aborted', error: abortedError(), aborted: { at: now.toISOString() } };
    await writeDurable(join(dir, MANIFEST_FILE), JSON.stringify(aborted, null, 2) + '\n');
    marked.push(runId);
  }
  return marked;
}

/** The active run and every run ever promoted or rolled back to. */
async function promotedRuns(lake: LakeLayout): Promise<Set<string>> {
  const runs = new Set((await readPromotions(lake)).map((r) => r.runId));
  const active = await activeRunId(lake);
  if (active) runs.add(active);
  return runs;
}

/** A `running` manifest for a run folder that has none: project and fingerprint from its plan copy, if any. */
async function manifestFromPlan(dir: string, runId: string): Promise<RunManifest> {
  let plan: { project?: unknown; fingerprint?: unknown } = {};
  try {
    plan = JSON.parse(await readFile(join(dir, RUN_PLAN_FILE), 'utf8')) as typeof plan;
  } catch {
    // Interrupted before the plan was copied, or while copying it: nothing more is known.
  }
  return {
    manifestVersion: 2, runId, project: typeof plan.project === 'string' ? plan.project : '',
    planFingerprint: typeof plan.fingerprint === 'string' ? plan.fingerprint : '', status: 'running', previousActive: null,
    startedAt: startOfRunId(runId), inputs: [], datasets: [], steps: [],
  };
}

/** The start time encoded in a run id (`20261121T140512345Z-…` -> `2026-11-21T14:05:12.345Z`). */
function startOfRunId(runId: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z/.exec(runId)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7] ?? '000'}Z`;
}
