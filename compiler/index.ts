// compiler/: the public entry point. load -> parse -> bind -> check -> plan; emit is separate so
// callers decide where bytes go. Nothing here writes to disk.
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { hasErrors } from './diagnostics/diagnostic.js';
import { sortDiagnostics } from './diagnostics/sort.js';
import { loadProject, type LoadOptions } from './load/load-project.js';
import { parseModels } from './parse/parse-models.js';
import { openParser, type ParseStats } from './parse/open-parser.js';
import { bindProject } from './bind/bind-project.js';
import { checkProject } from './check/check-project.js';
import { openDuckDbSchemaInferrer } from './check/duckdb-schema-inferrer.js';
import { lazySchemaInferrer } from './check/lazy-schema-inferrer.js';
import { openCompileCache, type CompileCache } from './cache/compile-cache.js';
import type { InferenceStats } from './check/check-project.js';
import { FAST_INFER } from './check/fast-infer.js';
import { buildPlan } from './plan/build-plan.js';
import { DUCKDB_AGGREGATE_FUNCTIONS } from './check/lineage/aggregate-functions.js';
import type { LoadedProject } from './types/project.js';
import { inferTableColumns, needsColumnInference } from './load/infer-table-columns.js';
import type { Plan } from './types/plan.js';

export type { LoadOptions } from './load/load-project.js';
export type { Diagnostic, Span, Pos, Severity } from './diagnostics/diagnostic.js';
export { LakecError, InternalError, hasErrors } from './diagnostics/diagnostic.js';
export type { Plan, PlanStep, IngestStep, XmlIngestStep, XmlSource, ModelStep, PlanDataset, PlanRule, StepFingerprint, PlanBase } from './types/plan.js';
export { PLAN_FORMAT_VERSION, isXmlIngest } from './types/plan.js';
export type { TablesSource, FileTablesSource, PostgresTablesSource, PlanTable, PostgresConnectionEnv, TableSourceType } from './types/table-source.js';
export { LIBPQ_ENV, TABLE_SOURCE_TYPES } from './types/table-source.js';
export type { PlanTarget, TargetDialect } from './types/target.js';
export type { PlanOpenLineage, PlanOpenLineageHttp } from './types/openlineage.js';
export { DEFAULT_OPENLINEAGE_ENDPOINT, DEFAULT_OPENLINEAGE_TIMEOUT_MS } from './types/openlineage.js';
export { sourceWhere } from './plan/source-where.js';
export type { PlanSchedule, PlanStageSchedule, PlanSystem, PlanRoute, PlanRecovery, Priority, ScheduleProfile } from './types/schedule.js';
export { PRIORITIES, SCHEDULE_PROFILES, LAKE_SYSTEM, FILES_SYSTEM } from './types/schedule.js';
export type { LoadedProject } from './types/project.js';
export type { ValidationRule, RuleResult, RuleSeverity } from './types/validation.js';
export type { XmlMapping, ColumnSchema, SourceTableSchema } from './types/xml-mapping.js';
export { xmlOutputSchemas } from './load/xml-source-schema.js';
export { emitPlan, writePlanFile } from './emit/emit-plan.js';
export { canonicalJson } from './emit/canonical-json.js';
export { openCompileCache, type CompileCache } from './cache/compile-cache.js';
export { fingerprintOf } from './plan/fingerprint.js';
export { diffPlans } from './plan/diff-plans.js';
export type { PlanDiff, StepDiff, ModifiedStep, ColumnChanges, DatasetDiff, RuleDiff, PlanDiffSummary } from './types/plan-diff.js';
export { suggestName } from './diagnostics/did-you-mean.js';

/** What compileProject returns: the plan when there were no errors, the loaded project when it loaded, and every diagnostic (sorted). */
export interface CompileResult {
  readonly plan?: Plan;
  readonly project?: LoadedProject;
  readonly diagnostics: readonly Diagnostic[];
  /** Wall time of each phase reached, milliseconds (performance.now), in phase order: load, parse, bind, check, plan. */
  readonly timings: Readonly<Record<string, number>>;
  /** How model schemas were found: by the fast inferrer, the cache or the engine (see check/check-project.ts). */
  readonly inference?: InferenceStats;
  /** How models were parsed: by the fast parser (or its cache) or by the engine (see parse/open-parser.ts). */
  readonly parsing?: ParseStats;
}

/** Options of compileProject beyond loading. */
export interface CompileOptions extends LoadOptions {
  /**
   * Parse and type every model with DuckDB itself, skipping the fast paths (parse/fast/, check/fast-types/).
   * Slower; the plan is byte-identical either way (tests compare the two).
   */
  readonly engineOnly?: boolean;
  /**
   * Folder of the compile cache (cache/compile-cache.ts), e.g. `<project>/.lakec/cache`; none when
   * undefined. Cached and uncached compiles give byte-identical plans.
   */
  readonly cacheDir?: string;
  /**
   * An open compile cache to use instead of opening `cacheDir`: pass the same one to a series of
   * compiles in one process (openCompileCache) and each reuses what the previous one computed.
   */
  readonly cache?: CompileCache;
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
export async function compileProject(options: CompileOptions): Promise<CompileResult> {
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (phase: string): void => {
    const now = performance.now();
    timings[phase] = now - mark;
    mark = now;
  };
  let loaded = loadProject(options);
  // Tables declared without columns are typed from their files (DuckDB is started only then).
  if (loaded.value && needsColumnInference(loaded.value)) {
    const inferred = await inferTableColumns(loaded.value);
    loaded = { value: inferred.value, diagnostics: [...loaded.diagnostics, ...inferred.diagnostics] };
  }
  lap('load');
  if (!loaded.value) return { diagnostics: sortDiagnostics(loaded.diagnostics), timings };
  const project = loaded.value;
  const files = project.pipelines.flatMap((p) => p.models);
  const cache = options.cache ?? (options.cacheDir !== undefined ? openCompileCache(options.cacheDir) : undefined);
  const parser = openParser(options.engineOnly === true, cache);
  let parsed;
  try {
    parsed = await parseModels(files, parser);
  } finally {
    await parser.close();
  }
  lap('parse');
  const diagnostics: Diagnostic[] = [...loaded.diagnostics, ...parsed.diagnostics];
  if (!parsed.value) return { project, diagnostics: sortDiagnostics(diagnostics), timings, parsing: parser.stats };
  const bound = bindProject(project, parsed.value);
  lap('bind');
  diagnostics.push(...bound.diagnostics);
  if (!bound.value) return { project, diagnostics: sortDiagnostics(diagnostics), timings, parsing: parser.stats };
  const inferrer = lazySchemaInferrer(openDuckDbSchemaInferrer);
  let checked;
  try {
    checked = await checkProject(bound.value, inferrer, new Map(files.map((f) => [f.path, f.text])), DUCKDB_AGGREGATE_FUNCTIONS, options.engineOnly ? undefined : FAST_INFER, cache);
  } finally {
    await inferrer.close();
  }
  lap('check');
  const inference = checked.stats;
  diagnostics.push(...checked.diagnostics);
  if (!checked.value || hasErrors(diagnostics)) return { project, diagnostics: sortDiagnostics(diagnostics), timings, inference, parsing: parser.stats };
  const plan = buildPlan(checked.value);
  lap('plan');
  cache?.save();
  return { plan, project, diagnostics: sortDiagnostics(diagnostics), timings, inference, parsing: parser.stats };
}
export { projectAbsolute, projectRelative } from './load/project-paths.js';
export { loadProject } from './load/load-project.js';
export { renderDiagnosticsText } from './diagnostics/render-text.js';
export { lineageOfSql, type SchemaJson } from './lineage-of-sql.js';
export type { QueryLineage, ColumnLineage, LineageEdge, DirectSubtype, IndirectSubtype } from './types/lineage.js';
export { walkPlanLineage, columnEdges, type LineageHit } from './plan/lineage-graph.js';
export { buildCatalog } from './plan/build-catalog.js';
export type { Catalog } from './types/catalog.js';
export { trinoBootstrap, type TrinoBootstrap, type TrinoModel } from './emit/trino/trino-bootstrap.js';
export { trinoDdl, type TrinoDdl, type TrinoDdlOptions } from './emit/trino/trino-ddl.js';
export { transpileModelSql, type TranspileOptions, type TranspileResult } from './emit/trino/transpile-model.js';
export { trinoType, hiveColumnType } from './emit/trino/trino-type.js';
