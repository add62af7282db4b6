// cli/commands: `lakec lineage` — over a project (transitive, dataset or column), or over one SQL file;
// with --routes, the routes to a dataset's sources (recovery paths) in preference order.
import { readFile } from 'node:fs/promises';
import { lineageOfSql, walkPlanLineage, LakecError, type SchemaJson, type Plan } from '../../../compiler/index.js';
import { EXIT, type CliIo } from '../cli-io.js';
import { printDiagnostics, type CommonOptions } from '../main.js';
import { reuseBase } from '../../executor/reuse-step.js';
import { lakeLayout } from '../../lake/lake-layout.js';
import { activeRunId } from '../../lake/promote.js';
import { listRoutes } from '../../recovery/list-routes.js';
import { renderRoutesJson, renderRoutesText } from '../render-routes.js';
import { compileForCli } from './compile-for-cli.js';

/** Arguments of `lakec lineage`. */
export interface LineageArgs {
  readonly target?: string;
  readonly sqlFile?: string;
  readonly schemaFile?: string;
  readonly upstream: boolean;
  readonly downstream: boolean;
  readonly indirect: boolean;
  /** List the routes to the target dataset instead of its lineage. */
  readonly routes?: boolean;
}

/** Prints lineage; exit 1 on diagnostics or an unknown dataset/column, 2 on bad arguments. */
export async function runLineageCommand(opts: CommonOptions, args: LineageArgs, io: CliIo): Promise<number> {
  if (args.sqlFile) return lineageOfFile(opts, args, io);
  if (!args.target) {
    io.stderr.write('error: lakec lineage needs DATASET[.COLUMN], or --sql FILE --schema SCHEMA.json\n');
    return EXIT.usage;
  }
  const result = await compileForCli(opts, io);
  if (!result.ok || !result.plan) return EXIT.diagnostics;
  const plan = result.plan;
  const known = knownNodes(plan);
  if (!known.has(args.target)) {
    throw new LakecError({ code: 'LK3001', severity: 'error', message: `unknown dataset or column "${args.target}"`, hint: 'write DATASET or DATASET.COLUMN as in lakec plan' });
  }
  if (args.routes) return printRoutes(opts, plan, args.target, result.project?.lakeDir, io);
  const both = !args.upstream && !args.downstream;
  const up = args.upstream || both ? walkPlanLineage(plan, args.target, 'upstream', args.indirect) : [];
  const down = args.downstream || both ? walkPlanLineage(plan, args.target, 'downstream', args.indirect) : [];
  if (opts.json) {
    io.stdout.write(JSON.stringify({ node: args.target, ...(args.upstream || both ? { upstream: up } : {}), ...(args.downstream || both ? { downstream: down } : {}) }, null, 2) + '\n');
    return EXIT.ok;
  }
  const line = (h: (typeof up)[number]) => `  ${'  '.repeat(h.depth - 1)}${h.node}${h.via ? `  (${h.via.type} ${h.via.subtype})` : ''}\n`;
  if (args.upstream || both) io.stdout.write(`upstream of ${args.target}:\n${up.map(line).join('') || '  (none: a source)\n'}`);
  if (args.downstream || both) io.stdout.write(`downstream of ${args.target}:\n${down.map(line).join('') || '  (none)\n'}`);
  return EXIT.ok;
}

/**
 * `--routes`: every route to `dataset` with its availability now (runtime/recovery/list-routes.ts). The
 * active run of the project's lake (or --lake) decides previous_run routes. Exit 0 even when no route is
 * available (the listing says so). @throws LakecError LK3001 when `dataset` is a column, not a dataset.
 */
async function printRoutes(opts: CommonOptions, plan: Plan, dataset: string, lakeDir: string | undefined, io: CliIo): Promise<number> {
  const lake = lakeDir ?? opts.lake;
  const layout = lake ? lakeLayout(lake) : undefined;
  const reuse = layout ? await reuseBase(layout, await activeRunId(layout)) : undefined;
  const listing = await listRoutes(plan, dataset, { projectDir: opts.project, env: io.env, ...(reuse ? { reuse } : {}), now: () => new Date() });
  io.stdout.write(opts.json ? renderRoutesJson(listing) : renderRoutesText(listing));
  return EXIT.ok;
}

function knownNodes(plan: Plan): Set<string> {
  const out = new Set<string>();
  for (const d of plan.datasets) {
    out.add(d.name);
    for (const c of d.columns) out.add(`${d.name}.${c.name}`);
  }
  return out;
}

async function lineageOfFile(opts: CommonOptions, args: LineageArgs, io: CliIo): Promise<number> {
  if (!args.schemaFile) {
    io.stderr.write('error: --sql needs --schema SCHEMA.json ({"table": {"column": "TYPE"}})\n');
    return EXIT.usage;
  }
  const sql = await readFile(args.sqlFile!, 'utf8');
  let schema: SchemaJson;
  try {
    schema = JSON.parse(await readFile(args.schemaFile, 'utf8')) as SchemaJson;
  } catch (e) {
    throw new LakecError({ code: 'LK1006', severity: 'error', message: `cannot read schema "${args.schemaFile}": ${e instanceof Error ? e.message : String(e)}`, hint: 'expected {"table": {"column": "TYPE", …}, …}' });
  }
  const { lineage, diagnostics } = await lineageOfSql(sql, schema, args.sqlFile!);
  if (printDiagnostics(io, diagnostics) || !lineage) return EXIT.diagnostics;
  if (opts.json) {
    io.stdout.write(JSON.stringify(lineage, null, 2) + '\n');
    return EXIT.ok;
  }
  io.stdout.write(`sources: ${lineage.sources.join(', ') || '(none)'}\ntarget: ${lineage.target ?? '(none)'}\n`);
  for (const c of lineage.columns) {
    io.stdout.write(`  ${c.name} ${c.type}  ${c.kind}  <- ${c.sources.join(', ') || '(no direct input)'}\n`);
    const indirect = c.edges.filter((e) => e.type === 'INDIRECT');
    if (indirect.length) io.stdout.write(`      indirect: ${indirect.map((e) => `${e.source} ${e.subtype}`).join(', ')}\n`);
  }
  return EXIT.ok;
}
