// check/: the fourth compiler phase. Infers every model's output schema in dependency order and
// checks validation rules against dataset schemas. Uses the SchemaInferrer; writes nothing.
import type { Diagnostic, Phase } from '../diagnostics/diagnostic.js';
import { suggestName } from '../diagnostics/did-you-mean.js';
import { makeSourceFile, posAt, spanAt } from '../diagnostics/source-file.js';
import type { BoundModel, BoundProject, DatasetInfo } from '../types/bound.js';
import type { ValidationRule } from '../types/validation.js';
import { topoOrder } from '../bind/topo-order.js';
import type { SchemaInferrer } from './schema-inferrer.js';
import type { QueryLineage } from '../types/lineage.js';
import type { ColumnSchema } from '../types/xml-mapping.js';
import { walkLineage } from './lineage/extract-lineage.js';
import { buildQueryLineage } from './lineage/query-lineage.js';

/** The checked project: the bound project with model columns filled in, and the step order. */
export interface CheckedProject extends BoundProject {
  /** Step ids in deterministic topological order. */
  readonly order: readonly string[];
  /** Column lineage of every model, by dataset. */
  readonly lineage: ReadonlyMap<string, QueryLineage>;
}

/**
 * Infers model schemas (LK4001 unknown column, LK4002 other binder errors, at the model's position;
 * models downstream of a failed one are not reported again) and checks rules (LK3004 unknown dataset,
 * LK4001 unknown column).
 */
export async function checkProject(bound: BoundProject, inferrer: SchemaInferrer, modelTexts: ReadonlyMap<string, string>, aggregates: ReadonlySet<string>): Promise<Phase<CheckedProject>> {
  const order = topoOrder(bound.dependsOn);
  if (!order) throw new Error('checkProject: cycle survived bind');
  const diagnostics: Diagnostic[] = [];
  const datasets = new Map<string, DatasetInfo>(bound.datasets);
  const modelsByStep = new Map(bound.models.map((m) => [m.step, m]));
  const failed = new Set<string>();
  const lineage = new Map<string, QueryLineage>();
  const catalog = new Map<string, ColumnSchema[]>();
  const remember = (d: DatasetInfo): void => {
    catalog.set(d.name, [...d.columns]);
    catalog.set(`${d.layer}.${d.name}`, [...d.columns]);
  };
  for (const d of datasets.values()) if (d.columns.length) remember(d);
  for (const source of bound.sources) {
    for (const name of source.outputs) {
      const d = datasets.get(name)!;
      await inferrer.declare(name, d.layer, d.columns);
    }
  }
  for (const step of order) {
    const model = modelsByStep.get(step);
    if (!model) continue;
    if ((bound.dependsOn.get(step) ?? []).some((d) => failed.has(d))) {
      failed.add(step);
      continue;
    }
    const result = await inferrer.infer(model.sql);
    if (!result.ok) {
      failed.add(step);
      diagnostics.push(inferenceDiagnostic(model, result.error, modelTexts.get(model.path) ?? ''));
      continue;
    }
    const info = datasets.get(model.dataset)!;
    datasets.set(model.dataset, { ...info, columns: result.columns });
    remember(datasets.get(model.dataset)!);
    const walked = walkLineage(model.ast, catalog, aggregates);
    lineage.set(model.dataset, buildQueryLineage(walked, result.columns, model.inputs, model.dataset).lineage);
    await inferrer.declare(model.dataset, model.layer, result.columns);
  }
  if (failed.size === 0) {
    for (const pipeline of bound.loaded.pipelines) for (const r of pipeline.rules) diagnostics.push(...checkRule(r.rule, r.span, r.datasetSpan, datasets));
  }
  if (diagnostics.length) return { value: undefined, diagnostics };
  return { value: { ...bound, datasets, order, lineage }, diagnostics };
}

function inferenceDiagnostic(model: BoundModel, error: { message: string; kind: string; line?: number; column?: number; hint?: string }, text: string): Diagnostic {
  const file = makeSourceFile(model.path, text);
  let span = model.span;
  if (error.line !== undefined) {
    const base = posAt(file, model.sqlOffset);
    const line = base.line + error.line - 1;
    const lineStart = file.lineStarts[line - 1] ?? 0;
    const offset = error.line === 1 ? model.sqlOffset + (error.column ?? 1) - 1 : lineStart + (error.column ?? 1) - 1;
    span = spanAt(file, offset, offset + 1);
  }
  return {
    code: error.kind === 'unknown_column' ? 'LK4001' : 'LK4002', severity: 'error',
    message: error.message, span, hint: error.hint ?? 'fix the query so that DuckDB can bind it against its inputs',
  };
}

function checkRule(rule: ValidationRule, span: Diagnostic['span'], datasetSpan: Diagnostic['span'], datasets: ReadonlyMap<string, DatasetInfo>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const columnsOf = (name: string): string[] | undefined => datasets.get(name)?.columns.map((c) => c.name);
  const needDataset = (name: string): string[] | undefined => {
    const cols = columnsOf(name);
    if (!cols) out.push({ code: 'LK3004', severity: 'error', message: `validation rule "${rule.id}" names unknown dataset "${name}"`, ...(datasetSpan ? { span: datasetSpan } : {}), hint: suggestName(name, [...datasets.keys()], 'dataset') ?? '' });
    return cols;
  };
  const needColumns = (dataset: string, cols: readonly string[] | undefined, wanted: readonly string[]): void => {
    if (!cols) return;
    for (const c of wanted) {
      if (!cols.includes(c)) out.push({ code: 'LK4001', severity: 'error', message: `validation rule "${rule.id}": dataset "${dataset}" has no column "${c}"`, ...(span ? { span } : {}), hint: suggestName(c, cols, 'column') ?? '' });
    }
  };
  const cols = needDataset(rule.dataset);
  if (rule.kind !== 'row_count_min') needColumns(rule.dataset, cols, rule.columns);
  if (rule.kind === 'relationship') needColumns(rule.to, needDataset(rule.to), rule.to_columns);
  return out;
}
