// Properties: consistently renaming a CTE or an alias, reordering independent CTEs, or reformatting
// (whitespace, keyword case, comments) never changes lineage or inferred types.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineageOfSql, type QueryLineage, type SchemaJson } from '../../compiler/index.js';

const SCHEMA: SchemaJson = {
  orders: { order_id: 'BIGINT', customer_id: 'BIGINT', amount: 'DOUBLE', status: 'VARCHAR' },
  customers: { customer_id: 'BIGINT', name: 'VARCHAR', country: 'VARCHAR' },
};

/** Queries written with single spaces between tokens; CTE names and aliases are the words in `names`. */
const QUERIES: { sql: string; names: string[]; ctes?: [string, string] }[] = [
  {
    sql: "with paid as ( select customer_id , sum ( amount ) as total from orders where status = 'paid' group by customer_id ) , people as ( select customer_id , upper ( name ) as who , country from customers ) select p . who , p . country , paid . total , rank ( ) over ( partition by p . country order by paid . total desc ) as rnk from paid join people p on p . customer_id = paid . customer_id",
    names: ['paid', 'people', 'p'],
    ctes: ["paid as ( select customer_id , sum ( amount ) as total from orders where status = 'paid' group by customer_id )", 'people as ( select customer_id , upper ( name ) as who , country from customers )'],
  },
  {
    sql: 'select c . name , o . n from customers c left join ( select customer_id , count ( * ) as n from orders group by all ) o using ( customer_id ) order by o . n desc',
    names: ['c', 'o'],
  },
  {
    sql: "with a as ( select order_id , amount from orders ) , b as ( select customer_id , country from customers ) select a . order_id , case when a . amount > 10 then a . amount else 0 end as big , b . country from a , b where a . order_id = b . customer_id",
    names: ['a', 'b'],
    ctes: ['a as ( select order_id , amount from orders )', 'b as ( select customer_id , country from customers )'],
  },
];

const KEYWORDS = new Set(['with', 'as', 'select', 'from', 'where', 'group', 'by', 'join', 'left', 'on', 'using', 'order', 'desc', 'over', 'partition', 'case', 'when', 'then', 'else', 'end', 'all']);
const SEPARATORS = [' ', '  ', '\n', '\t', '\n    ', ' /* note */ ', ' -- note\n'];

async function lineage(sql: string): Promise<QueryLineage> {
  const r = await lineageOfSql(sql, SCHEMA);
  expect(r.diagnostics).toEqual([]);
  return r.lineage!;
}

function renameWord(sql: string, from: string, to: string): string {
  return sql.split(' ').map((t) => (t === from ? to : t)).join(' ');
}

describe('lineage invariances', () => {
  it.each(QUERIES.map((q, i) => [i, q] as const))('query %i: reformatting never changes lineage or types', async (_i, q) => {
    const base = await lineage(q.sql);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(SEPARATORS.length - 1), { minLength: 200, maxLength: 200 }), fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }), async (seps, upper) => {
        const tokens = q.sql.split(' ');
        const text = tokens.map((t, i) => (KEYWORDS.has(t) && upper[i % 200] ? t.toUpperCase() : t)).reduce((acc, t, i) => (i === 0 ? t : acc + SEPARATORS[seps[i % 200]!]! + t), '');
        expect(await lineage(text + '\n')).toEqual(base);
      }),
      { numRuns: 8, seed: 101 },
    );
  });

  it.each(QUERIES.map((q, i) => [i, q] as const))('query %i: consistent renaming of CTEs and aliases never changes lineage', async (_i, q) => {
    const base = await lineage(q.sql);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...q.names), fc.stringMatching(/^[a-z][a-z_]{2,8}$/), async (name, fresh) => {
        fc.pre(!KEYWORDS.has(fresh) && !['orders', 'customers', 'amount', 'status', 'name', 'country', 'total', 'who', 'big', 'rnk', 'n'].includes(fresh) && !fresh.includes('_id') && !q.names.includes(fresh));
        expect(await lineage(renameWord(q.sql, name, `x_${fresh}`))).toEqual(base);
      }),
      { numRuns: 8, seed: 202 },
    );
  });

  it.each(QUERIES.filter((q) => q.ctes).map((q, i) => [i, q] as const))('query %i: reordering independent CTEs never changes lineage', async (_i, q) => {
    const [first, second] = q.ctes!;
    const swapped = q.sql.replace(`${first} , ${second}`, `${second} , ${first}`);
    expect(swapped).not.toBe(q.sql);
    expect(await lineage(swapped)).toEqual(await lineage(q.sql));
  });
});
