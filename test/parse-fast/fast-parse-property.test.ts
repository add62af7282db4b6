// The fast parser against DuckDB on random queries: whenever fastParseSelect returns a value, it must be
// exactly what json_serialize_sql produces. Queries come from sql-arbitrary.ts with random keyword case,
// whitespace, comments and parenthesization; a fixed seed keeps runs reproducible.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastParseSelect } from '../../compiler/parse/fast/fast-parse.js';
import { openOracle, type Oracle } from './duckdb-oracle.js';
import { exprQuery, query, render, type Node } from './sql-arbitrary.js';

let oracle: Oracle;
beforeAll(async () => {
  oracle = await openOracle();
});
afterAll(() => oracle.close());

/**
 * Samples `runs` rendered queries and compares each one the fast parser accepts with DuckDB. Returns how
 * many DuckDB parsed and how many of those the fast parser accepted.
 */
async function checkAgainstDuckDb(arb: fc.Arbitrary<Node>, seed: number, runs: number): Promise<{ valid: number; accepted: number }> {
  const sqls = fc.sample(fc.tuple(arb, fc.integer()), { seed, numRuns: runs }).map(([node, style]) => render(node, style));
  const expected = await oracle.serialize(sqls);
  let valid = 0;
  let accepted = 0;
  sqls.forEach((sql, i) => {
    if (expected[i] !== undefined) valid++;
    const mine = fastParseSelect(sql);
    if (mine === undefined) return;
    accepted++;
    expect(JSON.stringify(mine), sql).toBe(expected[i]);
  });
  return { valid, accepted };
}

describe('fastParseSelect matches DuckDB on generated SQL', () => {
  it('random queries (CTEs, set operations, joins, grouping, windows, stars)', async () => {
    const { valid, accepted } = await checkAgainstDuckDb(query, 20240601, 300);
    expect(accepted).toBeGreaterThan(valid * 0.4);
  });

  it('random scalar expressions', async () => {
    const { valid, accepted } = await checkAgainstDuckDb(exprQuery, 7, 600);
    expect(accepted).toBeGreaterThan(valid * 0.6);
  });
});
