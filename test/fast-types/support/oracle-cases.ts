// test/fast-types/: the queries the fast inferer is checked on, each with its AST, the lookup of the tables
// it reads and DuckDB's DESCRIBE of it: a generated project (models walked in dependency order, each
// materialized empty for the next, as compiler/check/duckdb-schema-inferrer.ts does), the Discogs models,
// and the lineage corpus suites.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { TableLookup } from '../../../compiler/check/fast-types/infer-fast.js';
import { loadMapping } from '../../../compiler/load/load-mapping.js';
import { xmlOutputSchemas } from '../../../compiler/load/xml-source-schema.js';
import type { ColumnSchema } from '../../../compiler/types/xml-mapping.js';
import { generateProject, writeProject } from '../../gen/gen-project.js';
import { REPO } from '../../support/paths.js';
import type { DuckOracle } from './duckdb-oracle.js';

/** One query to check: `expected` is DESCRIBE's answer (undefined when DuckDB rejects the query). */
export interface OracleCase {
  readonly id: string;
  readonly sql: string;
  readonly ast: unknown;
  readonly expected: ColumnSchema[] | undefined;
  readonly lookup: TableLookup;
}

/** Datasets by lower-case `name` and `layer.name`, looked up case-insensitively like lakec's catalog. */
class Catalog {
  private readonly map = new Map<string, readonly ColumnSchema[]>();
  add(name: string, layer: string, columns: readonly ColumnSchema[]): void {
    this.map.set(name.toLowerCase(), columns);
    this.map.set(`${layer}.${name}`.toLowerCase(), columns);
  }
  readonly lookup: TableLookup = (schema, name) => this.map.get((schema ? `${schema}.${name}` : name).toLowerCase());
}

interface ModelFile {
  readonly name: string;
  readonly layer: string;
  readonly sql: string;
}

/** Declares sources, then materializes models in dependency order (retrying those whose inputs come later). */
async function walkModels(oracle: DuckOracle, catalog: Catalog, models: readonly ModelFile[]): Promise<OracleCase[]> {
  const expected = new Map<string, ColumnSchema[] | undefined>();
  let pending = [...models];
  while (pending.length) {
    const next: ModelFile[] = [];
    for (const m of pending) {
      const described = await oracle.describe(m.sql);
      const cols = described && (await oracle.materialize(m.name, m.sql, [m.layer]));
      if (!cols) {
        next.push(m);
        continue;
      }
      expected.set(m.name, described);
      catalog.add(m.name, m.layer, cols);
    }
    if (next.length === pending.length) break;
    pending = next;
  }
  const asts = await oracle.serialize(models.map((m) => m.sql));
  return models.map((m, i) => ({ id: m.name, sql: m.sql, ast: asts[i], expected: expected.get(m.name), lookup: catalog.lookup }));
}

async function declareMappings(oracle: DuckOracle, catalog: Catalog, mappingPaths: readonly string[]): Promise<void> {
  for (const path of mappingPaths) {
    const mapping = loadMapping(path, basename(path)).value;
    if (!mapping) throw new Error(`cannot load mapping ${path}`);
    for (const t of xmlOutputSchemas(mapping)) {
      await oracle.declare(t.table, t.columns, ['bronze']);
      catalog.add(t.table, 'bronze', t.columns);
    }
  }
}

/** Every model of a generated project of `models` models. */
export async function generatedCases(oracle: DuckOracle, models: number, seed: number): Promise<OracleCase[]> {
  const files = generateProject({ models, seed });
  const dir = mkdtempSync(join(tmpdir(), 'lakec-fast-types-'));
  try {
    writeProject(dir, files);
    const catalog = new Catalog();
    await declareMappings(oracle, catalog, [...files.keys()].filter((p) => p.startsWith('mappings/')).map((p) => join(dir, p)));
    const modelFiles = [...files].filter(([p]) => p.endsWith('.sql')).map(([p, sql]) => {
      const parts = p.split('/');
      return { name: basename(p, '.sql'), layer: parts[parts.length - 2]!, sql };
    });
    return await walkModels(oracle, catalog, modelFiles);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Discogs example project's models. */
export async function discogsCases(oracle: DuckOracle): Promise<OracleCase[]> {
  const spec = join(REPO, 'specs/discogs');
  const catalog = new Catalog();
  await declareMappings(oracle, catalog, readdirSync(join(spec, 'mappings')).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(spec, 'mappings', f)));
  const models: ModelFile[] = [];
  for (const layer of ['silver', 'gold']) {
    for (const f of readdirSync(join(spec, 'models', layer)).filter((x) => x.endsWith('.sql')).sort()) {
      models.push({ name: basename(f, '.sql'), layer, sql: readFileSync(join(spec, 'models', layer, f), 'utf8') });
    }
  }
  return walkModels(oracle, catalog, models);
}

/** The queries of lineage-corpus suite `suite` over its schema.json tables. */
export async function corpusCases(oracle: DuckOracle, suite: string): Promise<OracleCase[]> {
  const dir = join(REPO, 'test/lineage-corpus', suite);
  const schema = JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')) as Record<string, Record<string, string>>;
  const catalog = new Catalog();
  for (const [table, cols] of Object.entries(schema)) {
    const columns = Object.entries(cols).map(([name, type]) => ({ name, type }));
    await oracle.declare(table, columns);
    catalog.add(table, 'main', columns);
  }
  const names = readdirSync(join(dir, 'queries')).filter((f) => f.endsWith('.sql')).sort();
  const sqls = names.map((f) => readFileSync(join(dir, 'queries', f), 'utf8'));
  const asts = await oracle.serialize(sqls);
  const cases: OracleCase[] = [];
  for (let i = 0; i < names.length; i++) {
    cases.push({ id: `${suite}/${names[i]}`, sql: sqls[i]!, ast: asts[i], expected: await oracle.describe(sqls[i]!), lookup: catalog.lookup });
  }
  return cases;
}
