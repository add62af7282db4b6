// Column lineage through every construct the front end supports, with OpenLineage edge types.
import { describe, expect, it } from 'vitest';
import { lineageOfSql, type SchemaJson } from '../../compiler/index.js';

const SCHEMA: SchemaJson = {
  orders: { order_id: 'BIGINT', customer_id: 'BIGINT', amount: 'DOUBLE', status: 'VARCHAR', ordered_at: 'DATE', tags: 'VARCHAR[]' },
  customers: { customer_id: 'BIGINT', name: 'VARCHAR', country: 'VARCHAR', info: 'STRUCT(city VARCHAR, zip VARCHAR)' },
  payments: { payment_id: 'BIGINT', order_id: 'BIGINT', amount: 'DOUBLE' },
};

type Expect = Record<string, string[]>;
const cases: [string, string, Expect][] = [
  ['bare columns and alias', 'select o.order_id, o.amount as amt from orders o', { order_id: ['orders.order_id'], amt: ['orders.amount'] }],
  ['expression and cast', 'select amount * 2 + customer_id::double as x, status::varchar s from orders', { x: ['orders.amount', 'orders.customer_id'], s: ['orders.status'] }],
  ['CTE chain', 'with a as (select customer_id c, amount from orders), b as (select c, sum(amount) total from a group by c) select * from b', { c: ['orders.customer_id'], total: ['orders.amount'] }],
  ['join with USING', 'select customer_id, name, amount from orders join customers using (customer_id)', { customer_id: ['orders.customer_id'], name: ['customers.name'], amount: ['orders.amount'] }],
  ['FULL OUTER USING coalesces both', 'select customer_id from orders full outer join customers using (customer_id)', { customer_id: ['customers.customer_id', 'orders.customer_id'] }],
  ['NATURAL join star', 'select * from payments natural join orders', { order_id: ['payments.order_id'], amount: ['payments.amount'], payment_id: ['payments.payment_id'], customer_id: ['orders.customer_id'], status: ['orders.status'], ordered_at: ['orders.ordered_at'], tags: ['orders.tags'] }],
  ['star EXCLUDE and REPLACE', 'select * exclude (tags, ordered_at) replace (amount * 100 as amount) from orders', { order_id: ['orders.order_id'], customer_id: ['orders.customer_id'], amount: ['orders.amount'], status: ['orders.status'] }],
  ['qualified star over a join', 'select c.*, o.amount from orders o join customers c on o.customer_id = c.customer_id', { customer_id: ['customers.customer_id'], name: ['customers.name'], country: ['customers.country'], info: ['customers.info'], amount: ['orders.amount'] }],
  ['union of branches', 'select order_id id, amount from orders union all select payment_id, amount from payments', { id: ['orders.order_id', 'payments.payment_id'], amount: ['orders.amount', 'payments.amount'] }],
  ['EXCEPT keeps left values only', 'select order_id from orders except select order_id from payments', { order_id: ['orders.order_id'] }],
  ['CASE: branches direct, condition indirect', "select case when status = 'paid' then amount else 0 end as paid from orders", { paid: ['orders.amount'] }],
  ['window: argument direct only', 'select sum(amount) over (partition by customer_id order by ordered_at) running from orders', { running: ['orders.amount'] }],
  ['count(*) has no direct inputs', 'select customer_id, count(*) n from orders group by all', { customer_id: ['orders.customer_id'], n: [] }],
  ['scalar subquery', 'select order_id, (select max(p.amount) from payments p where p.order_id = o.order_id) best from orders o', { order_id: ['orders.order_id'], best: ['payments.amount'] }],
  ['recursive CTE', 'with recursive r(n, a) as (select 1, amount from orders union all select n + 1, a from r where n < 3) select n, a from r', { n: [], a: ['orders.amount'] }],
  ['unnest and lambda', 'select unnest(tags) tag, list_transform(tags, t -> upper(t) || status) up from orders', { tag: ['orders.tags'], up: ['orders.status', 'orders.tags'] }],
  ['struct field access', 'select c.info.city as city, info.zip as zip from customers c', { city: ['customers.info'], zip: ['customers.info'] }],
  ['lateral column alias', 'select amount * 2 as double_amount, double_amount + 1 as plus_one from orders', { double_amount: ['orders.amount'], plus_one: ['orders.amount'] }],
  ['subquery in FROM with column aliases', 'select x, y from (select order_id, amount from orders) s(x, y)', { x: ['orders.order_id'], y: ['orders.amount'] }],
  ['QUALIFY filters only', 'select order_id from orders qualify row_number() over (partition by customer_id order by amount desc) = 1', { order_id: ['orders.order_id'] }],
  ['CTE shadows a table of the same name', 'with orders as (select payment_id as order_id from payments) select order_id from orders', { order_id: ['payments.payment_id'] }],
  ['COLUMNS regex', "select columns('^(order|customer)_id$') from orders", { order_id: ['orders.order_id'], customer_id: ['orders.customer_id'] }],
  ['VALUES list', 'select v.a from (values (1), (2)) v(a)', { a: [] }],
  ['CREATE TABLE AS names the target', 'create or replace table order_totals as select customer_id, sum(amount) total from orders group by 1', { customer_id: ['orders.customer_id'], total: ['orders.amount'] }],
];

describe('column lineage constructs', () => {
  it.each(cases)('%s', async (_name, sql, expected) => {
    const { lineage, diagnostics } = await lineageOfSql(sql, SCHEMA);
    expect(diagnostics).toEqual([]);
    const got = Object.fromEntries(lineage!.columns.map((c) => [c.name, c.sources]));
    expect(got).toEqual(expected);
  });

  it('classifies edges with the OpenLineage vocabulary', async () => {
    const { lineage } = await lineageOfSql(
      `select o.customer_id, sum(o.amount) as total, max(case when c.country = 'SE' then o.amount end) se_max,
              rank() over (partition by c.country order by sum(o.amount)) rnk
       from orders o join customers c on o.customer_id = c.customer_id
       where o.status <> 'void' group by o.customer_id, c.country order by total desc`, SCHEMA);
    const col = (n: string) => lineage!.columns.find((c) => c.name === n)!;
    const edge = (n: string, src: string) => col(n).edges.filter((e) => e.source === src).map((e) => `${e.type}:${e.subtype}`).sort();
    expect(col('customer_id').kind).toBe('direct');
    expect(edge('customer_id', 'orders.customer_id')).toEqual(['DIRECT:IDENTITY', 'INDIRECT:GROUP_BY', 'INDIRECT:JOIN']);
    expect(edge('total', 'orders.amount')).toEqual(['DIRECT:AGGREGATION', 'INDIRECT:SORT']);
    expect(edge('total', 'orders.status')).toEqual(['INDIRECT:FILTER']);
    expect(edge('total', 'customers.customer_id')).toEqual(['INDIRECT:JOIN']);
    expect(edge('se_max', 'customers.country')).toContain('INDIRECT:CONDITIONAL');
    expect(edge('se_max', 'orders.amount')).toContain('DIRECT:AGGREGATION');
    expect(col('total').kind).toBe('transform');
    expect(edge('rnk', 'customers.country')).toContain('INDIRECT:WINDOW');
    expect(lineage!.sources).toEqual(['customers', 'orders']);
    expect(lineage!.target).toBeNull();
  });

  it('reports syntax errors with position', async () => {
    const { lineage, diagnostics } = await lineageOfSql('select a,\nfrom orders wher x', SCHEMA, 'q.sql');
    expect(lineage).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: 'LK2001', span: { file: 'q.sql', start: { line: 2 } } });
  });
});
