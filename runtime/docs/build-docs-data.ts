// docs/: turns a plan plus what the lake knows (runs, manifests, control flags) into the site's data
// (docs-data.ts). Pure and deterministic: same inputs, same output; no clock, no file system.
import type { Plan, PlanStep } from '../../compiler/index.js';
import type { RunManifest } from '../lake/manifest.js';
import type { RunSummary } from '../lake/list-runs.js';
import { DOCS_FORMAT_VERSION, type DocsControl, type DocsDetail, type DocsIndex, type DocsRule, type DocsRun } from './docs-data.js';

/** Datasets per details file (see DocsIndex.detailChunk). */
export const DETAIL_CHUNK = 200;

/** One run as read from the lake: its summary (listRuns) and its manifest when readable. */
export interface DocsRunInput {
  readonly summary: RunSummary;
  readonly manifest?: RunManifest;
}

/** What buildDocsData reads. */
export interface DocsInputs {
  readonly plan: Plan;
  /** Model file (as in ModelStep.file) -> its SQL text; files missing here are shown without SQL. */
  readonly sql: ReadonlyMap<string, string>;
  /** Runs newest first (listRuns order). */
  readonly runs: readonly DocsRunInput[];
  readonly control: DocsControl;
}

/**
 * Builds the index (`data.js`) and the per-dataset details (`details/*.js`, parallel to the plan's datasets).
 * Column lineage: DIRECT edges only, as `walkPlanLineage` without `includeIndirect`; an edge whose source
 * column is not in the plan (never expected) is dropped.
 * @returns `details[d]` belongs to dataset number d of `index.datasets`.
 */
export function buildDocsData(inputs: DocsInputs): { index: DocsIndex; details: DocsDetail[] } {
  const { plan } = inputs;
  const intern = (list: string[], map: Map<string, number>, v: string): number => {
    let i = map.get(v);
    if (i === undefined) {
      i = list.length;
      list.push(v);
      map.set(v, i);
    }
    return i;
  };
  const layers: string[] = [], pipelines: string[] = [], types: string[] = [];
  const layerIds = new Map<string, number>(), pipelineIds = new Map<string, number>(), typeIds = new Map<string, number>();
  const dsIndex = new Map(plan.datasets.map((d, i) => [d.name, i]));
  const colIndex = new Map<string, number>();
  const col0: number[] = [];
  const colName: string[] = [], colType: number[] = [];
  for (const d of plan.datasets) {
    col0.push(colName.length);
    for (const c of d.columns) {
      colIndex.set(`${d.name}.${c.name}`, colName.length);
      colName.push(c.name);
      colType.push(intern(types, typeIds, c.type));
    }
  }
  col0.push(colName.length);
  const steps = new Map<string, PlanStep>(plan.steps.map((s) => [s.id, s]));
  const dsUp: number[][] = plan.datasets.map(() => []);
  const colUp: number[][] = colName.map(() => []);
  for (const s of plan.steps) {
    if (s.kind !== 'model') continue;
    const d = dsIndex.get(s.dataset);
    if (d === undefined) continue;
    dsUp[d] = sortedUnique(s.inputs.map((i) => dsIndex.get(i)));
    for (const c of s.columns) {
      const ci = colIndex.get(`${s.dataset}.${c.name}`);
      if (ci !== undefined) colUp[ci] = sortedUnique(c.edges.filter((e) => e.type === 'DIRECT').map((e) => colIndex.get(e.source)));
    }
  }
  const runs = inputs.runs.map(({ summary, manifest }) => docsRun(summary, manifest));
  const index: DocsIndex = {
    format: DOCS_FORMAT_VERSION, project: plan.project, planFingerprint: plan.fingerprint,
    activeRun: inputs.runs.find((r) => r.summary.active)?.summary.runId ?? null,
    layers, pipelines, types,
    datasets: {
      name: plan.datasets.map((d) => d.name),
      layer: plan.datasets.map((d) => intern(layers, layerIds, d.layer)),
      pipeline: plan.datasets.map((d) => intern(pipelines, pipelineIds, d.pipeline)),
      kind: plan.datasets.map((d) => (steps.get(d.step)?.kind === 'model' ? 1 : 0)),
      col0, up: dsUp,
    },
    columns: { name: colName, type: colType, up: colUp },
    runs, control: inputs.control, detailChunk: DETAIL_CHUNK,
  };
  return { index, details: buildDetails(inputs, steps) };
}

function sortedUnique(ids: readonly (number | undefined)[]): number[] {
  return [...new Set(ids.filter((i): i is number => i !== undefined))].sort((a, b) => a - b);
}

function docsRun(s: RunSummary, m: RunManifest | undefined): DocsRun {
  const stepStatus: Record<string, number> = {};
  for (const st of m?.steps ?? []) stepStatus[st.status] = (stepStatus[st.status] ?? 0) + 1;
  const slowest = [...(m?.steps ?? [])].filter((st) => st.durationMs !== undefined)
    .sort((a, b) => b.durationMs! - a.durationMs! || (a.id < b.id ? -1 : 1)).slice(0, 10)
    .map((st) => [st.id, st.durationMs!, st.status, st.errorCode ?? ''] as const);
  return {
    id: s.runId, status: s.status, active: s.active, promoted: s.promoted,
    ...(s.startedAt ? { startedAt: s.startedAt } : {}), ...(s.durationMs !== undefined ? { durationMs: s.durationMs } : {}),
    datasets: s.datasets, rows: s.rows, ...(s.errorCode ? { errorCode: s.errorCode } : {}), ...(s.error ? { error: s.error } : {}),
    ...(s.halt ? { haltScopes: s.halt.scopes } : {}), stepStatus: sortKeys(stepStatus), slowest,
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
}

function buildDetails(inputs: DocsInputs, steps: ReadonlyMap<string, PlanStep>): DocsDetail[] {
  const { plan } = inputs;
  const active = inputs.runs.find((r) => r.summary.active)?.manifest;
  const results = new Map((active?.validation?.results ?? []).map((r) => [r.id, r]));
  const rulesOf = new Map<string, DocsRule[]>();
  for (const { rule } of plan.validations) {
    const { id, kind, severity, dataset, ...spec } = rule as unknown as Record<string, unknown> & { id: string; kind: string; severity: string; dataset: string };
    const r = results.get(id);
    const entry: DocsRule = { id, kind, severity, spec, ...(r && active ? { result: { ok: r.ok, value: r.value, message: r.error ?? r.details, run: active.runId } } : {}) };
    rulesOf.set(dataset, [...(rulesOf.get(dataset) ?? []), entry]);
  }
  const rowsOf = new Map<string, [number, number][]>();
  inputs.runs.forEach(({ manifest }, runIdx) => {
    for (const d of manifest?.datasets ?? []) rowsOf.set(d.name, [...(rowsOf.get(d.name) ?? []), [runIdx, d.rows]]);
  });
  const activeFp = new Map((active?.datasets ?? []).map((d) => [d.name, d.fingerprint]));
  return plan.datasets.map((d): DocsDetail => {
    const s = steps.get(d.step);
    const fingerprint = s ? { ...s.fingerprint } : {};
    const base = { step: d.step, fingerprint, rules: rulesOf.get(d.name) ?? [], rows: rowsOf.get(d.name) ?? [], ...(activeFp.has(d.name) ? { runFingerprint: activeFp.get(d.name)! } : {}) };
    if (!s) return base;
    const description = s.description ? { description: s.description } : {};
    if (s.kind === 'model') {
      const sql = inputs.sql.get(s.file);
      return { ...base, ...description, file: s.file, ...(sql !== undefined ? { sql } : {}) };
    }
    const src = s.source;
    const source: Record<string, string> = src.type === 'xml' ? { type: 'xml', location: src.location, pattern: src.pattern, mapping: src.mappingFile }
      : src.type === 'postgres' ? { type: 'postgres', schema: src.schema, tables: src.tablesFile }
      : { type: src.type, location: src.location, pattern: src.pattern, tables: src.tablesFile };
    return { ...base, ...description, source };
  });
}
