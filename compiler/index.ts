// compiler/: the public entry point. load -> parse -> bind -> check -> plan; emit is separate so
// callers decide where bytes go. Nothing here writes to disk.
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { hasErrors } from './diagnostics/diagnostic.js';
import { sortDiagnostics } from './diagnostics/sort.js';
import { loadProject, type LoadOptions } from './load/load-project.js';
import { parseModels } from './parse/parse-models.js';
import { openDuckDbSqlParser } from './parse/duckdb-sql-parser.js';
import { bindProject } from './bind/bind-project.js';
import { checkProject } from './check/check-project.js';
import { openDuckDbSchemaInferrer } from './check/duckdb-schema-inferrer.js';
import { buildPlan } from './plan/build-plan.js';
import type { LoadedProject } from './types/project.js';
import type { Plan } from './types/plan.js';

export type { LoadOptions } from './load/load-project.js';
export type { Diagnostic, Span, Pos, Severity } from './diagnostics/diagnostic.js';
export { LakecError, InternalError, hasErrors } from './diagnostics/diagnostic.js';
export type { Plan, PlanStep, IngestStep, ModelStep, PlanDataset, PlanRule, StepFingerprint } from './types/plan.js';
export { PLAN_FORMAT_VERSION } from './types/plan.js';
export type { LoadedProject } from './types/project.js';
export type { ValidationRule, RuleResult, RuleSeverity } from './types/validation.js';
export type { XmlMapping, ColumnSchema, SourceTableSchema } from './types/xml-mapping.js';
export { xmlOutputSchemas } from './load/xml-source-schema.js';
export { emitPlan } from './emit/emit-plan.js';
export { canonicalJson } from './emit/canonical-json.js';
export { fingerprintOf } from './plan/fingerprint.js';
export { suggestName } from './diagnostics/did-you-mean.js';

/** What compileProject returns: the plan when there were no errors, the loaded project when it loaded, and every diagnostic (sorted). */
export interface CompileResult {
  readonly plan?: Plan;
  readonly project?: LoadedProject;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Compiles a project folder into a plan.
 *
 * @example
 * const { plan, diagnostics } = await compileProject({ projectDir: '.', vars: { discogs_dump_dir: '../shared/data/discogs' } });
 * if (plan) process.stdout.write(emitPlan(plan));
 * @returns diagnostics sorted by file, then position, then code. Never throws on user input;
 * throws InternalError (or an engine error) only on a bug or a broken install.
 */
export async function compileProject(options: LoadOptions): Promise<CompileResult> {
  const loaded = loadProject(options);
  if (!loaded.value) return { diagnostics: sortDiagnostics(loaded.diagnostics) };
  const project = loaded.value;
  const files = project.pipelines.flatMap((p) => p.models);
  const parser = await openDuckDbSqlParser();
  let parsed;
  let aggregates: ReadonlySet<string>;
  try {
    parsed = await parseModels(files, parser);
    aggregates = await parser.aggregateFunctions();
  } finally {
    await parser.close();
  }
  const diagnostics: Diagnostic[] = [...loaded.diagnostics, ...parsed.diagnostics];
  if (!parsed.value) return { project, diagnostics: sortDiagnostics(diagnostics) };
  const bound = bindProject(project, parsed.value);
  diagnostics.push(...bound.diagnostics);
  if (!bound.value) return { project, diagnostics: sortDiagnostics(diagnostics) };
  const inferrer = await openDuckDbSchemaInferrer();
  let checked;
  try {
    checked = await checkProject(bound.value, inferrer, new Map(files.map((f) => [f.path, f.text])), aggregates);
  } finally {
    await inferrer.close();
  }
  diagnostics.push(...checked.diagnostics);
  if (!checked.value || hasErrors(diagnostics)) return { project, diagnostics: sortDiagnostics(diagnostics) };
  return { plan: buildPlan(checked.value), project, diagnostics: sortDiagnostics(diagnostics) };
}
export { projectAbsolute, projectRelative } from './load/project-paths.js';
export { loadProject } from './load/load-project.js';
export { renderDiagnosticsText } from './diagnostics/render-text.js';
export { lineageOfSql, type SchemaJson } from './lineage-of-sql.js';
export type { QueryLineage, ColumnLineage, LineageEdge, DirectSubtype, IndirectSubtype } from './types/lineage.js';
export { walkPlanLineage, columnEdges, type LineageHit } from './plan/lineage-graph.js';
export { buildCatalog } from './plan/build-catalog.js';
export type { Catalog } from './types/catalog.js';
