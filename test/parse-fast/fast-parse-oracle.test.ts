// The fast parser against DuckDB on real SQL: for every query where fastParseSelect returns a value, its
// JSON must be byte-identical to json_serialize_sql's statements[0]; coverage floors pin how much of each
// suite the fast path takes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastParseSelect } from '../../compiler/parse/fast/fast-parse.js';
import { openOracle, type Oracle } from './duckdb-oracle.js';
import { corpusQueries, discogsModels, generatedModels, withoutHeader } from './sql-files.js';

let oracle: Oracle;
beforeAll(async () => {
  oracle = await openOracle();
});
afterAll(() => oracle.close());

/** Compares every accepted query with DuckDB and returns the share the fast parser accepted. */
async function coverage(label: string, files: [string, string][]): Promise<number> {
  const expected = await oracle.serialize(files.map(([, sql]) => sql));
  let accepted = 0;
  files.forEach(([path, sql], i) => {
    const mine = fastParseSelect(sql);
    if (mine === undefined) return;
    accepted++;
    expect(JSON.stringify(mine), path).toBe(expected[i]);
  });
  console.log(`fast parse ${label}: ${accepted}/${files.length}`);
  return accepted / files.length;
}

describe('fastParseSelect matches DuckDB on real SQL', () => {
  it('parses every model of a generated 300-model project exactly as DuckDB does', async () => {
    const files = generatedModels(300, 11);
    expect(files).toHaveLength(300);
    expect(await coverage('generated', files)).toBe(1);
  });

  it('parses the discogs models, with and without their lakec headers', async () => {
    const files = discogsModels();
    expect(files.length).toBeGreaterThan(0);
    expect(await coverage('discogs', files)).toBe(1);
    expect(await coverage('discogs (headers stripped)', files.map(([p, sql]) => [p, withoutHeader(sql)]))).toBe(1);
  });

  it.each([['tpch', 1], ['tpcds', 1], ['dbt', 1]] as const)('parses the %s lineage corpus (floor %d)', async (suite, floor) => {
    expect(await coverage(suite, corpusQueries(suite))).toBeGreaterThanOrEqual(floor);
  });
});
