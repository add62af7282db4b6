// cli/commands: `lakec status [RUN_ID]`: one run stage by stage, and the kill switches in force.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LakecError } from '../../../compiler/index.js';
import type { AuditRecord } from '../../control/audit-record.js';
import { lakeLayout, MANIFEST_FILE, RUN_PLAN_FILE } from '../../lake/lake-layout.js';
import { readManifest, type ManifestStep } from '../../lake/manifest.js';
import { readPromotions } from '../../lake/promote.js';
import { readAuditFile } from '../../lake/read-audit-file.js';
import { resolveRun } from '../../lake/resolve-run.js';
import { colorFor } from '../ansi.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CommonOptions } from '../main.js';
import { renderStatusJson, renderStatusText, type KillSwitch, type KillSwitchState, type RunStatusReport } from '../render-status.js';
import { resolveLake } from './resolve-lake.js';

/** How long to wait for a metadata store held by another process before showing a note instead. */
const META_WAIT_MS = 1000;

/**
 * Shows one run (`runId`: a run id, `active`, or absent for the newest) stage by stage, then the kill
 * switches in force. Exit 0 whatever the run's status; LK6401 (exit 1) for an unknown run or a lake
 * without runs. Never creates the metadata store.
 */
export async function runStatusCommand(opts: CommonOptions, args: { runId?: string }, io: CliIo): Promise<number> {
  const lake = resolveLake(opts, io);
  if (!lake) return EXIT.diagnostics;
  const run = await resolveRun(lake, args.runId);
  const manifest = await readManifest(join(run.dir, MANIFEST_FILE));
  const promoted = (await readPromotions(lakeLayout(lake))).some((r) => r.action === 'promote' && r.runId === run.runId);
  const fromAudit = (manifest?.status === 'running' || manifest?.status === 'aborted') && !manifest.steps.length;
  const steps = fromAudit ? stepsOfAudit((await readAuditFile(run.dir))?.records ?? [], await readStepKinds(run.dir)) : manifest?.steps ?? [];
  const report: RunStatusReport = {
    runId: run.runId, active: run.active, promoted, manifest, steps, stepsFromAudit: fromAudit,
    killSwitches: await readKillSwitches(lakeLayout(lake).metaDb),
  };
  io.stdout.write(opts.json ? renderStatusJson(report) : renderStatusText(report, { color: colorFor(io.stdout, io.env) }));
  return EXIT.ok;
}

/**
 * Step entries of a run whose manifest lists none yet (running, interrupted or aborted): the latest attempt of
 * each stage, in the order stages first appear in the audit log. `kinds`: step id -> kind, from the plan.
 */
function stepsOfAudit(records: readonly AuditRecord[], kinds: ReadonlyMap<string, ManifestStep['kind']>): ManifestStep[] {
  const latest = new Map<string, AuditRecord>();
  for (const r of records) latest.set(r.stage, r);
  return [...latest.values()].map((r) => ({
    id: r.stage, kind: kinds.get(r.stage) ?? 'model', status: r.status, startedAt: r.started_at, durationMs: r.duration_ms, attempts: r.attempt,
    ...(r.rows !== null ? { rows: r.rows } : {}), ...(r.error_code ? { errorCode: r.error_code } : {}),
    ...(r.message && r.status !== 'succeeded' ? { reason: r.message } : {}),
  }));
}

/** Step id -> kind from the plan copied into the run folder; empty when it is missing or unreadable. */
async function readStepKinds(runPath: string): Promise<Map<string, ManifestStep['kind']>> {
  try {
    const plan = JSON.parse(await readFile(join(runPath, RUN_PLAN_FILE), 'utf8')) as { steps?: { id: string; kind: ManifestStep['kind'] }[] };
    return new Map((plan.steps ?? []).map((s) => [s.id, s.kind]));
  } catch {
    return new Map();
  }
}

/**
 * The kill switches in force per the metadata store at `dbPath`: `absent` when the store does not exist
 * (it is not created), `locked` when another process holds it (LK6405) or it cannot be used (another
 * LakecError, e.g. LK6404 from a newer lakec): a note then, so the run is still shown. Else the
 * effective switches, sorted by scope. The store module (and the engine) is loaded only when the file exists.
 */
async function readKillSwitches(dbPath: string): Promise<KillSwitchState> {
  if (!existsSync(dbPath)) return { kind: 'absent' };
  const { readControl, effectiveDisabled, isMetaStoreLocked } = await import('../../meta/meta-store.js');
  try {
    const control = await readControl(dbPath, { waitMs: META_WAIT_MS });
    const switches: KillSwitch[] = [...effectiveDisabled(control.flags)]
      .map(([scope, f]) => ({ scope, origin: f.origin, reason: f.reason, updatedBy: f.updatedBy }))
      .sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
    return { kind: 'read', switches };
  } catch (e) {
    if (isMetaStoreLocked(e)) return { kind: 'locked', note: 'not shown: the metadata store is locked by another process (try again when it finishes)' };
    if (e instanceof LakecError) return { kind: 'locked', note: `not shown: ${e.diagnostic.code}: ${e.diagnostic.message}` };
    throw e;
  }
}
