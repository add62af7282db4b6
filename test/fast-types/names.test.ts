// Output names: bare columns keep their declared spelling, unaliased expressions are named after their SQL
// text with DuckDB's identifier quoting. Random unaliased select items over columns with awkward names
// (keywords, capitals, spaces): whenever inferColumnsFast answers, the names and types equal DESCRIBE's.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { inferColumnsFast, type TableLookup } from '../../compiler/check/fast-types/infer-fast.js';
import { DuckOracle } from './support/duckdb-oracle.js';

const COLUMNS = [
  { name: 'i', type: 'INTEGER' }, { name: 'Name', type: 'VARCHAR' }, { name: 'select', type: 'INTEGER' },
  { name: 'x y', type: 'DOUBLE' }, { name: 'Mixed', type: 'DECIMAL(15,2)' }, { name: 'v', type: 'VARCHAR' },
  { name: 'dt', type: 'DATE' }, { name: 'year', type: 'INTEGER' },
];
const lookup: TableLookup = (schema, name) => (schema === '' && name.toLowerCase() === 'n' ? COLUMNS : undefined);

const column = fc.constantFrom('i', 'I', 'n.i', '"Name"', 'name', '"select"', '"x y"', 'mixed', '"Mixed"', 'v', 'dt', '"year"', 'N.v');
const constant = fc.constantFrom('1', '-5', '3000000000', "'a'", "'it''s'", '1.5');
const scalar: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    column,
    constant,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '//', '%'), tie('e')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(fc.constantFrom('abs', 'round', 'upper', 'lower', 'length', 'year', 'left', 'coalesce'), tie('e')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `round(${a}, ${b})`),
  ),
})).e;
const item = fc.oneof(
  scalar,
  fc.tuple(fc.constantFrom('sum', 'max', 'min', 'avg', 'count', 'first', 'any_value'), fc.boolean(), scalar).map(([f, d, a]) => `${f}(${d ? 'DISTINCT ' : ''}${a})`),
  fc.constant('count(*)'),
);

let oracle: DuckOracle;
beforeAll(async () => {
  oracle = await DuckOracle.open();
  await oracle.declare('n', COLUMNS);
});
afterAll(() => oracle.close());

test('unaliased select items are named as DESCRIBE names them', async () => {
  let answered = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 3 }), fc.boolean(), async (items, grouped) => {
      const sql = `SELECT ${items.join(', ')} FROM n${grouped ? ' GROUP BY ALL' : ''}`;
      const [ast] = await oracle.serialize([sql]);
      const fast = ast === undefined ? undefined : inferColumnsFast(ast, lookup);
      if (!fast) return;
      answered++;
      expect({ sql, columns: fast }).toEqual({ sql, columns: await oracle.describe(sql) });
    }),
    { seed: Number(process.env['FT_SEED'] ?? 424242), numRuns: 600 },
  );
  process.stdout.write(`names: answered ${answered}/600\n`);
  expect(answered).toBeGreaterThan(150);
});

test('DESCRIBE keeps duplicate names; subquery columns are de-duplicated as a_1, a_2', async () => {
  for (const sql of [
    'SELECT i, i, "Name" AS i FROM n',
    'SELECT * FROM (SELECT i AS a, v AS a, dt AS a_1, 1 AS A) AS s',
    'WITH c AS (SELECT i, i FROM n) SELECT * FROM c',
    'SELECT * FROM n AS a JOIN n AS b USING (i)',
    'SELECT n.*, m.* FROM n, n AS m',
  ]) {
    const [ast] = await oracle.serialize([sql]);
    expect({ sql, columns: inferColumnsFast(ast, lookup) }).toEqual({ sql, columns: await oracle.describe(sql) });
  }
});
