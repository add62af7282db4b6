// check/: the fourth compiler phase. Infers every model's output schema in dependency order and
// checks validation rules against dataset schemas. Uses the SchemaInferrer; writes nothing.
import type { Diagnostic, Phase } from '../diagnostics/diagnostic.js';
import { lookalikeNote, suggestName } from '../diagnostics/did-you-mean.js';
import { makeSourceFile, posAt, spanAt } from '../diagnostics/source-file.js';
import type { BoundModel, BoundProject, DatasetInfo } from '../types/bound.js';
import type { ContractSpec } from '../types/project.js';
import type { ValidationRule } from '../types/validation.js';
import { topoOrder } from '../bind/topo-order.js';
import type { SchemaInferrer } from './schema-inferrer.js';
import type { QueryLineage } from '../types/lineage.js';
import type { ColumnSchema } from '../types/xml-mapping.js';
import { walkLineage, type WalkResult } from './lineage/extract-lineage.js';
import { cacheKey, type CompileCache } from '../cache/compile-cache.js';
import type { ColumnLineage } from '../types/lineage.js';
import { buildQueryLineage } from './lineage/query-lineage.js';

/** The checked project: the bound project with model columns filled in, and the step order. */
export interface CheckedProject extends BoundProject {
  /** Step ids in deterministic topological order. */
  readonly order: readonly string[];
  /** Column lineage of every model, by dataset. */
  readonly lineage: ReadonlyMap<string, QueryLineage>;
}

/**
 * Infers a query's output columns without the engine, or returns undefined when unsure (the engine then
 * decides). Must agree exactly with DuckDB's DESCRIBE whenever it answers (check/fast-types/).
 */
export type FastInfer = (statement: unknown, lookup: (schema: string, name: string) => readonly ColumnSchema[] | undefined) => ColumnSchema[] | undefined;

/** Counts of how each model's schema was found, for timings and tests. */
export interface InferenceStats {
  /** Models typed by the fast inferrer. */
  readonly fast: number;
  /** Models whose columns and lineage came from the compile cache. */
  readonly cached: number;
  /** Models typed by the engine (batched DESCRIBE or one-by-one). */
  readonly engine: number;
  /** Engine batches run (waves of models whose inputs were known). */
  readonly waves: number;
}

/**
 * Infers model schemas (LK4001 unknown column, LK4002 other binder errors, at the model's position;
 * models downstream of a failed one are not reported again) and checks rules (LK3004 unknown dataset,
 * LK4001 unknown column).
 *
 * Models are typed in waves: a pass in topological order types every model whose inputs are known with
 * `fastInfer`; the models it declines (their inputs known) go to the engine in one batch; their
 * dependants wait for the next pass. The engine is touched only when `fastInfer` declines something.
 */
export async function checkProject(bound: BoundProject, inferrer: SchemaInferrer, modelTexts: ReadonlyMap<string, string>, aggregates: ReadonlySet<string>, fastInfer?: FastInfer, cache?: CompileCache): Promise<Phase<CheckedProject> & { stats: InferenceStats }> {
  const order = topoOrder(bound.dependsOn);
  if (!order) throw new Error('checkProject: cycle survived bind');
  const diagnostics: Diagnostic[] = [];
  const datasets = new Map<string, DatasetInfo>(bound.datasets);
  const modelsByStep = new Map(bound.models.map((m) => [m.step, m]));
  const failed = new Set<string>();
  const typed = new Set<string>(bound.sources.map((s) => s.step));
  const lineage = new Map<string, QueryLineage>();
  const catalog = new Map<string, ColumnSchema[]>();
  // One array per dataset under both keys: the fast inferrer memoizes per-relation work by array identity.
  const remember = (d: DatasetInfo): void => {
    const columns = [...d.columns];
    catalog.set(d.name.toLowerCase(), columns);
    catalog.set(`${d.layer}.${d.name}`.toLowerCase(), columns);
  };
  /** sha256 of a relation's columns, once per relation (the cache key of every model reading it uses it). */
  const schemaHashes = new WeakMap<readonly ColumnSchema[], string>();
  const schemaHash = (columns: readonly ColumnSchema[] | undefined): string | null => {
    if (!columns) return null;
    let h = schemaHashes.get(columns);
    if (h === undefined) schemaHashes.set(columns, (h = cacheKey(JSON.stringify(columns.map((c) => [c.name, c.type])))));
    return h;
  };
  for (const d of datasets.values()) if (d.columns.length) remember(d);
  const lookup = (schema: string, name: string): readonly ColumnSchema[] | undefined => catalog.get((schema ? `${schema}.${name}` : name).toLowerCase());
  const declared = new Set<string>();
  const qualified = new Set(bound.models.flatMap((m) => m.tableRefs.filter((r) => r.schema !== '').map((r) => r.name.toLowerCase())));
  let fast = 0;
  let attempted = 0;
  let declined = 0;
  let cached = 0;
  let engine = 0;
  let waves = 0;

  /** Records a model's columns (after the duplicate check) and its lineage, and caches them under `key`. */
  const accept = (model: BoundModel, columns: readonly ColumnSchema[], walked: WalkResult | readonly ColumnLineage[], key: string | undefined): void => {
    const duplicate = duplicateColumn(model, columns, modelTexts.get(model.path) ?? '');
    if (duplicate) {
      failed.add(model.step);
      diagnostics.push(duplicate);
      return;
    }
    const info = datasets.get(model.dataset)!;
    datasets.set(model.dataset, { ...info, columns });
    remember(datasets.get(model.dataset)!);
    typed.add(model.step);
    const built = 'columns' in walked ? buildQueryLineage(walked, columns, model.inputs, model.dataset).lineage : { sources: [...model.inputs], target: model.dataset, columns: walked };
    lineage.set(model.dataset, built);
    if (cache && key && 'columns' in walked) cache.putCheck(key, { columns, lineage: built.columns });
  };
  /** Content key of a model's typing: its AST and the schemas of the relations it names, as the walker looks them up. */
  const checkKey = (model: BoundModel): string => cacheKey(JSON.stringify([model.astFingerprint, model.tableRefs.map((r) => [r.schema, r.name, schemaHash(lookup(r.schema, r.name) ?? lookup('', r.name))])]));

  let pending = order.filter((step) => modelsByStep.has(step));
  while (pending.length) {
    const wave: { model: BoundModel; key: string | undefined }[] = [];
    const inWave = new Set<string>();
    const waiting: string[] = [];
    for (const step of pending) {
      const model = modelsByStep.get(step)!;
      const deps = bound.dependsOn.get(step) ?? [];
      if (deps.some((d) => failed.has(d))) {
        failed.add(step);
        continue;
      }
      if (!deps.every((d) => typed.has(d))) {
        // When the engine types most models (no fast inferrer, or it declines many), join the wave behind
        // the inputs in it: one engine batch instead of one per level of the DAG.
        if ((!fastInfer || declined > Math.max(16, attempted / 10)) && deps.every((d) => typed.has(d) || inWave.has(d))) {
          wave.push({ model, key: undefined });
          inWave.add(step);
        } else waiting.push(step);
        continue;
      }
      const key = cache ? checkKey(model) : undefined;
      const hit = key ? cache!.getCheck(key) : undefined;
      if (hit) {
        cached++;
        accept(model, hit.columns, hit.lineage, key);
        continue;
      }
      const statement = fastInfer ? model.statement() : undefined;
      const columns = statement !== undefined ? fastInfer!(statement, lookup) : undefined;
      if (fastInfer) {
        attempted++;
        if (!columns) declined++;
      }
      if (columns) {
        fast++;
        accept(model, columns, walkLineage(statement, catalog, aggregates), key);
      } else {
        wave.push({ model, key });
        inWave.add(step);
      }
    }
    if (wave.length) {
      waves++;
      await engineWave(wave);
    }
    if (waiting.length === pending.length) throw new Error('checkProject: no progress typing models');
    pending = waiting;
  }

  /**
   * Types one wave with the engine: inputs from outside the wave declared first, then one batch in
   * topological order; a model is described alone when the batch fails or its names repeat. Lineage
   * is walked after the batch, in order, so inputs typed in the same wave are in the catalog.
   */
  async function engineWave(wave: readonly { model: BoundModel; key: string | undefined }[]): Promise<void> {
    const inWave = new Set(wave.map((w) => w.model.dataset));
    for (const { model } of wave) {
      for (const input of model.inputs) {
        if (declared.has(input) || inWave.has(input)) continue;
        const d = datasets.get(input)!;
        await inferrer.declare(d.name, d.layer, d.columns);
        declared.add(input);
      }
    }
    const batch = await inferrer.inferBatch(wave.map(({ model }) => ({ name: model.dataset, layer: model.layer, sql: model.sql, layerView: qualified.has(model.dataset) })));
    for (const { model, key: waveKey } of wave) {
      if ((bound.dependsOn.get(model.step) ?? []).some((d) => failed.has(d))) {
        failed.add(model.step);
        continue;
      }
      engine++;
      const key = waveKey ?? (cache ? checkKey(model) : undefined);
      const walked = walkLineage(model.statement(), catalog, aggregates);
      const names = walked.columns.map((c) => c.name.toLowerCase());
      // CREATE TABLE AS renames duplicate columns, so a model that may repeat a name is described exactly.
      const batched = new Set(names).size === names.length ? batch?.get(model.dataset) : undefined;
      const result = batched ? { ok: true as const, columns: batched } : await inferrer.infer(model.sql);
      if (!result.ok) {
        failed.add(model.step);
        diagnostics.push(inferenceDiagnostic(model, result.error, modelTexts.get(model.path) ?? ''));
        continue;
      }
      accept(model, result.columns, walked, key);
      if (typed.has(model.step)) {
        if (!batched) await inferrer.declare(model.dataset, model.layer, result.columns);
        declared.add(model.dataset);
      }
    }
  }

  const stats = { fast, cached, engine, waves };
  if (failed.size === 0) {
    for (const pipeline of bound.loaded.pipelines) {
      for (const r of pipeline.rules) diagnostics.push(...checkRule(r.rule, r.span, r.datasetSpan, datasets));
      diagnostics.push(...checkContracts(pipeline.contracts, datasets));
      for (const t of pipeline.targets) {
        t.datasets.forEach((name, i) => {
          if (!datasets.has(name)) diagnostics.push({ code: 'LK3007', severity: 'error', message: `target "${t.id}" publishes unknown dataset "${name}"`, span: t.datasetSpans[i] ?? t.span, hint: suggestName(name, [...datasets.keys()], 'dataset') ?? 'name a dataset a source or model of the project produces' });
        });
      }
    }
    for (const m of bound.models) {
      const cols = datasets.get(m.dataset)?.columns.map((c) => c.name) ?? [];
      for (const k of m.uniqueKey ?? []) {
        if (!cols.includes(k)) diagnostics.push({ code: 'LK4001', severity: 'error', message: `unique_key column "${k}" is not an output column of "${m.dataset}"`, ...(m.uniqueKeySpan ? { span: m.uniqueKeySpan } : {}), hint: suggestName(k, cols, 'column') ?? '' });
      }
    }
  }
  if (diagnostics.length) return { value: undefined, diagnostics, stats };
  return { value: { ...bound, datasets, order, lineage }, diagnostics, stats };
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
  const lookalike = error.kind === 'unknown_column' ? lookalikeNote(/"([^"]+)"/.exec(error.message)?.[1] ?? '') : undefined;
  return {
    code: error.kind === 'unknown_column' ? 'LK4001' : error.kind === 'ambiguous' ? 'LK4003' : 'LK4002', severity: 'error',
    message: error.message, span, hint: lookalike ?? error.hint ?? 'fix the query so that DuckDB can bind it against its inputs',
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
  if (rule.kind === 'sums_match') {
    needColumns(rule.dataset, cols, [rule.sum]);
    needColumns(rule.to, needDataset(rule.to), [...rule.to_columns, rule.to_sum]);
  }
  return out;
}

/** LK4004 at the select item that repeats an output column name (datasets need unique column names). */
function duplicateColumn(model: BoundModel, columns: readonly ColumnSchema[], text: string): Diagnostic | undefined {
  const seen = new Set<string>();
  for (const c of columns) {
    const key = c.name.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    const file = makeSourceFile(model.path, text);
    const items = (((model.statement() as { node?: { select_list?: { alias?: string; column_names?: string[]; query_location?: number }[] } }).node?.select_list) ?? []);
    const matches = items.filter((i) => (i.alias || i.column_names?.[i.column_names.length - 1] || '').toLowerCase() === key);
    const loc = matches[1]?.query_location;
    const span = loc !== undefined && loc < 1e15 ? spanAt(file, model.astOffset + loc, model.astOffset + loc + 1) : model.span;
    return { code: 'LK4004', severity: 'error', message: `duplicate output column "${c.name}" in model "${model.dataset}"`, span, hint: 'alias one of them (… AS other_name) or EXCLUDE it from the star' };
  }
  return undefined;
}

/** LK3004 unknown dataset, LK4005 missing column, LK4006 type changed, for every declared contract. */
function checkContracts(contracts: readonly ContractSpec[], datasets: ReadonlyMap<string, DatasetInfo>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const contract of contracts) {
    const d = datasets.get(contract.dataset);
    if (!d) {
      out.push({ code: 'LK3004', severity: 'error', message: `contract names unknown dataset "${contract.dataset}"`, span: contract.span, hint: suggestName(contract.dataset, [...datasets.keys()], 'dataset') ?? '' });
      continue;
    }
    for (const col of contract.columns) {
      const actual = d.columns.find((c) => c.name === col.name);
      if (!actual) {
        out.push({ code: 'LK4005', severity: 'error', message: `contract of "${contract.dataset}": column "${col.name}" is missing`, span: col.span, hint: suggestName(col.name, d.columns.map((c) => c.name), 'column') ?? 'the model no longer produces it; restore it or change the contract' });
      } else if (actual.type.toUpperCase() !== col.type) {
        out.push({ code: 'LK4006', severity: 'error', message: `contract of "${contract.dataset}": column "${col.name}" is ${actual.type}, contract says ${col.type}`, span: col.span, hint: `cast it in the model (${col.name}::${col.type}) or change the contract` });
      }
    }
  }
  return out;
}
