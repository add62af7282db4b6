// load/: the first compiler phase. Reads pipelines.yaml, interpolates variables, checks it against
// schemas/pipelines.schema.json, loads XML mappings and discovers SQL model files.
// Reads files; writes nothing.
import { isAbsolute, join, resolve } from 'node:path';
import { isMap, isPair, isScalar, type Document } from 'yaml';
import type { Diagnostic, Phase } from '../diagnostics/diagnostic.js';
import { suggestName } from '../diagnostics/did-you-mean.js';
import type { SourceFile } from '../diagnostics/source-file.js';
import type { ContractSpec, LoadedProject, PipelineSpec, RuleSpec, SourceSpec } from '../types/project.js';
import { LIBPQ_ENV, type PostgresConnectionEnv, type TableSourceType } from '../types/table-source.js';
import type { TargetDialect } from '../types/target.js';
import { loadTables } from './load-tables.js';
import type { ValidationRule } from '../types/validation.js';
import { discoverModels } from './discover-models.js';
import { interpolateDocument, interpolateString } from './interpolate.js';
import { loadMapping } from './load-mapping.js';
import { loadControl, type RawPipelineControl, type RawProjectControl } from './load-control.js';
import { loadOpenLineage, type RawOpenLineage } from './load-openlineage.js';
import { loadSchedule, type RawPipelineSchedule, type RawSchedule } from './load-schedule.js';
import { escapesProject, isFileName } from './inside-project.js';
import { projectAbsolute, projectRelative } from './project-paths.js';
import { nodeAt, nodeSpan, readYaml } from './read-yaml.js';
import { readSpecText } from './read-spec-text.js';
import { validateAgainstSchema } from './validate-schema.js';

/** Inputs of the load phase. */
export interface LoadOptions {
  /** Project folder (absolute or relative to the process cwd). */
  readonly projectDir: string;
  /** Manifest file name inside the project folder. Default `pipelines.yaml`. */
  readonly manifest?: string;
  /** Lake root override (absolute or relative to cwd), as from `--lake`. */
  readonly lakeDir?: string;
  /** Variable overrides, as from `--var NAME=VALUE`. */
  readonly vars?: Readonly<Record<string, string>>;
  /** Environment for `${ENV}` references. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface RawSource {
  type: 'xml' | TableSourceType; description?: string; location?: string; pattern?: string; mapping?: string; tables?: string;
  postgres?: { schema?: string; env?: Partial<Record<keyof PostgresConnectionEnv, string>> };
}
interface RawTarget { type: 'postgres'; schema: string; dialect?: TargetDialect; datasets: string[]; system?: string; postgres?: { env?: Partial<Record<keyof PostgresConnectionEnv, string>> } }
interface RawPipeline extends RawPipelineControl, Omit<RawPipelineSchedule, 'sources' | 'stages'> { targets?: Record<string, RawTarget>; description?: string; models?: string; sources?: Record<string, RawSource>; validations?: ValidationRule[]; contracts?: Record<string, { columns: Record<string, string> }> }
interface RawManifest extends RawProjectControl { schedule?: RawSchedule; openlineage?: RawOpenLineage; project: string; description?: string; lake?: string; vars?: Record<string, string | number | boolean>; pipelines: Record<string, RawPipeline> }

/**
 * Loads a project. Collects every diagnostic it can rather than stopping at the first.
 * @returns the loaded project, or `value: undefined` when any error was found.
 */
export function loadProject(options: LoadOptions): Phase<LoadedProject> {
  const projectDir = resolve(options.projectDir);
  const manifestName = options.manifest ?? 'pipelines.yaml';
  let read: ReturnType<typeof readSpecText>;
  try {
    read = readSpecText(join(projectDir, manifestName), manifestName, 'LK1001');
  } catch {
    return fail([{ code: 'LK1011', severity: 'error', message: `no ${manifestName} in "${projectDir}"`, hint: 'run lakec in a project folder or pass --project DIR' }]);
  }
  if (read.diagnostic) return fail([read.diagnostic]);
  const parsed = readYaml(manifestName, read.text);
  if (!parsed.value) return fail(parsed.diagnostics);
  const { doc, source } = parsed.value;
  const env = options.env ?? process.env;
  // An empty file or a top level that is not a mapping has no `vars:` for --var to set: say that first.
  if (!isMap(doc.contents)) return fail(validateAgainstSchema('pipelines.schema.json', doc.toJS() as unknown, doc, source));

  const varsResult = resolveVars(doc, source, env, options.vars ?? {});
  const diagnostics: Diagnostic[] = [...varsResult.diagnostics];
  diagnostics.push(...interpolateDocument(doc, { vars: varsResult.vars, env, allowVars: true }, source, 'vars'));
  if (diagnostics.length) {
    // Unknown keys do not depend on values: report them too, since a misspelt `vars:` is why a --var fails.
    const unknownKeys = validateAgainstSchema('pipelines.schema.json', doc.toJS() as unknown, doc, source).filter((d) => d.code === 'LK1003');
    return fail([...unknownKeys, ...diagnostics]);
  }

  const raw = doc.toJS() as unknown;
  const schemaDiagnostics = validateAgainstSchema('pipelines.schema.json', raw, doc, source);
  if (schemaDiagnostics.length) return fail(schemaDiagnostics);
  const manifest = raw as RawManifest;

  const pipelines: PipelineSpec[] = [];
  for (const name of Object.keys(manifest.pipelines).sort()) {
    const built = buildPipeline(projectDir, name, manifest.pipelines[name]!, doc, source);
    diagnostics.push(...built.diagnostics);
    pipelines.push(built.value);
  }
  const control = loadControl(manifest, doc, source);
  diagnostics.push(...control.diagnostics);
  const schedule = loadSchedule(manifest.schedule, manifest.pipelines as Record<string, RawPipelineSchedule>, pipelines, projectDir, doc, source);
  diagnostics.push(...schedule.diagnostics);
  const lineage = loadOpenLineage(manifest.openlineage, manifest.project, doc, source);
  diagnostics.push(...lineage.diagnostics);
  const openlineage = lineage.value;
  if (diagnostics.some((d) => d.severity === 'error')) return fail(diagnostics);

  const lakeSetting = manifest.lake ?? 'lake';
  const lakeDir = options.lakeDir !== undefined ? resolve(options.lakeDir) : isAbsolute(lakeSetting) ? lakeSetting : resolve(projectDir, lakeSetting);
  const vars = Object.fromEntries([...varsResult.vars.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    value: { project: manifest.project, ...(manifest.description ? { description: manifest.description } : {}), projectDir, lakeDir, vars, pipelines, control: control.value, schedule: schedule.value, ...(openlineage ? { openlineage } : {}) },
    diagnostics,
  };
}

function fail(diagnostics: Diagnostic[]): Phase<LoadedProject> {
  return { value: undefined, diagnostics };
}

/** Reads `vars:` defaults (env interpolation only), then applies --var overrides (must be declared). */
function resolveVars(doc: Document.Parsed, source: SourceFile, env: Readonly<Record<string, string | undefined>>, overrides: Readonly<Record<string, string>>): { vars: Map<string, string>; diagnostics: Diagnostic[] } {
  const vars = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const varsNode = nodeAt(doc, ['vars']);
  if (isMap(varsNode) && doc.getIn(['vars']) !== undefined) {
    for (const pair of varsNode.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value)) continue;
      let value = String(pair.value.value);
      if (typeof pair.value.value === 'string' && value.includes('${')) {
        const base = (pair.value.range?.[0] ?? 0) + (pair.value.type === 'QUOTE_DOUBLE' || pair.value.type === 'QUOTE_SINGLE' ? 1 : 0);
        const result = interpolateString(value, { vars, env, allowVars: false }, source, base);
        diagnostics.push(...result.diagnostics);
        value = result.value;
      }
      vars.set(String(pair.key.value), value);
    }
  }
  for (const [name, value] of Object.entries(overrides).sort()) {
    if (!vars.has(name)) {
      diagnostics.push({ code: 'LK1005', severity: 'error', message: `--var ${name}: no variable "${name}" is declared`, span: nodeSpan(source, varsNode), hint: suggestName(name, [...vars.keys()], 'variable') ?? 'declare it under `vars:` in pipelines.yaml' });
      continue;
    }
    vars.set(name, value);
  }
  return { vars, diagnostics };
}

function buildPipeline(projectDir: string, name: string, raw: RawPipeline, doc: Document.Parsed, source: SourceFile): { value: PipelineSpec; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (path: (string | number)[]) => nodeSpan(source, nodeAt(doc, ['pipelines', name, ...path]));
  const sources: SourceSpec[] = [];
  const escapes = (path: (string | number)[], what: string, file: string): boolean => {
    if (!escapesProject(projectDir, projectAbsolute(projectDir, projectRelative(projectDir, file)))) return false;
    diagnostics.push({ code: 'LK1009', severity: 'error', message: `${what} "${file}" is outside the project folder`, span: at(path),
      hint: 'keep mappings, tables files and models inside the project folder (no ../, absolute paths or symlinks out of it); only source locations and the lake may lie elsewhere' });
    return true;
  };
  for (const sourceName of Object.keys(raw.sources ?? {}).sort()) {
    const s = raw.sources![sourceName]!;
    const common = { kind: 'source' as const, name: sourceName, pipeline: name, ...(s.description ? { description: s.description } : {}), span: at(['sources', sourceName]) };
    if (s.type === 'xml') {
      if (escapes(['sources', sourceName, 'mapping'], 'mapping file', s.mapping!)) continue;
      const mappingFile = projectRelative(projectDir, s.mapping!);
      const mapping = loadMapping(projectAbsolute(projectDir, mappingFile), mappingFile);
      for (const d of mapping.diagnostics) diagnostics.push(d.span ? d : { ...d, span: at(['sources', sourceName, 'mapping']) });
      if (!mapping.value) continue;
      sources.push({ ...common, type: 'xml', location: sourceLocation(projectDir, s.location!), pattern: s.pattern!, mappingFile, mapping: mapping.value });
      continue;
    }
    if (escapes(['sources', sourceName, 'tables'], 'tables file', s.tables!)) continue;
    const tablesFile = projectRelative(projectDir, s.tables!);
    const pattern = s.pattern ?? `{table}.${s.type}`;
    if (s.type !== 'postgres' && !isFileName(pattern.replaceAll('{table}', 't'))) {
      diagnostics.push({ code: 'LK1009', severity: 'error', message: `pattern "${pattern}" names files outside the source location`, span: at(['sources', sourceName, 'pattern']), hint: 'a pattern is a file name inside `location` (e.g. {table}.csv); point `location` at the folder instead' });
      continue;
    }
    const tables = loadTables(projectAbsolute(projectDir, tablesFile), tablesFile, (dataset) => (s.type === 'postgres' ? dataset : pattern.replaceAll('{table}', dataset)), s.type !== 'postgres');
    for (const d of tables.diagnostics) diagnostics.push(d.span ? d : { ...d, span: at(['sources', sourceName, 'tables']) });
    if (!tables.value) continue;
    const queried = tables.value.filter((t) => t.query !== undefined);
    if (s.type !== 'postgres' && queried.length) {
      diagnostics.push({ code: 'LK1002', severity: 'error', message: `table "${queried[0]!.dataset}" of ${tablesFile} is defined by a query, which only a postgres source can run (this source is ${s.type})`, span: at(['sources', sourceName, 'tables']), hint: 'give the table a file (`from`) instead, or read it from PostgreSQL' });
      continue;
    }
    if (s.type === 'postgres') {
      sources.push({ ...common, type: 'postgres', schema: s.postgres?.schema ?? 'public', connection: { ...LIBPQ_ENV, ...s.postgres?.env }, tablesFile, tables: tables.value });
    } else {
      sources.push({ ...common, type: s.type, location: sourceLocation(projectDir, s.location!), pattern, tablesFile, tables: tables.value });
    }
  }
  const models = raw.models && !escapes(['models'], 'models folder', raw.models) ? discoverModels(projectDir, name, projectRelative(projectDir, raw.models)) : { value: [], diagnostics: [] };
  diagnostics.push(...models.diagnostics.map((d) => (d.span ? d : { ...d, span: at(['models']) })));
  const rules: RuleSpec[] = (raw.validations ?? []).map((rule, i) => ({
    pipeline: name, rule, span: at(['validations', i]), datasetSpan: at(['validations', i, 'dataset']),
  }));
  const contracts: ContractSpec[] = Object.keys(raw.contracts ?? {}).sort().map((dataset) => ({
    pipeline: name, dataset, span: at(['contracts', dataset]),
    columns: Object.entries(raw.contracts![dataset]!.columns).map(([col, type]) => ({ name: col, type: type.toUpperCase(), span: at(['contracts', dataset, 'columns', col]) })),
  }));
  const targets = Object.keys(raw.targets ?? {}).sort().map((t) => {
    const r = raw.targets![t]!;
    return {
      id: `${name}.${t}`, pipeline: name, type: r.type, schema: r.schema, dialect: r.dialect ?? 'postgres', datasets: [...r.datasets].sort(),
      system: r.system ?? 'postgres', connection: { ...LIBPQ_ENV, ...r.postgres?.env },
      span: at(['targets', t]), datasetSpans: r.datasets.map((_, i) => at(['targets', t, 'datasets', i])),
    };
  });
  return {
    value: { name, ...(raw.description ? { description: raw.description } : {}), sources, models: models.value, rules, contracts, targets },
    diagnostics,
  };
}

/** A source location as the plan keeps it: an `s3://` URL as written, a folder project-relative. */
function sourceLocation(projectDir: string, location: string): string {
  return location.startsWith('s3://') ? location.replace(/\/+$/, '') : projectRelative(projectDir, location);
}
