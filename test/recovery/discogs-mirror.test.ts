// Acceptance on the real Discogs samples: with the primary dump location missing and a mirror declared,
// the apply succeeds through the mirror and says so (manifest step `route`, audit log); with no route
// available it fails with SOURCE_UNAVAILABLE / LK6109 naming the routes tried and leaves `active` alone;
// with the dumps gone, `last_published` links the active run's datasets and records their staleness.
//
// Contract for the executor (runtime/executor/, the lead's): each ingest step calls chooseIngestRoute
// (runtime/recovery/choose-route.ts) with the apply's clock, records `route` on its manifest step, and
// writes routeAuditMessage(route) (runtime/recovery/route-message.ts) as the message of its audit record.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../compiler/index.js';
import type { AuditRecord } from '../../runtime/control/audit-record.js';
import { applyPlan, type ApplyResult } from '../../runtime/executor/apply-plan.js';
import type { ManifestStep } from '../../runtime/lake/manifest.js';
import { configureProject } from '../support/configure-project.js';
import { DISCOGS_SAMPLES } from '../support/paths.js';
import { copyProject } from '../support/project-copy.js';

const SOURCES = ['artists', 'labels', 'masters', 'releases'] as const;
const STAGES = SOURCES.map((s) => `discogs.${s}`);
/** Few quick retries: LK6109 is SOURCE_UNAVAILABLE, which is transient. */
const FAST_RETRY = 'retry: { max_attempts: 2, backoff: fixed, delay: 10ms, jitter: 0 }';

/** A copy of the example project whose four sources declare `routes` (YAML list items), read from `dumpDir`. */
function setup(routes: string[]) {
  const project = copyProject();
  configureProject(project, { root: FAST_RETRY });
  const file = join(project, 'pipelines.yaml');
  let text = readFileSync(file, 'utf8');
  for (const s of SOURCES) {
    const line = `        mapping: specs/discogs/mappings/${s}.yaml\n`;
    if (!text.includes(line)) throw new Error(`unexpected pipelines.yaml: no ${line.trim()}`);
    text = text.replace(line, `${line}        routes:\n${routes.map((r) => `          - ${r}\n`).join('')}`);
  }
  writeFileSync(file, text);
  const lake = join(mkdtempSync(join(tmpdir(), 'lakec-recovery-')), 'lake');
  const apply = async (dumpDir: string, now?: () => Date): Promise<ApplyResult> => {
    const compiled = await compileProject({ projectDir: project, vars: { discogs_dump_dir: dumpDir }, env: {} });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return applyPlan({ plan: compiled.plan!, projectDir: project, lakeDir: lake, ...(now ? { now } : {}) });
  };
  return { project, lake, apply };
}

/** Copies the four real sample dumps into `<project>/<folder>`. */
function putSamples(project: string, folder: string): void {
  for (const f of readdirSync(DISCOGS_SAMPLES)) cpSync(join(DISCOGS_SAMPLES, f), join(project, folder, f));
}

const ingestSteps = (r: ApplyResult): ManifestStep[] => r.manifest.steps.filter((s) => STAGES.includes(s.id));
function auditOf(r: ApplyResult): AuditRecord[] {
  return readFileSync(join(r.runDir, '_audit.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditRecord);
}

describe('recovery routes on the real Discogs samples', () => {
  it('with the primary location missing, the run succeeds through the mirror and says so', async () => {
    const t = setup(['{ name: mirror, location: mirror, cost: 2 }']);
    putSamples(t.project, 'mirror');
    const r = await t.apply('dumps-missing');
    expect(r.error).toBeUndefined();
    expect(r.status).toBe('succeeded');
    expect(r.promoted).toBe(true);
    expect(readlinkSync(join(t.lake, 'active'))).toBe(`_runs/${r.runId}`);
    const steps = ingestSteps(r);
    expect(steps.map((s) => s.id).sort()).toEqual(STAGES);
    for (const s of steps) {
      const name = s.id.split('.')[1]!;
      expect(s.status).toBe('succeeded');
      expect(s.route).toMatchObject({ name: 'mirror', kind: 'location', cost: 2, stalenessMs: 0, file: `mirror/discogs_20200806_${name}.xml.gz` });
      expect(s.route!.tried).toEqual([{ name: 'primary', reason: 'source folder "dumps-missing" not found' }]);
      expect(r.manifest.inputs.find((i) => i.step === s.id)?.file).toBe(`mirror/discogs_20200806_${name}.xml.gz`);
    }
    // Model steps read no source: no route on them.
    expect(r.manifest.steps.filter((s) => s.kind === 'model').every((s) => s.route === undefined)).toBe(true);
    const audit = auditOf(r);
    for (const stage of STAGES) {
      const messages = audit.filter((a) => a.stage === stage).map((a) => a.message ?? '');
      expect(messages.some((m) => m.includes('used route mirror (cost 2, staleness 0s) after primary: source folder "dumps-missing" not found')), `${stage}: ${messages.join(' | ')}`).toBe(true);
    }
  });

  it('with no route available, the run fails with SOURCE_UNAVAILABLE / LK6109 naming the routes tried; active is untouched', async () => {
    const t = setup(['{ name: mirror, location: mirror, cost: 2 }']);
    putSamples(t.project, 'mirror');
    const first = await t.apply('dumps-missing');
    expect(first.status).toBe('succeeded');
    rmSync(join(t.project, 'mirror'), { recursive: true });

    const r = await t.apply('dumps-missing');
    expect(r.status).toBe('failed');
    expect(r.promoted).toBe(false);
    expect(r.manifest.errorCode).toBe('SOURCE_UNAVAILABLE');
    expect(r.error?.code).toBe('LK6109');
    expect(r.error?.message).toMatch(/^no route to source discogs\.\w+ is available: primary \(source folder "dumps-missing" not found\), mirror \(source folder "mirror" not found\)$/);
    const failed = r.manifest.steps.find((s) => s.status === 'failed')!;
    expect(failed).toMatchObject({ kind: 'ingest', errorCode: 'SOURCE_UNAVAILABLE', error: { code: 'LK6109' } });
    expect(auditOf(r).some((a) => a.error_code === 'SOURCE_UNAVAILABLE' && /^LK6109: /.test(a.original_error ?? ''))).toBe(true);
    expect(readlinkSync(join(t.lake, 'active'))).toBe(`_runs/${first.runId}`);
  });

  it('with the dumps gone, last_published links the active run\'s datasets and records how stale they are', async () => {
    const t = setup(['{ name: mirror, location: mirror, cost: 2 }', '{ name: last_published, previous_run: true, cost: 50 }']);
    putSamples(t.project, 'dumps');
    const first = await t.apply('dumps');
    expect(first.status).toBe('succeeded');
    expect(ingestSteps(first).every((s) => s.route === undefined)).toBe(true);
    rmSync(join(t.project, 'dumps'), { recursive: true });

    const later = () => new Date(Date.now() + 3_600_000);
    const r = await t.apply('dumps', later);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe('succeeded');
    expect(r.promoted).toBe(true);
    for (const s of ingestSteps(r)) {
      expect(s.route).toMatchObject({ name: 'last_published', kind: 'previous_run', cost: 50, fromRun: first.runId });
      expect(s.route!.stalenessMs).toBeGreaterThanOrEqual(3_600_000);
      expect(s.route!.tried).toEqual([
        { name: 'primary', reason: 'source folder "dumps" not found' },
        { name: 'mirror', reason: 'source folder "mirror" not found' },
      ]);
    }
    // The bronze datasets are the first run's, linked; the run folder is complete on its own.
    for (const name of SOURCES) {
      const d = r.manifest.datasets.find((x) => x.name === name)!;
      expect(d).toMatchObject({ build: 'reused', from: first.runId });
      expect(d.fingerprint).toBe(first.manifest.datasets.find((x) => x.name === name)!.fingerprint);
      for (const f of d.files) expect(existsSync(join(r.runDir, f.path))).toBe(true);
    }
    const audit = auditOf(r);
    for (const stage of STAGES) {
      expect(audit.some((a) => a.stage === stage && (a.message ?? '').startsWith(`used route last_published from run ${first.runId} (cost 50, staleness 1h`))).toBe(true);
    }
  });
});
