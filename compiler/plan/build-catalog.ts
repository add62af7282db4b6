// plan/: fills the medallion metadata catalog (pipelines, stages, sources, targets, datasets, rules,
// dataset and column lineage) from a plan alone. Pure.
import { sourceWhere } from './source-where.js';
import type { Catalog, CatalogColumnEdge } from '../types/catalog.js';
import type { Plan } from '../types/plan.js';
import { canonicalJson } from '../emit/canonical-json.js';

const byKey = <T>(key: (x: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** `items` sorted by `key`, each key computed once (a comparator building keys costs 4 s on 1.1 M edges). */
function sortByKey<T>(items: readonly T[], key: (x: T) => string): T[] {
  const keyed = items.map((item) => ({ k: key(item), item }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.item);
}

/** Derives the catalog of `plan`; arrays sorted by their natural keys so the output is deterministic. */
export function buildCatalog(plan: Plan): Catalog {
  const stages = plan.steps.map((s) => ({
    stage: s.id, pipeline: s.pipeline, kind: s.kind, layer: s.layer, file: s.kind === 'model' ? s.file : sourceWhere(s.source).file,
    description: s.description ?? null, depends_on: s.dependsOn, data_fingerprint: s.fingerprint.data,
  }));
  const sources = plan.steps.flatMap((s) => {
    if (s.kind !== 'ingest') return [];
    const where = sourceWhere(s.source);
    return [{ source: s.id.slice(s.pipeline.length + 1), pipeline: s.pipeline, stage: s.id, type: s.source.type, location: where.location, pattern: where.pattern, mapping_file: where.file, tables: s.outputs }];
  });
  const datasets = plan.datasets.map((d) => ({ dataset: d.name, layer: d.layer, pipeline: d.pipeline, stage: d.step, columns: d.columns }));
  const targets = plan.datasets.map((d) => ({ dataset: d.name, stage: d.step, pipeline: d.pipeline, layer: d.layer, format: 'parquet' as const, path: `${d.layer}/${d.name}` }));
  const rules = plan.validations.map((v) => ({ rule_id: v.rule.id, pipeline: v.pipeline, dataset: v.rule.dataset, kind: v.rule.kind, severity: v.rule.severity, definition: canonicalJson(v.rule) }));
  const datasetEdges = plan.steps.flatMap((s) => (s.kind === 'model' ? s.inputs.map((i) => ({ from_dataset: i, to_dataset: s.dataset })) : []));
  const columnEdges: CatalogColumnEdge[] = [];
  for (const s of plan.steps) {
    if (s.kind !== 'model') continue;
    for (const c of s.columns) {
      for (const e of [...c.edges, ...s.rowEdges]) {
        const dot = e.source.indexOf('.');
        columnEdges.push({ from_dataset: e.source.slice(0, dot), from_column: e.source.slice(dot + 1), to_dataset: s.dataset, to_column: c.name, type: e.type, subtype: e.subtype });
      }
    }
  }
  const pipelines = plan.pipelines.map((p) => ({ pipeline: p.name, description: p.description ?? null, stage_count: p.steps.length }));
  return {
    project: plan.project, plan_fingerprint: plan.fingerprint,
    pipelines: pipelines.sort(byKey((p) => p.pipeline)),
    stages: stages.sort(byKey((s) => s.stage)),
    sources: sources.sort(byKey((s) => s.stage)),
    targets: targets.sort(byKey((t) => t.dataset)),
    datasets: datasets.sort(byKey((d) => d.dataset)),
    validation_rules: rules.sort(byKey((r) => r.rule_id)),
    dataset_lineage: datasetEdges.sort(byKey((e) => `${e.to_dataset}\u0000${e.from_dataset}`)),
    column_lineage: sortByKey(columnEdges, (e) => `${e.to_dataset}\u0000${e.to_column}\u0000${e.from_dataset}\u0000${e.from_column}\u0000${e.type}\u0000${e.subtype}`),
  };
}
