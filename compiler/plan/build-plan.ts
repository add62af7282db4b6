// plan/: the fifth compiler phase. Builds the plan from a checked project. Pure: no fs, no engine.
import type { CheckedProject } from '../check/check-project.js';
import type { SourceSpec } from '../types/project.js';
import { PLAN_FORMAT_VERSION, type IngestStep, type ModelStep, type Plan, type PlanRule, type PlanStep } from '../types/plan.js';
import { fingerprintOf } from './fingerprint.js';
import { StepFingerprinter } from './step-fingerprints.js';
import { buildControl } from './build-control.js';
import { buildRecovery, buildSchedule } from './build-schedule.js';
import type { ColumnLineage, LineageEdge } from '../types/lineage.js';

/**
 * Builds the plan: steps in the checked topological order, each with column-aware fingerprints
 * (plan/step-fingerprints.ts: an upstream change reaches exactly the steps that read an affected
 * column; descriptions and rule severities only reach the metadata fingerprint).
 */
export function buildPlan(project: CheckedProject): Plan {
  const validations = planRules(project);
  const severities = new Map<string, [string, string][]>();
  for (const { rule } of validations) severities.set(rule.dataset, [...(severities.get(rule.dataset) ?? []), [rule.id, rule.severity]]);
  const sources = new Map(project.sources.map((s) => [s.step, s]));
  const models = new Map(project.models.map((m) => [m.step, m]));
  const prints = new StepFingerprinter();
  const steps: PlanStep[] = [];
  for (const id of project.order) {
    const deps = project.dependsOn.get(id) ?? [];
    const source = sources.get(id);
    if (source) {
      const s = source.spec;
      const outputs = new Map(source.outputs.map((name) => [name, project.datasets.get(name)?.columns ?? []]));
      const metadata = { description: s.description ?? null, rules: source.outputs.flatMap((name) => severities.get(name) ?? []) };
      const planSource = planSourceOf(s);
      // What the step reads and how, without the definition files' paths (moving a mapping file changes nothing).
      const definition = planSource.type === 'xml'
        ? { type: planSource.type, location: planSource.location, pattern: planSource.pattern, mapping: planSource.mapping }
        : planSource.type === 'postgres'
          ? { type: planSource.type, schema: planSource.schema, connection: planSource.connection, tables: planSource.tables }
          : { type: planSource.type, location: planSource.location, pattern: planSource.pattern, tables: planSource.tables };
      // A table's rows depend on where the source is and that table's own declaration (a primary key only
      // orders a postgres read; for files it adds rules and changes no row).
      const perOutput = planSource.type === 'xml' ? undefined : new Map(planSource.tables.map((t) => {
        const { primaryKey, ...table } = t;
        const where = planSource.type === 'postgres' ? { schema: planSource.schema, connection: planSource.connection, primaryKey } : { location: planSource.location, pattern: planSource.pattern };
        return [t.dataset, { type: planSource.type, ...where, table }];
      }));
      const fingerprint = prints.ingest(definition, outputs, metadata, perOutput);
      const step: IngestStep = {
        kind: 'ingest', id, pipeline: s.pipeline, layer: 'bronze', ...(s.description ? { description: s.description } : {}),
        source: planSource, outputs: source.outputs, dependsOn: deps, fingerprint,
      };
      steps.push(step);
      continue;
    }
    const m = models.get(id)!;
    const { columns, rowEdges } = factorRowEdges(project.lineage.get(m.dataset)!.columns);
    const metadata = { description: m.description ?? null, rules: severities.get(m.dataset) ?? [] };
    const { fingerprint, columnFingerprints } = prints.model({ ast: m.astFingerprint, logic: m.logic, layer: m.layer, dataset: m.dataset, inputs: m.inputs }, columns, rowEdges, metadata);
    // Members in canonical (sorted) order, so plan emission need not copy the step.
    const step: ModelStep = {
      ast: m.astFingerprint, columnFingerprints, columns, dataset: m.dataset, dependsOn: deps, ...(m.description ? { description: m.description } : {}),
      file: m.path, fingerprint, id, inputs: m.inputs, kind: 'model', layer: m.layer, pipeline: m.pipeline, rowEdges,
    };
    steps.push(step);
  }
  const pipelines = project.loaded.pipelines.map((p) => ({
    name: p.name, ...(p.description ? { description: p.description } : {}),
    steps: steps.filter((s) => s.pipeline === p.name).map((s) => s.id),
  }));
  const datasets = [...project.datasets.values()]
    .map((d) => ({ name: d.name, layer: d.layer, pipeline: d.pipeline, step: d.step, columns: d.columns }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const control = buildControl(project.loaded.control);
  const schedule = buildSchedule(project.loaded.schedule, steps);
  const recovery = buildRecovery(project.loaded.schedule);
  const targets = project.loaded.pipelines.flatMap((p) => p.targets.map(({ span: _span, datasetSpans: _spans, ...t }) => t)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const openlineage = project.loaded.openlineage;
  const body = { formatVersion: PLAN_FORMAT_VERSION, project: project.loaded.project, pipelines, steps, datasets, validations, control, schedule, recovery, targets, ...(openlineage ? { openlineage } : {}) };
  return { ...body, fingerprint: planFingerprint(body) };
}

/** The plan's view of a loaded source: the spec without its kind, name, pipeline, description and span. */
function planSourceOf(spec: SourceSpec): IngestStep['source'] {
  switch (spec.type) {
    case 'xml':
      return { type: 'xml', location: spec.location, pattern: spec.pattern, mappingFile: spec.mappingFile, mapping: spec.mapping };
    case 'postgres':
      return { type: 'postgres', schema: spec.schema, connection: spec.connection, tablesFile: spec.tablesFile, tables: spec.tables };
    default:
      return { type: spec.type, location: spec.location, pattern: spec.pattern, tablesFile: spec.tablesFile, tables: spec.tables };
  }
}

/** The project's validation rules plus each model's unique_key and each table's primary_key rules, sorted by rule id. */
function planRules(project: CheckedProject): PlanRule[] {
  const keyRules = project.models.flatMap((m) => (m.uniqueKey?.length ? [
    { pipeline: m.pipeline, rule: { id: `${m.dataset}__unique_key`, kind: 'unique' as const, dataset: m.dataset, columns: m.uniqueKey, severity: 'error' as const, description: 'unique_key from the model header' } },
    { pipeline: m.pipeline, rule: { id: `${m.dataset}__unique_key_not_null`, kind: 'not_null' as const, dataset: m.dataset, columns: m.uniqueKey, severity: 'error' as const, description: 'unique_key from the model header' } },
  ] : []));
  const tableKeyRules = project.loaded.pipelines.flatMap((p) => p.sources.flatMap((src) => (src.type === 'xml' ? [] : src.tables.flatMap((t) => (t.primaryKey ? [
    { pipeline: p.name, rule: { id: `${t.dataset}__primary_key`, kind: 'unique' as const, dataset: t.dataset, columns: t.primaryKey, severity: 'error' as const, description: `primary_key from ${src.tablesFile}` } },
    { pipeline: p.name, rule: { id: `${t.dataset}__primary_key_not_null`, kind: 'not_null' as const, dataset: t.dataset, columns: t.primaryKey, severity: 'error' as const, description: `primary_key from ${src.tablesFile}` } },
  ] : [])))));
  return [...project.loaded.pipelines.flatMap((p) => p.rules.map((r) => ({ pipeline: p.name, rule: r.rule }))), ...keyRules, ...tableKeyRules]
    .sort((a, b) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
}

/**
 * The plan's fingerprint: sha256 over the canonical JSON of the format version, project, pipelines,
 * datasets (with schemas), validations, controls, schedule, recovery routes, targets, OpenLineage
 * settings (when present) and each step's id, dependencies and fingerprints. A step's
 * fingerprints already cover its definition (AST, schema, mapping, description) and everything
 * derived from it (column lineage), so SQL formatting and file moves leave the plan fingerprint alone,
 * and hashing never re-serializes the multi-MB lineage.
 */
export function planFingerprint(plan: Omit<Plan, 'fingerprint'>): string {
  const steps = plan.steps.map((s) => ({ id: s.id, kind: s.kind, dependsOn: s.dependsOn, fingerprint: s.fingerprint }));
  return fingerprintOf({ formatVersion: plan.formatVersion, project: plan.project, pipelines: plan.pipelines, datasets: plan.datasets, validations: plan.validations, control: plan.control, schedule: plan.schedule, recovery: plan.recovery, targets: plan.targets, ...(plan.openlineage ? { openlineage: plan.openlineage } : {}), steps });
}

const sameEdge = (a: LineageEdge, b: LineageEdge): boolean => a.source === b.source && a.type === b.type && a.subtype === b.subtype;

/**
 * Splits off the INDIRECT edges every column shares (lossless: column lineage = edges + rowEdges).
 * Shared edges are few (a model's joins and filters), so membership is a scan of them: no keys built.
 */
export function factorRowEdges(columns: readonly ColumnLineage[]): { columns: ColumnLineage[]; rowEdges: LineageEdge[] } {
  if (!columns.length) return { columns: [], rowEdges: [] };
  let shared = columns[0]!.edges.filter((e) => e.type === 'INDIRECT');
  for (let i = 1; i < columns.length && shared.length; i++) {
    const edges = columns[i]!.edges;
    shared = shared.filter((s) => edges.some((e) => sameEdge(e, s)));
  }
  if (!shared.length) return { columns: [...columns], rowEdges: [] };
  return {
    columns: columns.map((c) => ({ ...c, edges: c.edges.filter((e) => e.type !== 'INDIRECT' || !shared.some((s) => sameEdge(e, s))) })),
    rowEdges: shared,
  };
}
