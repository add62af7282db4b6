// OpenLineage when things go wrong: a failing error rule gives FAIL for validation and the run (with
// the diagnostic as errorMessage); a kill switch gives ABORT for the disabled stage, the stages that
// depend on it and the run; an unreachable collector is a warning that never fails the apply.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OlRunEvent } from '../../runtime/openlineage/ol-event.js';
import { configureProject } from '../support/configure-project.js';
import { openLineageValidator } from '../support/openlineage-schemas.js';
import { copyProject } from '../support/project-copy.js';
import { runCli } from '../support/run-cli.js';
import { DISCOGS_SAMPLES } from '../support/paths.js';

const validator = openLineageValidator();

async function applyOnce(setup?: (project: string, lake: string) => Promise<void> | void) {
  const project = copyProject();
  const lake = join(mkdtempSync(join(tmpdir(), 'lakec-olf-')), 'lake');
  await setup?.(project, lake);
  const r = await runCli(['apply', '--project', project, '--lake', lake, '--var', `discogs_dump_dir=${DISCOGS_SAMPLES}`], project);
  const run = join(lake, '_runs', readdirSync(join(lake, '_runs'))[0]!);
  const events = readFileSync(join(run, '_openlineage.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as OlRunEvent);
  expect(events.flatMap((e) => validator.validate(e))).toEqual([]);
  const last = (job: string) => events.filter((e) => e.job.name === job).at(-1)!;
  return { r, events, last };
}

/** A port nothing listens on (taken from the OS, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('OpenLineage terminal events of failed, halted and unreported runs', () => {
  it('a failing error rule: validation FAIL and run FAIL carrying LK6301; the stages COMPLETE', async () => {
    const { r, events, last } = await applyOnce((project) => {
      appendFileSync(join(project, 'pipelines.yaml'), '      - { id: invoices_too_few, kind: row_count_min, dataset: invoices_clean, min: 1000000, severity: error }\n');
    });
    expect(r.code).toBe(3);
    expect(last('lakec_examples/validation').eventType).toBe('FAIL');
    const run = last('lakec_examples');
    expect(run.eventType).toBe('FAIL');
    expect((run.run.facets!['errorMessage'] as unknown as { message: string }).message).toMatch(/LK6301.*invoices_too_few/);
    const stageEnds = events.filter((e) => e.job.name.includes('.') && e.eventType !== 'START');
    expect(new Set(stageEnds.map((e) => e.eventType))).toEqual(new Set(['COMPLETE']));
  }, 120_000);

  it('a kill switch: the disabled stage and its dependents ABORT (never started), and so does the run', async () => {
    const { r, events, last } = await applyOnce(async (project, lake) => {
      expect((await runCli(['disable', 'discogs.releases', '--lake', lake, '--reason', 'dump late'], project)).code).toBe(0);
    });
    expect(r.code).toBe(3);
    const releases = events.filter((e) => e.job.name === 'discogs.releases');
    expect(releases.map((e) => e.eventType)).toEqual(['START', 'ABORT']);
    expect(releases[1]!.run.facets!['lakec_run']).toMatchObject({ status: 'disabled' });
    const skipped = events.filter((e) => e.eventType === 'ABORT' && (e.run.facets!['lakec_run'] as unknown as { status?: string }).status === 'skipped');
    expect(skipped.map((e) => e.job.name)).toContain('discogs.release_facts');
    expect(last('lakec_examples').eventType).toBe('ABORT');
    expect(events.some((e) => e.job.name === 'chinook.fact_invoice_line' && e.eventType === 'COMPLETE')).toBe(true);
  }, 120_000);

  it('an unreachable collector is a warning: the apply succeeds and the file still has every event', async () => {
    const port = await closedPort();
    const { r, events, last } = await applyOnce((project) => {
      configureProject(project, { root: `openlineage:\n  http:\n    url: http://127.0.0.1:${port}\n    timeout: 1s\n` });
    });
    expect(r.code).toBe(0);
    expect(last('lakec_examples').eventType).toBe('COMPLETE');
    expect(r.stderr).toMatch(new RegExp(`warning: openlineage http: ${events.length} of ${events.length} event\\(s\\) not delivered to http://127.0.0.1:${port}/api/v1/lineage: POST .* failed`));
  }, 120_000);
});
