// gen/: synthetic lakec projects for compile tests and benchmarks. A project is a pure function of
// (models, seed): pipelines.yaml, XML mappings for 5–9 bronze tables, and N SQL models in silver and gold
// mixing chains, wide fan-ins, CTE-heavy models and plain projections. Every model binds: generators only
// reference columns they know their upstreams output, with operations valid for the column's type.
//
// CLI: `npm run gen:project -- --models N --out DIR [--seed S]`.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ModelDraft } from './draft.js';
import { chainLink } from './model-chain.js';
import { cteModel } from './model-cte.js';
import { fanInModel } from './model-fan-in.js';
import { projectionModel } from './model-projection.js';
import { Rng } from './prng.js';
import { summarizeProject, formatSummary } from './project-stats.js';
import { Registry } from './registry.js';
import type { Dataset, Layer, ModelKind } from './relation.js';
import { renderManifest, renderModel, type PipelinePlan } from './render.js';
import { generateSources, pluralOf, type GeneratedSource } from './sources.js';

export { summarizeProject, formatSummary, type ProjectSummary } from './project-stats.js';

/** Options of generateProject. */
export interface GenerateOptions {
  /** Number of SQL models (silver + gold), ≥ 1. */
  readonly models: number;
  /** PRNG seed (32-bit). Default 1. */
  readonly seed?: number;
}

const PIPELINES = ['sales', 'finance', 'logistics', 'marketing', 'supply', 'people', 'catalog', 'service'] as const;
const WORDS: Readonly<Record<'silver' | 'gold', readonly string[]>> = {
  silver: ['clean', 'conformed', 'enriched', 'deduped', 'filtered', 'normalized', 'history', 'daily', 'scored', 'staged'],
  gold: ['mart', 'summary', 'facts', 'kpis', 'report', 'rollup', 'metrics', 'scorecard'],
};
/**
 * Per-draw weights of the model kinds. A chain draw yields 3–8 models (5.5 on average), so the
 * model shares come out near chains 35%, CTE-heavy 30%, projections 25%, fan-ins 10%.
 */
const KIND_WEIGHTS: Readonly<Record<ModelKind, number>> = { chain: 0.064, cte: 0.3, projection: 0.25, fan_in: 0.1 };

/**
 * Generates a complete project.
 *
 * @example
 * const files = generateProject({ models: 60, seed: 7 });
 * writeProject('/tmp/gen60', files);   // then: lakec plan --project /tmp/gen60
 * @returns relative POSIX path -> file content, in a fixed order (manifest, mappings, models in
 * generation order). Same options, same bytes.
 */
export function generateProject(opts: GenerateOptions): Map<string, string> {
  if (!Number.isInteger(opts.models) || opts.models < 1) throw new Error(`generateProject: models must be a positive integer, got ${opts.models}`);
  const seed = opts.seed ?? 1;
  const rng = new Rng(seed);
  const reg = new Registry();
  const pipelineNames = PIPELINES.slice(0, Math.min(PIPELINES.length, 2 + Math.floor(1.5 * Math.log10(opts.models))));
  const sources = generateSources(rng, rng.int(3, 4));
  const sourcesOf = new Map<string, GeneratedSource[]>(pipelineNames.map((p) => [p, []]));
  sources.forEach((s, i) => {
    const pipeline = pipelineNames[i % pipelineNames.length]!;
    sourcesOf.get(pipeline)!.push(s);
    for (const t of s.tables) reg.add({ ...t, pipeline });
  });

  const width = Math.max(4, String(opts.models).length);
  const models: { path: string; text: string }[] = [];
  const emit = (draft: ModelDraft, layer: Layer, pipeline: string): Dataset => {
    const words = WORDS[layer === 'gold' ? 'gold' : 'silver'];
    const name = `${pluralOf(draft.out.grain)}_${rng.pick(words)}_${String(models.length).padStart(width, '0')}`;
    const d: Dataset = { name, layer, pipeline, grain: draft.out.grain, cols: draft.out.cols };
    models.push({ path: `models/${pipeline}/${layer}/${name}.sql`, text: renderModel(draft, d) });
    reg.add(d);
    return d;
  };
  const pipelineFor = (reads: readonly string[]): string => {
    const first = reads[0] === undefined ? undefined : reg.get(reads[0]);
    return first && rng.chance(0.7) ? first.pipeline : rng.pick(pipelineNames);
  };

  while (models.length < opts.models) {
    const remaining = opts.models - models.length;
    const kind = rng.weighted(KIND_WEIGHTS);
    const hasSilver = reg.count('silver') > 0;
    if (kind === 'chain') {
      const length = Math.min(remaining, rng.int(3, 8));
      let prev = reg.pickPrimary(rng, 'silver');
      const pipeline = rng.chance(0.7) ? prev.pipeline : rng.pick(pipelineNames);
      for (let k = 1; k <= length; k++) {
        const layer: Layer = k === length && length >= 3 && rng.chance(0.3) ? 'gold' : 'silver';
        prev = emit(chainLink(rng, reg, layer, prev, k, length), layer, pipeline);
      }
      continue;
    }
    const layer: Layer = !hasSilver || kind === 'fan_in' ? (hasSilver ? 'gold' : 'silver') : rng.chance(kind === 'cte' ? 0.55 : 0.75) ? 'silver' : 'gold';
    const draft = kind === 'fan_in' ? fanInModel(rng, reg, layer) ?? cteModel(rng, reg, layer)
      : kind === 'cte' ? cteModel(rng, reg, layer) : projectionModel(rng, reg, layer);
    emit(draft, layer, pipelineFor(draft.reads));
  }

  const files = new Map<string, string>();
  const plans: PipelinePlan[] = pipelineNames.map((name) => {
    const own = models.filter((m) => m.path.startsWith(`models/${name}/`));
    const checked = reg.all.filter((d) => d.pipeline === name && d.layer === 'silver').slice(0, 2);
    return { name, sources: sourcesOf.get(name)!, hasModels: own.length > 0, checked };
  });
  const tableCount = sources.reduce((n, s) => n + s.tables.length, 0);
  files.set('pipelines.yaml', renderManifest(`gen_n${opts.models}_s${seed >>> 0}`, `Synthetic lakec project: ${opts.models} models over ${tableCount} bronze tables (seed ${seed >>> 0})`, plans));
  for (const s of sources) files.set(s.mappingPath, s.mappingYaml);
  for (const m of models) files.set(m.path, m.text);
  return files;
}

/** Name of the marker file writeProject leaves, so it only ever replaces folders it wrote. */
export const GENERATED_MARKER = '.lakec-generated';

/**
 * Writes `files` (relative path -> content) under `dir`. An existing `dir` is replaced when it holds the
 * GENERATED_MARKER from an earlier call; any other non-empty folder is refused.
 * @throws Error when `dir` is a non-empty folder that writeProject did not create.
 */
export function writeProject(dir: string, files: ReadonlyMap<string, string>): void {
  const root = resolve(dir);
  if (existsSync(root) && readdirSync(root).length > 0) {
    if (!existsSync(join(root, GENERATED_MARKER))) throw new Error(`writeProject: "${root}" is not empty and was not written by the generator`);
    rmSync(root, { recursive: true, force: true });
  }
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, GENERATED_MARKER), 'written by test/gen/gen-project.ts; writeProject replaces this folder\n');
  const made = new Set<string>();
  for (const [rel, text] of files) {
    const abs = join(root, rel);
    const parent = dirname(abs);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(abs, text);
  }
}

/** CLI: parses `--models N --out DIR [--seed S]`, writes the project, prints its shape. Returns 0, 1 (cannot write) or 2 (usage). */
export function runGenProjectCli(argv: readonly string[]): number {
  let values: { models?: string; out?: string; seed?: string };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { models: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } } }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\nusage: gen-project --models N --out DIR [--seed S]\n`);
    return 2;
  }
  const models = Number(values.models);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!values.out || !Number.isInteger(models) || models < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: gen-project --models N --out DIR [--seed S]   (N ≥ 1, S an integer)\n');
    return 2;
  }
  const files = generateProject({ models, seed });
  try {
    writeProject(values.out, files);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  process.stdout.write(`wrote ${files.size} files to ${resolve(values.out)}\n${formatSummary(summarizeProject(files))}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = runGenProjectCli(process.argv.slice(2));
}
