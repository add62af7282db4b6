// openlineage/: an apply that was killed never sent its run's terminal event, so collectors would show
// that run as running forever. When the next apply marks such a run `aborted`
// (runtime/lake/abort-interrupted-runs.ts), this sends the missing ABORT for it, through the transports
// of the plan that run was applying (its `_plan.json`), with the same run id its START had (run ids
// are derived from the lakec run id and start time). Stages it left open stay open: their ends were
// never observed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plan } from '../../compiler/index.js';
import { MANIFEST_FILE, RUN_PLAN_FILE, runDir, type LakeLayout } from '../lake/lake-layout.js';
import { readManifest } from '../lake/manifest.js';
import type { TransportReport } from './lineage-transport.js';
import { openOpenLineage } from './open-emitter.js';

/**
 * Sends ABORT for each run in `runIds` whose plan copy is readable (a run interrupted before its plan
 * was copied never sent a START). Never throws; returns what the transports reported.
 */
export async function reportAbortedRuns(
  lake: LakeLayout, runIds: readonly string[], context: { projectDir: string; now: () => Date; env: Readonly<Record<string, string | undefined>>; fetch?: typeof fetch },
): Promise<TransportReport[]> {
  const reports: TransportReport[] = [];
  for (const runId of runIds) {
    const dir = runDir(lake, runId);
    try {
      const plan = JSON.parse(await readFile(join(dir, RUN_PLAN_FILE), 'utf8')) as Plan;
      const manifest = await readManifest(join(dir, MANIFEST_FILE));
      if (!manifest) continue;
      const emitter = openOpenLineage({
        plan, projectDir: context.projectDir, lakeDir: lake.root, runId, runDir: dir, startedAt: new Date(manifest.startedAt), now: context.now, env: context.env,
        ...(context.fetch ? { fetch: context.fetch } : {}),
      });
      emitter.runEnded(manifest);
      reports.push(...await emitter.close());
    } catch {
      // No readable plan copy: the run never got as far as its START.
    }
  }
  return reports;
}
