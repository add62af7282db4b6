// cli/commands: the predicted schedule `lakec plan --schedule` prints: the plan's tasks with cost
// estimates from the lake's audit history (defaults for stages never run), simulated by the real
// scheduler on a virtual clock, drawn as a text Gantt per system.
import { availableParallelism } from 'node:os';
import { SCHEDULE_PROFILES, type Plan, type ScheduleProfile } from '../../../compiler/index.js';
import { locateInput } from '../../executor/run-ingest-step.js';
import { defaultWorkers, scheduleTasks } from '../../executor/schedule-tasks.js';
import { lakeLayout } from '../../lake/lake-layout.js';
import { readCostHistory } from '../../meta/cost-history.js';
import { PROFILE_SETTING } from '../../meta/exchange-with-meta.js';
import { readSetting } from '../../meta/settings.js';
import { predictSchedule } from '../../schedule/predict-schedule.js';
import { renderGantt } from '../../schedule/render-gantt.js';
import type { ScheduleRecord } from '../../schedule/schedule-types.js';
import { existsSync } from 'node:fs';

/**
 * Predicts `plan`'s schedule under `profile` (default: the operator's profile in the lake's store, else
 * the plan's). Reads the store only if it exists; never writes.
 * @returns the record and its Gantt text (with a line saying how many estimates come from history).
 */
export async function predictPlanSchedule(
  plan: Plan, projectDir: string, lakeDir: string, profile?: ScheduleProfile, env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<{ record: ScheduleRecord; text: string }> {
  const lake = lakeLayout(lakeDir);
  const stored = existsSync(lake.metaDb) ? await readSetting(lake.metaDb, PROFILE_SETTING) : undefined;
  const chosen: ScheduleProfile = profile ?? ((SCHEDULE_PROFILES as readonly string[]).includes(stored ?? '') ? stored as ScheduleProfile : plan.schedule.profile);
  const sourceSizes = new Map<string, number>();
  for (const step of plan.steps) {
    if (step.kind !== 'ingest') continue;
    const located = await locateInput(step, projectDir, env).catch(() => undefined);
    if (located) sourceSizes.set(step.id, located.size);
  }
  const history = await readCostHistory(lake.metaDb);
  const { tasks, throttles, estimates } = scheduleTasks(plan, { history, sourceSizes });
  const workers = defaultWorkers(plan, availableParallelism());
  const record = await predictSchedule(tasks, workers, throttles, chosen);
  const known = [...estimates.values()].filter((e) => e.source === 'history').length;
  const text = renderGantt(record, { title: `predicted schedule (${chosen}, ${workers} workers)` })
    + `estimates: ${known} of ${estimates.size} stages from earlier runs (median of the last 5 succeeded attempts)${known < estimates.size ? `, ${estimates.size - known} from defaults (source size at 8 MB/s, else 150 ms)` : ''}\n`;
  return { record, text };
}
