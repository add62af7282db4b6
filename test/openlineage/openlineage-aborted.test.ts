// An apply SIGKILLed mid-run never sent its run's terminal event; the next apply marks the run aborted
// and sends the missing ABORT (same run id as the START) to the file in that run and to the collector.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OlRunEvent } from '../../runtime/openlineage/ol-event.js';
import { configureProject } from '../support/configure-project.js';
import { startLakec } from '../support/lakec-process.js';
import { startCollector, type LineageCollector } from '../support/lineage-collector.js';
import { openLineageValidator } from '../support/openlineage-schemas.js';
import { copyProject } from '../support/project-copy.js';
import { runCli } from '../support/run-cli.js';
import { DISCOGS_SAMPLES } from '../support/paths.js';

const linesOf = (file: string): OlRunEvent[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.endsWith('}')).map((l) => JSON.parse(l) as OlRunEvent) : []);

describe('OpenLineage ABORT for a run interrupted by SIGKILL', () => {
  let collector: LineageCollector;
  afterAll(() => collector?.close());

  it('is sent by the next apply, with the START run id, through the killed run plan transports', async () => {
    collector = await startCollector();
    const project = copyProject();
    const lake = join(mkdtempSync(join(tmpdir(), 'lakec-ola-')), 'lake');
    configureProject(project, { root: `openlineage:\n  http:\n    url: ${collector.url}\n` });
    const args = ['apply', '--project', project, '--lake', lake, '--var', `discogs_dump_dir=${DISCOGS_SAMPLES}`];
    const killed = startLakec(args, project);
    await killed.stderrLine(/start discogs\.releases/);
    const runId = readdirSync(join(lake, '_runs'))[0]!;
    const file = join(lake, '_runs', runId, '_openlineage.jsonl');
    while (!linesOf(file).some((e) => e.job.name === 'lakec_examples')) await new Promise((r) => setTimeout(r, 20));
    killed.child.kill('SIGKILL');
    expect((await killed.exited).signal).toBe('SIGKILL');
    const before = linesOf(file);
    expect(before.filter((e) => e.job.name === 'lakec_examples').map((e) => e.eventType)).toEqual(['START']);

    const next = await runCli(args, project);
    expect(next.code).toBe(0);
    expect(JSON.parse(readFileSync(join(lake, '_runs', runId, '_manifest.json'), 'utf8')).status).toBe('aborted');
    const after = linesOf(file);
    const run = after.filter((e) => e.job.name === 'lakec_examples');
    expect(run.map((e) => e.eventType)).toEqual(['START', 'ABORT']);
    expect(run[1]!.run.runId).toBe(run[0]!.run.runId);
    expect((run[1]!.run.facets!['errorMessage'] as unknown as { message: string }).message).toMatch(/LK6412/);
    const validator = openLineageValidator();
    expect(validator.validate(run[1])).toEqual([]);
    const posted = collector.requests.map((r) => r.body as OlRunEvent).filter((e) => e.run.runId === run[0]!.run.runId);
    expect(posted.map((e) => e.eventType)).toEqual(['START', 'ABORT']);
  }, 120_000);
});
