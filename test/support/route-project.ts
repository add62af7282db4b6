// Test support: a small two-source project for recovery routes. Sources `shop.items` (datasets items,
// item_tags) and `shop.prices` (dataset prices), both read from `dumps/`, joined by the silver model
// `priced_items`; each source's `routes:` block is given as YAML list lines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileProject, isXmlIngest, type IngestStep, type Plan, type XmlIngestStep } from '../../compiler/index.js';
import type { ReuseBase } from '../../runtime/executor/reuse-step.js';
import { ingestEffectiveFingerprint } from '../../runtime/executor/effective-fingerprint.js';
import type { ManifestDataset, ManifestInput, ManifestStep, RunManifest } from '../../runtime/lake/manifest.js';
import { ITEMS_MAPPING, writeProject } from './temp-project.js';

const PRICES_MAPPING = `root: prices
record: price
table: prices
key: item_id
columns:
  - { name: item_id, path: "@item", type: BIGINT }
  - { name: amount, path: amount, type: DOUBLE }
`;

/** XML bodies that the two mappings read. */
export const ITEMS_XML = '<items><item id="1"><name>a</name><tags><tag>x</tag></tags></item><item id="2"><name>b</name></item></items>\n';
export const PRICES_XML = '<prices><price item="1"><amount>2.5</amount></price><price item="2"><amount>4</amount></price></prices>\n';

/**
 * Writes the project. `routes.items` / `routes.prices`: lines at indent 10 (`- { name: …, cost: … }`).
 * `dumps`: whether `dumps/items_1.xml` and `dumps/prices_1.xml` exist (default true).
 * @returns the project folder (absolute).
 */
export function routeProject(routes: { items?: string; prices?: string } = {}, dumps = true): string {
  const block = (lines?: string) => (lines ? `        routes:\n${lines.trimEnd().split('\n').map((l) => `          ${l.trim()}`).join('\n')}\n` : '');
  const manifest = `lakec: 1
project: route_project
pipelines:
  shop:
    models: models
    sources:
      items:
        type: xml
        location: dumps
        pattern: items_*.xml
        mapping: items.mapping.yaml
${block(routes.items)}      prices:
        type: xml
        location: dumps
        pattern: prices_*.xml
        mapping: prices.mapping.yaml
${block(routes.prices)}`;
  const project = writeProject({
    'pipelines.yaml': manifest, 'items.mapping.yaml': ITEMS_MAPPING, 'prices.mapping.yaml': PRICES_MAPPING,
    'models/silver/priced_items.sql': 'SELECT i.item_id, i.name, p.amount FROM items i JOIN prices p ON p.item_id = i.item_id',
  });
  mkdirSync(join(project, 'dumps'), { recursive: true });
  if (dumps) putDumps(project, 'dumps');
  return project;
}

/** Writes `items_1.xml` and `prices_1.xml` into `<project>/<folder>`. */
export function putDumps(project: string, folder: string): void {
  mkdirSync(join(project, folder), { recursive: true });
  writeFileSync(join(project, folder, 'items_1.xml'), ITEMS_XML);
  writeFileSync(join(project, folder, 'prices_1.xml'), PRICES_XML);
}

/** Compiles the project; throws with the diagnostics when it does not compile. */
export async function compileRoutes(project: string): Promise<Plan> {
  const { plan, diagnostics } = await compileProject({ projectDir: project, env: {} });
  if (!plan) throw new Error(diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  return plan;
}

/** The XML ingest step `id` of `plan`. */
export function ingestStep(plan: Plan, id: string): XmlIngestStep {
  const step = plan.steps.find((s) => s.id === id);
  if (!step || !isXmlIngest(step)) throw new Error(`no XML ingest step ${id}`);
  return step;
}

/**
 * A hand-made active run (ReuseBase) that published every ingest step's datasets of `plan` as built from
 * `dumps/<name>`, finished at `finishedAt`. `change`: alter it — `definition` makes the step's datasets'
 * fingerprints come from another plan data fingerprint, `missing` drops its first dataset, `noInput`
 * drops its input, `routeStalenessMs` records that the run itself took the step from an older run.
 */
export function fakeActiveRun(plan: Plan, finishedAt: string, change: { step?: string; definition?: boolean; missing?: boolean; noInput?: boolean; routeStalenessMs?: number } = {}): ReuseBase {
  const runId = '20240101T000000000Z-abcdef';
  const inputs: ManifestInput[] = [];
  const datasets: ManifestDataset[] = [];
  const steps: ManifestStep[] = [];
  for (const step of plan.steps) {
    if (step.kind !== 'ingest') continue;
    const touched = change.step === step.id;
    const input: ManifestInput = { step: step.id, file: `dumps/${step.id.split('.')[1]}_1.xml`, size: 100, mtimeMs: 1, sha256: 'ab'.repeat(32) };
    if (!(touched && change.noInput)) inputs.push(input);
    const fp = ingestEffectiveFingerprint(touched && change.definition ? 'f'.repeat(64) : step.fingerprint.data, input);
    step.outputs.forEach((name, i) => {
      if (touched && change.missing && i === 0) return;
      datasets.push({ name, layer: 'bronze', step: step.id, rows: 2, fingerprint: fp, build: 'built', from: runId, files: [] });
    });
    const route = touched && change.routeStalenessMs !== undefined
      ? { route: { name: 'last_published', kind: 'previous_run' as const, cost: 9, stalenessMs: change.routeStalenessMs, fromRun: 'older', tried: [] } } : {};
    steps.push({ id: step.id, kind: 'ingest', status: 'succeeded', ...route });
  }
  const manifest: RunManifest = {
    manifestVersion: 2, runId, project: plan.project, planFingerprint: plan.fingerprint, status: 'succeeded', previousActive: null,
    startedAt: new Date(Date.parse(finishedAt) - 1000).toISOString(), finishedAt, inputs, datasets, steps,
  };
  return { runId, dir: `/nonexistent/${runId}`, manifest, datasets: new Map(datasets.map((d) => [d.name, d])), inputs: new Map(inputs.map((i) => [i.step, i])) };
}
