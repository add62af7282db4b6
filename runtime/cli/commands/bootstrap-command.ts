// cli/commands: `lakec bootstrap trino` — the Trino DDL for the lake's datasets and every model as Trino
// SQL, written as files for a Trino cluster with a Hive-connector catalog over the lake.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { canonicalJson, trinoBootstrap } from '../../../compiler/index.js';
import { EXIT, type CliIo } from '../cli-io.js';
import { printDiagnostics, type CommonOptions } from '../main.js';
import { compileForCli } from './compile-for-cli.js';

/** Arguments of `lakec bootstrap`. */
export interface BootstrapArgs {
  readonly engine: 'trino';
  /** Absolute output folder; default `<project>/trino`. */
  readonly out?: string;
  /** The lake root as the cluster reads it (`s3://bucket/lake`); default `file://<absolute lake>`. */
  readonly location?: string;
  /** Trino catalog of the Hive connector; default `hive`. */
  readonly catalog?: string;
}

/**
 * Compiles the project and writes `<out>/ddl.sql` (CREATE SCHEMA / CREATE TABLE IF NOT EXISTS, one external
 * table per dataset over `<location>/active/<layer>/<dataset>`) and `<out>/models/<layer>/<dataset>.sql`
 * (each model's SELECT in Trino's dialect). Files are overwritten; files of models that no longer exist
 * are left alone. Whatever cannot be translated is reported (LK5005 for SQL, LK5006 for a column type)
 * and left out, everything else is still written.
 * @returns EXIT.ok; EXIT.diagnostics when the project does not compile or anything was left out.
 * @throws the fs error when the output folder cannot be written.
 */
export async function runBootstrapCommand(opts: CommonOptions, args: BootstrapArgs, io: CliIo): Promise<number> {
  const result = await compileForCli(opts, io);
  if (!result.ok || !result.plan || !result.project) return EXIT.diagnostics;
  const location = args.location ?? pathToFileURL(result.project.lakeDir).href;
  const boot = await trinoBootstrap(result.plan, opts.project, { location, ...(args.catalog !== undefined ? { catalog: args.catalog } : {}) });
  const out = args.out ?? join(opts.project, 'trino');
  const ddlFile = join(out, 'ddl.sql');
  await mkdir(out, { recursive: true });
  await writeFile(ddlFile, boot.ddl.text);
  const modelFiles: string[] = [];
  for (const m of boot.models) {
    const file = join(out, 'models', m.layer, `${m.dataset}.sql`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, m.text);
    modelFiles.push(file);
  }
  const failed = printDiagnostics(io, boot.diagnostics);
  const tables = boot.ddl.statements.filter((s) => s.startsWith('CREATE TABLE')).length;
  if (opts.json) {
    io.stdout.write(canonicalJson({ ddl: ddlFile, location, models: modelFiles, refused: boot.diagnostics.length, tables }, true) + '\n');
  } else {
    io.stdout.write(`wrote ${relative(io.cwd, ddlFile) || ddlFile}: ${tables} tables over ${location}/active\n`);
    io.stdout.write(`wrote ${modelFiles.length} models under ${relative(io.cwd, join(out, 'models')) || join(out, 'models')}\n`);
    if (failed) io.stdout.write(`${boot.diagnostics.length} left out (see the errors above)\n`);
  }
  return failed ? EXIT.diagnostics : EXIT.ok;
}
