// Test support for plan diffs: small hand-built plans that pass schemas/plan.schema.json. Fingerprints
// follow the plan's contract from a few tokens: `definition` from `def`, `rows` from `rows`, each column
// fingerprint from its value token, `data` from all of these (so it changes exactly when one does),
// `metadata` from the description and `meta`.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../compiler/index.js';
import type { IngestStep, ModelStep, Plan, PlanRule, PlanStep } from '../../compiler/types/plan.js';
import type { ValidationRule } from '../../compiler/types/validation.js';

/** A model: id `pipeline.dataset`; columns as [name, type, value token] (the token defaults to `name:type`). */
export interface ModelSpec {
  readonly id: string;
  readonly layer?: string;
  readonly deps?: readonly string[];
  readonly cols: readonly (readonly [string, string, string?])[];
  /** Token of the model's own definition (its SQL). Default `def`. */
  readonly def?: string;
  /** Token of the rows it produces. Default `rows`. */
  readonly rows?: string;
  readonly description?: string;
  /** Extra metadata token (rule severities). */
  readonly meta?: string;
}

/** An ingest step writing one bronze dataset per output. */
export interface IngestSpec {
  readonly kind: 'ingest';
  readonly id: string;
  readonly outputs: readonly string[];
  readonly def?: string;
  readonly description?: string;
}

export const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Builds one model step. */
export function model(spec: ModelSpec): ModelStep {
  const [pipeline, dataset] = spec.id.split('.') as [string, string];
  const def = spec.def ?? 'def';
  const rows = spec.rows ?? 'rows';
  const columnFingerprints = spec.cols.map(([n, t, v]) => sha(`${rows}|${v ?? `${n}:${t}`}`).slice(0, 16));
  const schema = spec.cols.map(([n, t]) => [n, t]);
  return {
    kind: 'model', id: spec.id, pipeline, layer: spec.layer ?? 'silver', dataset,
    ...(spec.description ? { description: spec.description } : {}),
    file: `models/${spec.layer ?? 'silver'}/${dataset}.sql`, ast: sha(`ast|${def}`),
    inputs: (spec.deps ?? []).map((d) => d.split('.')[1]!).sort(), dependsOn: [...(spec.deps ?? [])].sort(),
    columns: spec.cols.map(([name, type]) => ({ name, type, sources: [], kind: 'transform', edges: [] })),
    rowEdges: [], columnFingerprints,
    fingerprint: {
      definition: sha(`def|${def}`), rows: sha(`rows|${rows}`),
      data: sha(canonicalJson({ def, rows, schema, columnFingerprints })),
      metadata: sha(`meta|${spec.description ?? ''}|${spec.meta ?? ''}`),
    },
  };
}

/** Builds one ingest step (XML source) in the bronze layer. */
export function ingest(spec: IngestSpec): IngestStep {
  const [pipeline] = spec.id.split('.') as [string];
  const def = spec.def ?? 'src';
  return {
    kind: 'ingest', id: spec.id, pipeline, layer: 'bronze', ...(spec.description ? { description: spec.description } : {}),
    source: { type: 'xml', location: 'dumps', pattern: `${def}*.xml`, mappingFile: 'm.yaml', mapping: { root: 'r', record: 'x', table: spec.outputs[0]!, key: 'id', columns: [], children: [] } },
    outputs: spec.outputs, dependsOn: [],
    fingerprint: { definition: sha(`src|${def}`), rows: sha(`srcrows|${def}`), data: sha(`srcdata|${def}`), metadata: sha(`meta|${spec.description ?? ''}`) },
  };
}

/** A `not_null` rule on `dataset.column` (or any rule given whole). */
export function rule(id: string, dataset: string, extra: Partial<ValidationRule> = {}): PlanRule {
  return { pipeline: 'p', rule: { id, kind: 'not_null', dataset, columns: ['id'], severity: 'error', ...extra } as ValidationRule };
}

/** A plan of `steps` (in the given order), with datasets derived from them and `validations`. */
export function buildTestPlan(steps: readonly PlanStep[], validations: readonly PlanRule[] = []): Plan {
  const datasets = steps.flatMap((s) => s.kind === 'model'
    ? [{ name: s.dataset, layer: s.layer, pipeline: s.pipeline, step: s.id, columns: s.columns.map((c) => ({ name: c.name, type: c.type })) }]
    : s.outputs.map((o) => ({ name: o, layer: 'bronze', pipeline: s.pipeline, step: s.id, columns: [{ name: 'id', type: 'BIGINT' }] })))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const pipelineNames = [...new Set(steps.map((s) => s.pipeline))].sort();
  const pipelines = pipelineNames.map((name) => ({ name, steps: steps.filter((s) => s.pipeline === name).map((s) => s.id) }));
  const sortedRules = [...validations].sort((a, b) => (a.rule.id < b.rule.id ? -1 : 1));
  const body = {
    formatVersion: 4 as const, project: 'demo', pipelines, steps, datasets, validations: sortedRules, control: { flags: [], retry: [], healing: [], timeouts: [] },
    schedule: { profile: 'balanced' as const, systems: [{ name: 'lake' }], stages: steps.map((s) => ({ stage: s.id, priority: 'normal' as const, systems: ['lake'] })).sort((a, b) => (a.stage < b.stage ? -1 : 1)) },
    recovery: { routes: [] }, targets: [],
  };
  return { ...body, fingerprint: sha(canonicalJson({ ...body, steps: steps.map((s) => [s.id, s.fingerprint]) })) };
}
