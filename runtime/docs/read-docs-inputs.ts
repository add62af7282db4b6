// docs/: gathers what `lakec docs` shows beyond the plan: the models' SQL files, the lake's runs with
// their manifests, and the metadata flags (kill switches, scheduling profile). Reads only; never creates
// the lake or the metadata store.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LakecError, type Plan } from '../../compiler/index.js';
import { lakeLayout } from '../lake/lake-layout.js';
import { listRunsWithManifests } from '../lake/list-runs.js';
import type { DocsInputs, DocsRunInput } from './build-docs-data.js';
import type { DocsControl } from './docs-data.js';

/** Runs shown (newest first); older ones are left out of the site. */
export const MAX_DOCS_RUNS = 50;
/** How long to wait for a metadata store held by another process, milliseconds. */
const META_WAIT_MS = 1000;

/**
 * Reads the inputs of buildDocsData.
 * @param projectDir absolute project folder (model files are relative to it).
 * @param lakeDir absolute lake root, or undefined to show no runs and the plan's flags only.
 * @returns runs newest first (at most MAX_DOCS_RUNS); an unreadable model file is left out of `sql`.
 */
export async function readDocsInputs(plan: Plan, projectDir: string, lakeDir: string | undefined): Promise<DocsInputs> {
  const sql = new Map<string, string>();
  await Promise.all(plan.steps.map(async (s) => {
    if (s.kind !== 'model') return;
    try {
      sql.set(s.file, await readFile(join(projectDir, s.file), 'utf8'));
    } catch {
      // shown without SQL
    }
  }));
  const runs: DocsRunInput[] = lakeDir ? await listRunsWithManifests(lakeDir, MAX_DOCS_RUNS) : [];
  return { plan, sql, runs, control: await readDocsControl(plan, lakeDir) };
}

/**
 * The kill switches in force and the profile: from the metadata store when it exists and can be read,
 * else from the plan (pipelines.yaml) with a note saying why.
 */
export async function readDocsControl(plan: Plan, lakeDir: string | undefined): Promise<DocsControl> {
  const fromPlan = (note: string): DocsControl => ({
    killSwitches: plan.control.flags.map((f) => ({ scope: f.scope, origin: 'spec', reason: f.reason ?? null, updatedBy: null })),
    profile: plan.schedule.profile, profileFrom: 'pipelines.yaml', note,
  });
  const db = lakeDir ? lakeLayout(lakeDir).metaDb : undefined;
  if (!db || !existsSync(db)) return fromPlan('no metadata store yet: flags as declared in pipelines.yaml');
  const meta = await import('../meta/meta-store.js');
  try {
    const control = await meta.readControl(db, { waitMs: META_WAIT_MS });
    const profile = await meta.readSetting(db, 'schedule_profile', { waitMs: META_WAIT_MS });
    return {
      killSwitches: [...meta.effectiveDisabled(control.flags)].map(([scope, f]) => ({ scope, origin: f.origin, reason: f.reason, updatedBy: f.updatedBy })),
      profile: profile ?? plan.schedule.profile, profileFrom: profile ? 'metadata store' : 'pipelines.yaml',
    };
  } catch (e) {
    if (meta.isMetaStoreLocked(e)) return fromPlan('the metadata store is locked by another process: flags as declared in pipelines.yaml');
    if (e instanceof LakecError) return fromPlan(`the metadata store could not be read (${e.diagnostic.code}): flags as declared in pipelines.yaml`);
    throw e;
  }
}
