// OpenLineage out of a real apply of both examples (Discogs on the real samples, Chinook from its CSV
// example): every event validates against the schemas shipped in schemas/openlineage/, each job has one
// START and one terminal event, column lineage and assertions agree with the plan and the manifest,
// and the HTTP transport delivers the same events, in order, with the bearer token, to a real server.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelStep, Plan } from '../../compiler/index.js';
import type { RunManifest } from '../../runtime/lake/manifest.js';
import type { OlRunEvent } from '../../runtime/openlineage/ol-event.js';
import { configureProject } from '../support/configure-project.js';
import { startCollector, type LineageCollector } from '../support/lineage-collector.js';
import { openLineageValidator } from '../support/openlineage-schemas.js';
import { copyProject } from '../support/project-copy.js';
import { runCli } from '../support/run-cli.js';
import { DISCOGS_SAMPLES } from '../support/paths.js';

const validator = openLineageValidator();
const TOKEN = `tok-${Math.random().toString(36).slice(2)}-planted`;

function readEvents(runDir: string): OlRunEvent[] {
  return readFileSync(join(runDir, '_openlineage.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as OlRunEvent);
}

function byJob(events: readonly OlRunEvent[]): Map<string, OlRunEvent[]> {
  const jobs = new Map<string, OlRunEvent[]>();
  for (const e of events) jobs.set(e.job.name, [...(jobs.get(e.job.name) ?? []), e]);
  return jobs;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
}

describe('OpenLineage events of an apply of both examples', () => {
  let collector: LineageCollector;
  let project: string;
  let lake: string;
  let runDir: string;
  let events: OlRunEvent[];
  let plan: Plan;
  let manifest: RunManifest;
  let code: number;
  let stderr: string;

  beforeAll(async () => {
    collector = await startCollector({ failFirst: 1 });
    project = copyProject();
    lake = join(mkdtempSync(join(tmpdir(), 'lakec-ol-')), 'lake');
    configureProject(project, { root: `openlineage:\n  namespace: lakec_test\n  http:\n    url: ${collector.url}/\n    api_key_env: OL_TOKEN\n    timeout: 5s\n` });
    const r = await runCli(['apply', '--project', project, '--lake', lake, '--var', `discogs_dump_dir=${DISCOGS_SAMPLES}`], project, { OL_TOKEN: TOKEN });
    code = r.code;
    stderr = r.stderr;
    runDir = join(lake, '_runs', readdirSync(join(lake, '_runs'))[0]!);
    events = readEvents(runDir);
    plan = JSON.parse(readFileSync(join(runDir, '_plan.json'), 'utf8')) as Plan;
    manifest = JSON.parse(readFileSync(join(runDir, '_manifest.json'), 'utf8')) as RunManifest;
  }, 120_000);
  afterAll(() => collector.close());

  it('the apply succeeds and every event validates against the shipped OpenLineage schemas', () => {
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/openlineage/);
    expect(manifest.status).toBe('succeeded');
    expect(plan.pipelines.map((p) => p.name).sort()).toEqual(['chinook', 'discogs']);
    expect(events.length).toBe(2 * (plan.steps.length + 2));
    const invalid = events.flatMap((e, i) => validator.validate(e).map((m) => `event ${i} (${e.eventType} ${e.job.name}): ${m}`));
    expect(invalid).toEqual([]);
  });

  it('the validator does reject what breaks the spec', () => {
    const e = structuredClone(events[1]!) as unknown as Record<string, any>;
    expect(validator.validate({ ...e, run: { ...e['run'], runId: 'run-1' } }).join('\n')).toMatch(/uuid/);
    expect(validator.validate({ ...e, eventType: 'DONE' }).join('\n')).toMatch(/allowed values/);
    const { _producer: _p, ...noProducer } = e['run'].facets.parent;
    expect(validator.validate({ ...e, run: { ...e['run'], facets: { ...e['run'].facets, parent: noProducer } } }).join('\n')).toMatch(/_producer/);
    const out = events.find((x) => x.outputs.some((o) => o.facets?.['columnLineage']))!;
    const broken = structuredClone(out) as unknown as Record<string, any>;
    const facet = broken['outputs'].find((o: any) => o.facets?.columnLineage).facets.columnLineage;
    const [first] = Object.keys(facet.fields);
    facet.fields[first!].inputFields = [{ name: 'x' }];
    expect(validator.validate(broken).join('\n')).toMatch(/namespace|field/);
    expect(validator.validate({ ...e, run: { ...e['run'], facets: { mystery: { _producer: 'https://x.test', _schemaURL: 'https://x.test/nope.json#/$defs/Nope' } } } }).join('\n')).toMatch(/no shipped schema/);
  });

  it('each job has one START first and one terminal event; the run is the parent of every stage', () => {
    const jobs = byJob(events);
    expect([...jobs.keys()].sort()).toEqual([...plan.steps.map((s) => s.id), plan.project, `${plan.project}/validation`].sort());
    const runUuid = jobs.get(plan.project)![0]!.run.runId;
    for (const [name, list] of jobs) {
      expect({ name, types: list.map((e) => e.eventType) }).toEqual({ name, types: ['START', 'COMPLETE'] });
      expect(new Set(list.map((e) => e.run.runId)).size).toBe(1);
      expect(list.every((e) => e.job.namespace === 'lakec_test')).toBe(true);
      if (name !== plan.project) expect((list[0]!.run.facets!['parent'] as unknown as { run: { runId: string } }).run.runId).toBe(runUuid);
    }
    expect(events[0]!.job.name).toBe(plan.project);
    expect(events.at(-1)!.job.name).toBe(plan.project);
    expect(new Set(events.map((e) => e.run.runId)).size).toBe(jobs.size);
  });

  it('model outputs carry the plan column lineage, DIRECT and INDIRECT, for every model', () => {
    const layerOf = new Map(plan.datasets.map((d) => [d.name, d.layer]));
    const lakeName = (dataset: string) => join(lake, 'active', layerOf.get(dataset)!, dataset);
    const models = plan.steps.filter((s): s is ModelStep => s.kind === 'model');
    expect(models.length).toBeGreaterThan(30);
    let indirect = 0;
    for (const step of models) {
      const complete = events.find((e) => e.job.name === step.id && e.eventType === 'COMPLETE')!;
      expect(complete.inputs.map((i) => i.name).sort()).toEqual(step.inputs.map(lakeName).sort());
      const [output] = complete.outputs;
      expect(output!.name).toBe(lakeName(step.dataset));
      const facet = output!.facets!['columnLineage'] as unknown as { fields: Record<string, { inputFields: { name: string; field: string; transformations: { type: string; subtype: string }[] }[] }>; dataset?: { name: string; field: string; transformations: { type: string; subtype: string }[] }[] };
      const flat = (fields: readonly { name: string; field: string; transformations: { type: string; subtype: string }[] }[]) =>
        fields.flatMap((f) => f.transformations.map((t) => `${f.name}|${f.field}|${t.type}|${t.subtype}`)).sort();
      const expected = (edges: readonly { source: string; type: string; subtype: string }[]) =>
        edges.map((e) => `${lakeName(e.source.slice(0, e.source.indexOf('.')))}|${e.source.slice(e.source.indexOf('.') + 1)}|${e.type}|${e.subtype}`).sort();
      expect(Object.keys(facet.fields)).toEqual(step.columns.map((c) => c.name));
      for (const c of step.columns) expect({ model: step.id, column: c.name, edges: flat(facet.fields[c.name]!.inputFields) }).toEqual({ model: step.id, column: c.name, edges: expected(c.edges) });
      expect(flat(facet.dataset ?? [])).toEqual(expected(step.rowEdges));
      indirect += step.rowEdges.length + step.columns.flatMap((c) => c.edges).filter((e) => e.type === 'INDIRECT').length;
      expect(output!.facets!['schema']).toMatchObject({ fields: step.columns.map((c) => ({ name: c.name, type: c.type })) });
    }
    expect(indirect).toBeGreaterThan(0);
  });

  it('outputs carry row counts and the version (run) of their data, matching the manifest', () => {
    const rows = new Map(manifest.datasets.map((d) => [d.name, d]));
    for (const e of events.filter((x) => x.eventType === 'COMPLETE')) {
      for (const o of e.outputs) {
        const dataset = o.name.split('/').at(-1)!;
        expect({ dataset, rows: (o.outputFacets!['outputStatistics'] as unknown as { rowCount: number }).rowCount }).toEqual({ dataset, rows: rows.get(dataset)!.rows });
        expect((o.facets!['version'] as unknown as { datasetVersion: string }).datasetVersion).toBe(rows.get(dataset)!.from);
      }
    }
  });

  it('ingest stages name what they read: the real dump files and the Chinook CSV files', () => {
    const inputs = events.filter((e) => e.eventType === 'COMPLETE' && plan.steps.find((s) => s.id === e.job.name)?.kind === 'ingest').flatMap((e) => e.inputs.map((i) => `${i.namespace}:${i.name}`));
    expect(inputs).toContain(`file:${join(DISCOGS_SAMPLES, 'discogs_20200806_releases.xml.gz')}`);
    expect(inputs).toContain(`file:${join(project, 'specs', 'chinook', 'example-csv', 'invoice_line.csv')}`);
  });

  it('validation reports every rule as a data-quality assertion on its dataset', () => {
    const complete = events.find((e) => e.job.name === `${plan.project}/validation` && e.eventType === 'COMPLETE')!;
    const assertions = complete.inputs.flatMap((i) => ((i.inputFacets!['dataQualityAssertions'] as unknown as { assertions: { assertion: string; success: boolean }[] }).assertions).map((a) => ({ dataset: i.name.split('/').at(-1)!, ...a })));
    const results = manifest.validation!.results;
    expect(assertions.length).toBe(results.length);
    expect(assertions.sort((a, b) => (a.assertion < b.assertion ? -1 : 1))).toEqual(results.map((r) => ({ dataset: r.dataset, assertion: r.id, success: r.ok, ...(assertions.find((a) => a.assertion === r.id)!['column' as never] ? { column: (assertions.find((a) => a.assertion === r.id) as unknown as { column: string }).column } : {}) })).sort((a, b) => (a.assertion < b.assertion ? -1 : 1)));
    expect(assertions.some((a) => !a.success)).toBe(true);
  });

  it('the HTTP transport POSTed the same events in order to /api/v1/lineage with the bearer token, retrying a 503', () => {
    expect(collector.requests.map((r) => r.body)).toEqual(events);
    expect(new Set(collector.requests.map((r) => `${r.method} ${r.path} ${r.headers['authorization']} ${r.headers['content-type']}`))).toEqual(new Set([`POST /api/v1/lineage Bearer ${TOKEN} application/json`]));
    for (const file of [...filesUnder(lake), join(project, 'pipelines.yaml')]) expect({ file, hasToken: readFileSync(file).includes(TOKEN) }).toEqual({ file, hasToken: false });
  });
});
