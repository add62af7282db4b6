// executor/: incremental apply's reuse: the active run as a source of datasets whose effective
// fingerprint is unchanged, linked into the new run instead of being rebuilt.
import { join } from 'node:path';
import type { Plan, PlanStep } from '../../compiler/index.js';
import type { EngineAdapter } from '../engine/engine-adapter.js';
import { datasetFiles } from '../lake/dataset-files.js';
import { datasetDir, MANIFEST_FILE, runDir, type LakeLayout } from '../lake/lake-layout.js';
import { linkDatasetFiles } from '../lake/link-dataset.js';
import { readManifest, type ManifestDataset, type ManifestInput, type ManifestStep, type RunManifest } from '../lake/manifest.js';
import { registerDataset } from './register-dataset.js';

/** The active run as a source of reusable datasets: only succeeded runs with a version-2 manifest qualify. */
export interface ReuseBase {
  readonly runId: string;
  readonly dir: string;
  readonly manifest: RunManifest;
  readonly datasets: ReadonlyMap<string, ManifestDataset>;
  readonly inputs: ReadonlyMap<string, ManifestInput>;
}

/** The active run, if it can be reused from: its manifest is version 2 and it succeeded. */
export async function reuseBase(lake: LakeLayout, active: string | null): Promise<ReuseBase | undefined> {
  if (!active) return undefined;
  const dir = runDir(lake, active);
  const manifest = await readManifest(join(dir, MANIFEST_FILE));
  if (!manifest || manifest.manifestVersion !== 2 || manifest.status !== 'succeeded') return undefined;
  return {
    runId: active, dir, manifest,
    datasets: new Map(manifest.datasets.map((d) => [d.name, d])),
    inputs: new Map(manifest.inputs.map((i) => [i.step, i])),
  };
}

/** Links a step's datasets from the reuse base into this run and registers them for downstream steps. */
export async function reuseStep(engine: EngineAdapter, step: PlanStep, reuse: ReuseBase, run: string, datasets: readonly ManifestDataset[], now: () => Date): Promise<ManifestStep> {
  const started = now();
  for (const d of datasets) {
    await linkDatasetFiles(reuse.dir, run, d.files);
    await registerDataset(engine, d.name, d.layer, datasetDir(run, d.layer, d.name));
  }
  return { id: step.id, kind: step.kind, status: 'reused', startedAt: started.toISOString(), durationMs: now().getTime() - started.getTime(), rows: datasets.reduce((n, d) => n + d.rows, 0) };
}

/** The manifest's datasets: files listed with checksums (reused ones carry over their identities). */
export async function collectDatasets(
  plan: Plan, run: string, runId: string, rows: ReadonlyMap<string, number>,
  effective: ReadonlyMap<string, string>, reused: ReadonlyMap<string, ManifestDataset>,
): Promise<ManifestDataset[]> {
  const out: ManifestDataset[] = [];
  for (const d of plan.datasets) {
    const old = reused.get(d.name);
    // Linked files are the same bytes: their identities carry over without reading them again.
    const files = old ? old.files : await datasetFiles(run, datasetDir(run, d.layer, d.name));
    out.push({
      name: d.name, layer: d.layer, step: d.step, rows: rows.get(d.name) ?? 0, fingerprint: effective.get(d.step) ?? '',
      build: old ? 'reused' : 'built', from: old ? old.from : runId, files,
    });
  }
  return out;
}
