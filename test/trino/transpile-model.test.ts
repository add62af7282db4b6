// transpileModelSql: each DuckDB construct the translator maps, the Trino text it prints (which must
// parse with the Trino grammar), and the constructs it refuses with the construct named.
import { afterAll, describe, expect, it } from 'vitest';
import { transpileModelSql, type PlanDataset, type TranspileResult } from '../../compiler/index.js';
import { openParser } from '../../compiler/parse/open-parser.js';
import { trinoGrammarError } from './trino-grammars.js';

const DATASETS: PlanDataset[] = [
  {
    name: 't', layer: 'bronze', pipeline: 'p', step: 'p.src', columns: [
      { name: 'a', type: 'INTEGER' }, { name: 'b', type: 'VARCHAR' }, { name: 'd', type: 'DATE' }, { name: 'x', type: 'DOUBLE' },
      { name: 'm', type: 'DECIMAL(10,2)' }, { name: 'ts', type: 'TIMESTAMP' }, { name: 'l', type: 'VARCHAR[]' }, { name: 'tz', type: 'TIMESTAMP WITH TIME ZONE' },
    ],
  },
  { name: 'u', layer: 'silver', pipeline: 'p', step: 'p.u', columns: [{ name: 'id', type: 'INTEGER' }, { name: 'v', type: 'VARCHAR' }] },
];

const parser = openParser();
afterAll(() => parser.close());

async function translate(sql: string, outputColumns?: string[]): Promise<TranspileResult> {
  return transpileModelSql(sql, DATASETS, { parser, ...(outputColumns ? { outputColumns } : {}) });
}

async function ok(sql: string, outputColumns?: string[]): Promise<string> {
  const r = await translate(sql, outputColumns);
  if (!r.ok) throw new Error(`refused ${r.construct}: ${r.reason}`);
  expect(trinoGrammarError(r.sql), r.sql).toBeUndefined();
  return r.sql;
}

describe('transpileModelSql: what is translated', () => {
  it.each([
    ['a // 2', 'a / 2'],
    ['a / 2', 'CAST(a AS DOUBLE) / 2'],
    ['m / a', 'CAST(m AS DOUBLE) / a'],
    ['x / 2', 'x / 2'],
    ['(a + 1) * 2', '(a + 1) * 2'],
    ['a - (1 - a)', 'a - (1 - a)'],
    ['-(-a)', '-(-a)'],
    ['a::BIGINT', 'CAST(a AS BIGINT)'],
    ['CAST(b AS DECIMAL(10, 2))', 'CAST(b AS DECIMAL(10,2))'],
    ['true AND NOT false', 'TRUE AND NOT FALSE'],
    ['1e3 + 0.25', '1E3 + 0.25'],
    ["'it''s'", "'it''s'"],
    ["b LIKE 'x%' OR b NOT LIKE '%y'", "b LIKE 'x%' OR b NOT LIKE '%y'"],
    ['a BETWEEN 1 AND 12', 'a BETWEEN 1 AND 12'],
    ["a IN (1, 2) AND b IS NOT NULL", 'a IN (1, 2) AND b IS NOT NULL'],
    ['coalesce(b, nullif(b, \'\'))', "coalesce(b, nullif(b, ''))"],
    ['concat(a, b, \'!\')', "concat(coalesce(CAST(a AS VARCHAR), ''), coalesce(b, ''), '!')"],
    ["concat_ws('-', a, b)", "concat_ws('-', CAST(a AS VARCHAR), b)"],
    ['trim(b)', "trim(BOTH ' ' FROM b)"],
    ['rtrim(b)', "trim(TRAILING ' ' FROM b)"],
    ["split_part(b, ':', 2)", "coalesce(split_part(b, ':', 2), CASE WHEN b IS NOT NULL THEN '' END)"],
    ["regexp_matches(b, '\\d+$')", "regexp_like(b, '[0-9]+\\z')"],
    ["regexp_full_match(b, 'a.c')", "regexp_like(b, '^(?:a[^\\n]c)\\z')"],
    ["regexp_replace(b, '\\s+', ' ', 'g')", "regexp_replace(b, '[\\t\\n\\f\\r ]+', ' ')"],
    ["regexp_replace(b, ' \\(\\d+\\)$', '')", "regexp_replace(b, ' \\([0-9]+\\)\\z', '')"],
    ['year(d) + month(ts) + day(d) + quarter(d)', 'year(d) + month(ts) + day(d) + quarter(d)'],
    ['isodow(d)', 'day_of_week(d)'],
    ['dayofmonth(last_day(d))', 'day_of_month(last_day_of_month(d))'],
    ['dayname(d)', "date_format(CAST(d AS TIMESTAMP), '%W')"],
    ['monthname(ts)', "date_format(CAST(ts AS TIMESTAMP), '%M')"],
    ['make_date(a, 1, 1)', "CASE WHEN a IS NULL THEN NULL ELSE from_iso8601_date(format('%04d-%02d-%02d', a, 1, 1)) END"],
    ['round(m, 1)', 'round(m, 1)'],
    ["CASE WHEN a > 1 THEN 'x' END", "CASE WHEN a > 1 THEN 'x' END"],
    ['count(*) FILTER (WHERE a > 1)', 'count(*) FILTER (WHERE a > 1)'],
    ['count(DISTINCT b)', 'count(DISTINCT b)'],
    ['avg(m)', 'avg(CAST(m AS DOUBLE))'],
    ['array_agg(DISTINCT b ORDER BY b)', 'array_agg(DISTINCT b ORDER BY b)'],
    ["string_agg(b, ', ' ORDER BY a DESC)", "array_join(array_agg(b ORDER BY a DESC) FILTER (WHERE b IS NOT NULL), ', ')"],
    ["string_agg(concat(b, '!'), '')", "array_join(array_agg(concat(coalesce(b, ''), '!')), '')"],
    ['row_number() OVER (PARTITION BY b ORDER BY a DESC NULLS FIRST)', 'row_number() OVER (PARTITION BY b ORDER BY a DESC NULLS FIRST)'],
    ['lag(a, 2, 0) OVER (ORDER BY a)', 'lag(a, 2, 0) OVER (ORDER BY a)'],
    ['sum(a) OVER (ORDER BY a ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)', 'sum(a) OVER (ORDER BY a ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)'],
    ['count(DISTINCT a) OVER (PARTITION BY b)', 'cardinality(filter(array_distinct(array_agg(a) OVER (PARTITION BY b)), v -> v IS NOT NULL))'],
    ['a IN (SELECT id FROM u)', 'a IN (SELECT id FROM hive.silver.u AS u)'],
  ])('%s -> %s', async (expr, trino) => {
    const sql = await ok(`SELECT ${expr} AS r FROM t`);
    expect(sql).toBe(`SELECT\n  ${trino} AS r\nFROM hive.bronze.t AS t`);
  });

  it('names datasets <catalog>.<layer>.<name> and keeps CTE names', async () => {
    const sql = await ok('WITH c AS (SELECT a FROM t AS x) SELECT c.a, u.v FROM c JOIN u ON u.id = c.a LEFT JOIN t ON t.a = c.a');
    expect(sql).toBe([
      'WITH', '  c AS (', '    SELECT', '      a', '    FROM hive.bronze.t AS x', '  )',
      'SELECT', '  c.a,', '  u.v', 'FROM c', 'JOIN hive.silver.u AS u ON u.id = c.a', 'LEFT JOIN hive.bronze.t AS t ON t.a = c.a',
    ].join('\n'));
    const other = await transpileModelSql('SELECT a FROM t', DATASETS, { parser, catalog: 'lake' });
    expect(other.ok && other.sql).toContain('FROM lake.bronze.t AS t');
  });

  it('names an unaliased computed output column after the catalog', async () => {
    expect(await ok('SELECT a, a + 1 FROM t', ['a', 'a_plus_one'])).toBe('SELECT\n  a,\n  a + 1 AS a_plus_one\nFROM hive.bronze.t AS t');
  });

  it('turns a select-list unnest into CROSS JOIN UNNEST', async () => {
    expect(await ok("SELECT b, CAST(unnest(generate_series(d, d + 7, INTERVAL 1 DAY)) AS DATE) AS day FROM t WHERE a > 0 ORDER BY day")).toBe([
      'SELECT', '  b,', '  CAST(lakec_unnest_1.value AS DATE) AS day', 'FROM hive.bronze.t AS t',
      "CROSS JOIN UNNEST(sequence(CAST(d AS TIMESTAMP(6)), CAST(d + 7 AS TIMESTAMP(6)), INTERVAL '1' DAY)) AS lakec_unnest_1 (value)",
      'WHERE a > 0', 'ORDER BY day',
    ].join('\n'));
  });

  it('moves an uncorrelated aggregate scalar subquery of WHERE into FROM, and leaves a correlated one', async () => {
    expect(await ok('SELECT a FROM t WHERE a > (SELECT max(id) FROM u WHERE v IS NOT NULL)')).toBe([
      'SELECT', '  a', 'FROM hive.bronze.t AS t',
      'CROSS JOIN (SELECT max(id) AS lakec_scalar_value FROM hive.silver.u AS u WHERE v IS NOT NULL) AS lakec_scalar_1',
      'WHERE a > lakec_scalar_1.lakec_scalar_value',
    ].join('\n'));
    expect(await ok('SELECT a FROM t WHERE a > (SELECT max(id) FROM u WHERE u.id < t.a)')).toContain('WHERE a > (SELECT max(id) FROM hive.silver.u AS u WHERE u.id < t.a)');
  });

  it('prints UNION ALL chains flat and set operations with their ORDER BY', async () => {
    expect(await ok('SELECT a FROM t UNION ALL SELECT id FROM u UNION ALL SELECT 1 ORDER BY 1')).toBe([
      'SELECT', '  a', 'FROM hive.bronze.t AS t', 'UNION ALL', 'SELECT', '  id', 'FROM hive.silver.u AS u', 'UNION ALL', 'SELECT', '  1', 'ORDER BY 1',
    ].join('\n'));
  });

  it('quotes identifiers Trino reserves', async () => {
    expect(await ok('SELECT d AS "date", a AS "order", b AS "Mixed" FROM t')).toBe('SELECT\n  d AS "date",\n  a AS "order",\n  b AS "Mixed"\nFROM hive.bronze.t AS t');
  });
});

describe('transpileModelSql: what is refused, naming the construct', () => {
  it.each([
    ['SELECT a FROM t QUALIFY row_number() OVER (ORDER BY a) = 1', 'QUALIFY'],
    ['SELECT b, count(*) FROM t GROUP BY ALL', 'GROUP BY ALL'],
    ['SELECT b, count(*) FROM t GROUP BY ROLLUP (b)', 'GROUPING SETS, ROLLUP or CUBE'],
    ['SELECT * EXCLUDE (a) FROM t', '* with EXCLUDE, REPLACE or RENAME'],
    ['SELECT COLUMNS(\'a\') FROM t', 'COLUMNS(…)'],
    ['SELECT DISTINCT ON (a) a FROM t', 'DISTINCT ON'],
    ['SELECT list_sort(l) FROM t', 'function "list_sort"'],
    ["SELECT strftime(d, '%Y') FROM t", 'function "strftime"'],
    ["SELECT regexp_replace(b, 'x', '') FROM t", "regexp_replace without the 'g' option"],
    ["SELECT regexp_matches(b, '\\bx') FROM t", "regular expression '\\bx'"],
    ["SELECT ltrim(b, 'x') FROM t", 'ltrim with characters'],
    ['SELECT x::INTEGER FROM t', 'CAST of a floating-point value to INTEGER'],
    ['SELECT round(x, 2) FROM t', 'round of a floating value'],
    ['SELECT concat(x, b) FROM t', 'DOUBLE argument of concat'],
    ['SELECT x // 2 FROM t', 'operator //'],
    ['SELECT year(tz) FROM t', 'year of a non-DATE, non-TIMESTAMP value'],
    ["SELECT d + INTERVAL '1 day' FROM t", 'type "INTERVAL"'],
    ['SELECT a FROM t NATURAL JOIN u', 'NATURAL join'],
    ["SELECT * FROM read_parquet('x.parquet')", 'table function in FROM'],
    ['SELECT a FROM t ASOF JOIN u ON u.id >= t.a', 'ASOF join'],
    ['SELECT b ILIKE \'x\' FROM t', 'operator ~~*'],
    ['WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r', 'WITH RECURSIVE'],
    ['SELECT unnest(l), unnest(l) FROM t', 'several unnest calls in one select list'],
    ['SELECT unnest(l), count(*) FROM t', 'unnest in an aggregating or windowed SELECT'],
    ['SELECT sum(DISTINCT a) OVER () FROM t', 'sum(DISTINCT …) OVER'],
    ['SELECT a FROM t UNION BY NAME SELECT id AS a FROM u', 'UNION BY NAME'],
  ])('%s', async (sql, construct) => {
    const r = await translate(sql);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.construct).toBe(construct);
  });

  it('points at the refused construct', async () => {
    const sql = 'SELECT a,\n  list_sort(l) AS s FROM t';
    const r = await translate(sql);
    expect(r.ok ? undefined : r.offset).toBe(sql.indexOf('list_sort'));
  });

  it('refuses a division whose operand types are unknown', async () => {
    const r = await transpileModelSql('SELECT a / 2 FROM unknown_table', DATASETS, { parser });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.construct}: ${r.reason}`).toMatch(/operator \/: the type of an operand is unknown/);
  });
});
