// lake/: which run a command means: an explicit run id, `active`, or (absent) the newest run.
import { readdir } from 'node:fs/promises';
import { LakecError, suggestName } from '../../compiler/index.js';
import { lakeLayout, runDir } from './lake-layout.js';
import { activeRunId } from './promote.js';
import { isRunId } from './run-id.js';

/** A run a command refers to, resolved against the lake's run folders. */
export interface ResolvedRun {
  readonly runId: string;
  /** Absolute run folder when the lake root is absolute. */
  readonly dir: string;
  /** Whether `active` points at this run. */
  readonly active: boolean;
}

/**
 * Resolves `ref` to one run of the lake at `lakeDir`.
 * @param ref a run id, `active` (the run `active` points to), or undefined for the newest run (run ids
 *   sort by start time, see run-id.ts). Only folders under `<lake>/_runs` named like a run id count.
 * @throws LakecError LK6401 when the lake has no runs, nothing is active (for `active`), or `ref` names
 *   no run (with a did-you-mean hint over the existing run ids).
 */
export async function resolveRun(lakeDir: string, ref?: string): Promise<ResolvedRun> {
  const lake = lakeLayout(lakeDir);
  const ids = await listRunIds(lake.runsDir);
  if (!ids.length) {
    throw new LakecError({ code: 'LK6401', severity: 'error', message: `no runs in lake ${lakeDir}`, hint: 'run lakec apply first' });
  }
  const active = await activeRunId(lake);
  const found = (runId: string): ResolvedRun => ({ runId, dir: runDir(lake, runId), active: runId === active });
  if (ref === undefined) return found(ids[ids.length - 1]!);
  if (ref === 'active') {
    if (active && ids.includes(active)) return found(active);
    throw new LakecError({ code: 'LK6401', severity: 'error', message: 'nothing is active in this lake', hint: `the newest run is "${ids[ids.length - 1]!}"` });
  }
  if (isRunId(ref) && ids.includes(ref)) return found(ref);
  const hint = suggestName(ref, ids, 'run id');
  throw new LakecError({ code: 'LK6401', severity: 'error', message: `unknown run "${ref}"`, ...(hint ? { hint } : {}) });
}

/** Run ids under `runsDir`, oldest first; empty when the folder does not exist. */
async function listRunIds(runsDir: string): Promise<string[]> {
  try {
    return (await readdir(runsDir)).filter(isRunId).sort();
  } catch {
    return [];
  }
}
