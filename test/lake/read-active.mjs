// Test helper: a separate reader process that queries a lake's `active` run with DuckDB in a loop while
// applies promote new runs, and reports what it saw.
//   node test/lake/read-active.mjs <lake-root> <resolved|naive>
// Datasets carry their generation in one column each (MARKER below). Each read takes every dataset of the
// run plus its manifest:
//   resolved  realpath(<lake>/active) once, then the manifest and every dataset through that run folder:
//             the pattern consumers must use (runs are immutable, so everything read is one run);
//   naive     `<lake>/active/...` in every query: each query follows `active` anew.
// A read is consistent when every dataset is present with the row count its manifest gives and all
// datasets hold one and the same generation. Runs until stdin closes, then prints one JSON line:
//   {"reads", "inconsistent", "errors", "generations": [...seen], "datasetTorn", "examples": [...]}
// where datasetTorn counts single dataset reads not made of exactly one generation's rows.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

const [lake, mode] = process.argv.slice(2);
/** The column holding the generation marker, per dataset of the test project. */
const MARKER = { items: 'name', item_tags: 'tag', item_names: 'name', generations: 'name' };

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
let stop = false;
process.stdin.on('data', () => undefined);
process.stdin.on('end', () => (stop = true));

const stats = { reads: 0, inconsistent: 0, errors: 0, generations: new Set(), datasetTorn: 0, examples: [] };
const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

async function readDataset(base, d) {
  const column = MARKER[d.name];
  const glob = join(base, d.layer, d.name, '*.parquet');
  const reader = await db.runAndReadAll(`SELECT count(*)::BIGINT AS n, min(${column}) AS lo, max(${column}) AS hi FROM read_parquet(${sqlString(glob)})`);
  const [row] = reader.getRowObjects();
  return { name: d.name, n: Number(row.n), lo: row.lo, hi: row.hi };
}

async function readOnce() {
  const base = mode === 'resolved' ? realpathSync(join(lake, 'active')) : join(lake, 'active');
  const manifest = JSON.parse(readFileSync(join(base, '_manifest.json'), 'utf8'));
  const seen = [];
  for (const d of manifest.datasets) seen.push({ ...(await readDataset(base, d)), expected: d.rows });
  return { runId: manifest.runId, seen };
}

while (!stop) {
  try {
    const { runId, seen } = await readOnce();
    stats.reads++;
    const gens = new Set(seen.flatMap((s) => [s.lo, s.hi]));
    for (const g of gens) stats.generations.add(g);
    stats.datasetTorn += seen.filter((s) => s.lo !== s.hi).length;
    const problems = [
      ...(seen.length === Object.keys(MARKER).length ? [] : [`${seen.length} datasets`]),
      ...seen.filter((s) => s.n !== s.expected || s.n === 0).map((s) => `${s.name}: ${s.n} rows, manifest says ${s.expected}`),
      ...(gens.size === 1 ? [] : [`generations ${[...gens].join(', ')}`]),
    ];
    if (problems.length) {
      stats.inconsistent++;
      if (stats.examples.length < 5) stats.examples.push(`${runId}: ${problems.join('; ')}`);
    }
  } catch (e) {
    stats.errors++;
    if (stats.examples.length < 5) stats.examples.push(`error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}
db.closeSync();
process.stdout.write(JSON.stringify({ ...stats, generations: [...stats.generations].sort() }) + '\n');
