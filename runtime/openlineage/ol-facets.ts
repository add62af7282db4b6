// openlineage/: the facets lakec attaches to its events, built from the plan (schemas, column lineage,
// SQL), the manifest (rows, files, versions, errors) and validation (assertions).
// @see https://openlineage.io/docs/spec/facets/ (one page per facet)
import type { Diagnostic, ModelStep, PlanDataset, RuleResult } from '../../compiler/index.js';
import { renderDiagnosticsText } from '../../compiler/diagnostics/render-text.js';
import type { LineageEdge } from '../../compiler/types/lineage.js';
import type { ValidationRule } from '../../compiler/types/validation.js';
import type { OlFacet } from './ol-event.js';
import type { OlName } from './ol-datasets.js';
import { FACET_SCHEMA_URLS, LAKEC_RUN_FACET_SCHEMA_URL, lakecVersion, producerUri } from './ol-spec.js';

function facet(kind: keyof typeof FACET_SCHEMA_URLS, body: Record<string, unknown>): OlFacet {
  return { _producer: producerUri(), _schemaURL: FACET_SCHEMA_URLS[kind], ...body };
}

/** `schema`: the dataset's columns with their DuckDB types, in order. */
export function schemaFacet(dataset: PlanDataset): OlFacet {
  return facet('schema', { fields: dataset.columns.map((c) => ({ name: c.name, type: c.type })) });
}

/** `version`: the lakec run that computed the dataset's files (a reused dataset keeps its version). */
export function versionFacet(builtBy: string): OlFacet {
  return facet('version', { datasetVersion: builtBy });
}

/** `outputStatistics`: rows written, and when known the Parquet files and their total bytes. */
export function outputStatisticsFacet(rowCount: number, files?: { count: number; bytes: number }): OlFacet {
  return facet('outputStatistics', { rowCount, ...(files ? { fileCount: files.count, size: files.bytes } : {}) });
}

/**
 * `columnLineage` (1-2-0) of a model's output: per column, its inputs with the transformation of each
 * (DIRECT IDENTITY/TRANSFORMATION/AGGREGATION, INDIRECT JOIN/FILTER/GROUP_BY/SORT/WINDOW/CONDITIONAL);
 * INDIRECT edges shared by every column (the plan's `rowEdges`) go once into the facet's `dataset` list,
 * which the spec defines for lineage that affects the whole dataset. `nameOf` maps an input dataset
 * name to its OpenLineage identity. Input fields are sorted by name then field, so events are stable.
 */
export function columnLineageFacet(step: ModelStep, nameOf: (dataset: string) => OlName): OlFacet {
  const inputFields = (edges: readonly LineageEdge[]): Record<string, unknown>[] => {
    const bySource = new Map<string, LineageEdge[]>();
    for (const e of edges) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
    return [...bySource.keys()].sort().map((source) => {
      const dot = source.indexOf('.');
      const id = nameOf(source.slice(0, dot));
      return {
        namespace: id.namespace, name: id.name, field: source.slice(dot + 1),
        transformations: bySource.get(source)!.map((e) => ({ type: e.type, subtype: e.subtype })),
      };
    });
  };
  const fields = Object.fromEntries(step.columns.map((c) => [c.name, { inputFields: inputFields(c.edges) }]));
  return facet('columnLineage', { fields, ...(step.rowEdges.length ? { dataset: inputFields(step.rowEdges) } : {}) });
}

/**
 * `dataQualityAssertions` of one dataset: each rule's result as assertion (the rule id), success, and
 * the column when the rule (looked up by `ruleOf`) checks exactly one.
 */
export function dataQualityAssertionsFacet(results: readonly RuleResult[], ruleOf: (id: string) => ValidationRule | undefined): OlFacet {
  return facet('dataQualityAssertions', {
    assertions: results.map((r) => {
      const rule = ruleOf(r.id);
      const columns = rule && 'columns' in rule ? rule.columns : [];
      return { assertion: r.id, success: r.ok, ...(columns.length === 1 ? { column: columns[0] } : {}) };
    }),
  });
}

/** `parent`: the lakec run (a job of its own) a stage or validation run belongs to; it is also the root. */
export function parentFacet(parent: { runId: string; namespace: string; name: string }): OlFacet {
  const ref = { run: { runId: parent.runId }, job: { namespace: parent.namespace, name: parent.name } };
  return facet('parent', { ...ref, root: ref });
}

/** `errorMessage` of a failed run or stage: the diagnostic as lakec prints it (file:line:col, code, message, hint). */
export function errorMessageFacet(error: Diagnostic): OlFacet {
  return facet('errorMessage', { message: renderDiagnosticsText([error]).trimEnd(), programmingLanguage: 'TypeScript' });
}

/** `processing_engine`: lakec and its version. */
export function processingEngineFacet(): OlFacet {
  return facet('processing_engine', { name: 'lakec', version: lakecVersion() });
}

/** `jobType`: batch; `RUN` for an apply, `INGEST`/`MODEL` for stages, `VALIDATION` for the rules. */
export function jobTypeFacet(jobType: 'RUN' | 'INGEST' | 'MODEL' | 'VALIDATION'): OlFacet {
  return facet('jobType', { processingType: 'BATCH', integration: 'LAKEC', jobType });
}

/** `sql`: a model's SQL as written in its file, DuckDB dialect. */
export function sqlFacet(query: string): OlFacet {
  return facet('sql', { query, dialect: 'duckdb' });
}

/**
 * `lakec_run`, lakec's own run facet (schemas/openlineage/LakecRunFacet.json): the lakec run id and
 * plan fingerprint, and for stages their manifest status and why they were skipped, disabled or cancelled.
 */
export function lakecRunFacet(body: { runId: string; planFingerprint: string; status?: string; reason?: string; attempts?: number }): OlFacet {
  return { _producer: producerUri(), _schemaURL: LAKEC_RUN_FACET_SCHEMA_URL, ...body };
}
