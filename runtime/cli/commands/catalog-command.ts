// cli/commands: `lakec catalog` — the medallion metadata catalog as JSON and as DuckDB tables.
import { writeFile } from 'node:fs/promises';
import { buildCatalog, canonicalJson } from '../../../compiler/index.js';
import { writeCatalogDb } from '../../catalog/write-catalog-db.js';
import { lakeLayout } from '../../lake/lake-layout.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CommonOptions } from '../main.js';
import { compileForCli } from './compile-for-cli.js';

/**
 * Compiles, derives the catalog, writes it to the metadata store `--db` (default `<lake>/_meta/lakec.duckdb`;
 * only the catalog tables are replaced) and optionally as JSON to `--out`.
 * @throws LakecError LK6405 when another process holds the store for 5 s (rendered by main, exit 1).
 */
export async function runCatalogCommand(opts: CommonOptions, args: { out?: string; db?: string }, io: CliIo): Promise<number> {
  const result = await compileForCli(opts, io);
  if (!result.ok || !result.plan || !result.project) return EXIT.diagnostics;
  const catalog = buildCatalog(result.plan);
  const json = canonicalJson(catalog, true) + '\n';
  if (args.out) await writeFile(args.out, json);
  const db = args.db ?? lakeLayout(result.project.lakeDir).metaDb;
  await writeCatalogDb(catalog, db);
  if (opts.json) io.stdout.write(json);
  else {
    io.stdout.write(`catalog of ${catalog.project}: ${catalog.pipelines.length} pipelines, ${catalog.stages.length} stages, ${catalog.sources.length} sources, ${catalog.targets.length} targets, ${catalog.validation_rules.length} rules, ${catalog.dataset_lineage.length} dataset and ${catalog.column_lineage.length} column lineage edges\n`);
    io.stdout.write(`wrote ${db}${args.out ? ` and ${args.out}` : ''}\n`);
  }
  return EXIT.ok;
}
