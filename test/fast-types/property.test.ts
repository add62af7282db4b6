// Property tests of the fast inferer: on random typed expressions (operators, casts, CASE, coalesce,
// functions, aggregates, windows) over a table with columns of many types, and on random query shapes
// (joins, USING, stars, CTEs, GROUP BY, set operations), whenever inferColumnsFast answers it equals
// DuckDB's DESCRIBE (so DuckDB binds the query too); on garbage ASTs it never throws.
// Fixed seeds; FT_SEED / FT_RUNS override them to explore further.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { inferColumnsFast, type TableLookup } from '../../compiler/check/fast-types/infer-fast.js';
import { DuckOracle } from './support/duckdb-oracle.js';
import { PROPERTY_TABLE, propertyQuery } from './support/sql-expressions.js';
import { SCOPE_TABLES, scopeQuery } from './support/sql-queries.js';

const columns = PROPERTY_TABLE.map(([name, type]) => ({ name, type }));
const lookup: TableLookup = (schema, name) => (schema !== '' ? undefined : name.toLowerCase() === 't' ? columns : SCOPE_TABLES[name.toLowerCase()]);

let oracle: DuckOracle;
beforeAll(async () => {
  oracle = await DuckOracle.open();
  await oracle.declare('t', columns);
  for (const [name, cols] of Object.entries(SCOPE_TABLES)) await oracle.declare(name, cols);
});
afterAll(() => oracle.close());

test('whenever inferColumnsFast answers a random query, DuckDB DESCRIBE agrees', async () => {
  let answered = 0;
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(propertyQuery, async (sql) => {
      runs++;
      const [ast] = await oracle.serialize([sql]);
      if (ast === undefined) return;
      const fast = inferColumnsFast(ast, lookup);
      if (!fast) return;
      answered++;
      expect({ sql, columns: fast }).toEqual({ sql, columns: await oracle.describe(sql) });
    }),
    { seed: Number(process.env['FT_SEED'] ?? 20260311), numRuns: Number(process.env['FT_RUNS'] ?? 1500) },
  );
  process.stdout.write(`property: answered ${answered}/${runs} random queries\n`);
  expect(answered / runs).toBeGreaterThan(0.3);
});

test('whenever inferColumnsFast answers a random query shape (joins, USING, stars, CTEs, GROUP BY, set operations), DuckDB agrees', async () => {
  let answered = 0;
  const runs = Number(process.env['FT_RUNS'] ?? 2500);
  await fc.assert(
    fc.asyncProperty(scopeQuery, async (sql) => {
      const [ast] = await oracle.serialize([sql]);
      if (ast === undefined) return;
      const fast = inferColumnsFast(ast, lookup);
      if (!fast) return;
      answered++;
      expect({ sql, columns: fast }).toEqual({ sql, columns: await oracle.describe(sql) });
    }),
    { seed: Number(process.env['FT_SEED'] ?? 99), numRuns: runs },
  );
  process.stdout.write(`scope property: answered ${answered}/${runs} random queries\n`);
  expect(answered / runs).toBeGreaterThan(0.04);
});

test('garbage never makes inferColumnsFast throw', async () => {
  const [real] = await oracle.serialize(['SELECT i + 1 AS a, sum(m) OVER (PARTITION BY v) AS b, CASE WHEN x THEN v END AS c FROM t WHERE dt > DATE \'2020-01-01\'']);
  const mutate = (value: unknown, path: readonly number[], replacement: unknown): unknown => {
    if (!path.length || value === null || typeof value !== 'object') return replacement;
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    if (!entries.length) return replacement;
    const at = path[0]! % entries.length;
    const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, unknown>;
    copy[entries[at]![0]] = mutate(entries[at]![1], path.slice(1), replacement);
    return copy;
  };
  fc.assert(
    fc.property(fc.oneof(fc.anything(), fc.tuple(fc.array(fc.nat(), { maxLength: 12 }), fc.anything()).map(([p, r]) => mutate(real, p, r))), (ast) => {
      const out = inferColumnsFast(ast, lookup);
      expect(out === undefined || Array.isArray(out)).toBe(true);
      const throwing: TableLookup = () => {
        throw new Error('lookup failed');
      };
      expect(inferColumnsFast(ast, throwing)).toBeUndefined();
    }),
    { seed: 7, numRuns: 2000 },
  );
});
