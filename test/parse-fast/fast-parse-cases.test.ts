// Table-driven cases for the fast parser: constructs it must take (and reproduce exactly as DuckDB's
// json_serialize_sql does) and constructs it must leave to DuckDB. One line per construct, so a diff in
// this file is a diff in the supported subset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastParseSelect } from '../../compiler/parse/fast/fast-parse.js';
import { openOracle, type Oracle } from './duckdb-oracle.js';

const ACCEPTED: readonly string[] = [
  // literals and their types
  'SELECT 1, 2147483647, 2147483648, 9223372036854775807, 007, 0, -0',
  'SELECT 1.5, 0.50, 00.5, .5, 1., 10.00, 123456789012345678.5, 1e3, 2.5E-2',
  'SELECT 9223372036854775808, -9223372036854775809, 170141183460469231731687303715884105727, -170141183460469231731687303715884105727',
  'SELECT 1234567890123456789.5, -0.0000000000000000000001, 12345678901234567890123456789012345678.5, 123456789012345678901234567890123456789.5',
  'SELECT -1, - 1, -(1), -(-(1)), - -1.5, -2147483648, -2147483649, -(2147483648), -1::INT, -a, - \'x\', -NULL, +1',
  "SELECT 'it''s', '', 'é', '😀' AS e, 'a\\s+', NULL, TRUE, false",
  "SELECT DATE '1998-12-01', TIMESTAMP '2020-01-01', TIME '10:00', date '2001-02-03'",
  "SELECT INTERVAL '1 day', INTERVAL '3' DAY, INTERVAL 60 days, INTERVAL 1 month, INTERVAL 2 quarter, INTERVAL 5 hour, INTERVAL 1 second",
  // names
  'SELECT a, T.Col, s.t.c, "Quoted""x", "select", Year, t.Year, t.order, position FROM Sch.Tbl AS T',
  'SELECT a AS x, b y, c AS "Z z", d AS \'lbl\', e AS select, f AS Order, g "q" FROM t',
  // operators and precedence
  'SELECT 1+2*3, a-b-c, a||b||c, a // b + c, a + b // c, a || b + c, a ^ b * c, a ^ b ^ c, -a ^ b, a % b * c, a ** b',
  'SELECT a=b, a<>b, a!=b, a<b, a<=b, a>=b, a>b, a = b IS NULL, a LIKE b = c, a BETWEEN b AND c = d, a IN (1) = b',
  'SELECT a AND b AND c, a OR b AND c, (a OR b) OR c, a AND (b AND c), (a AND b) AND (c AND d), (a OR b) AND c AND d',
  'SELECT NOT a, NOT a = b, NOT (a < b), NOT NOT (a >= b), NOT (x IN (1)), NOT (a IS DISTINCT FROM b), NOT (a LIKE b), a = NOT b',
  'SELECT a IS NULL, a IS NOT NULL, a ISNULL, a NOTNULL, a IS NULL IS NULL, a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b',
  "SELECT x IN (1, 2), x NOT IN ('a'), NOT x IN (1), x BETWEEN 1 AND 2, x NOT BETWEEN -1 AND 2 + 3, x LIKE 'a%', x NOT LIKE 'b', x ILIKE 'c', x NOT ILIKE 'd'",
  // CASE, casts
  "SELECT CASE WHEN a THEN 1 ELSE 2 END, CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' END, CASE WHEN a IS NULL OR a = '' THEN 0 ELSE 1 END",
  'SELECT a::INT, a::BIGINT, a::DOUBLE, a::VARCHAR, a::TEXT, a::DECIMAL(10,2), a::NUMERIC, a::decimal(18), a::DATE, a::TIMESTAMP, a::BOOLEAN',
  'SELECT a::FLOAT, a::REAL, a::SMALLINT, a::TINYINT, a::HUGEINT, a::VARCHAR(10), a::STRING, a::int4, a::DOUBLE PRECISION, a::UUID',
  'SELECT a::TIMESTAMPTZ, a::TIMESTAMP WITH TIME ZONE, a::INTERVAL, a::date::varchar, CAST(a AS INT), TRY_CAST(a AS DATE), -a::int',
  // functions
  "SELECT count(*), COUNT(*), count(DISTINCT x), string_agg(DISTINCT x, ', '), sum(*), count()",
  "SELECT string_agg(x, ',' ORDER BY y DESC), array_agg(DISTINCT x ORDER BY x), count(*) FILTER (WHERE a > 1), sum(x) FILTER (b)",
  'SELECT upper(x), Upper(x), left(s, 2), right(s, 1), replace(s, \'a\', \'b\'), year(d), first(x), greatest(a, b)',
  'SELECT coalesce(a, b, c), nullif(a, b), if(a, b, c), ifnull(a, b), regexp_replace(x, \'\\s+\', \' \', \'g\')',
  "SELECT extract(year FROM d), extract(DOW FROM d), extract('Month' FROM d), extract(years FROM d)",
  "SELECT substring(s, 1, 2), substring(s FROM 2), substring(s FROM 1 FOR 2), trim(s), trim(s, 'x'), position('a' IN s)",
  // windows
  'SELECT row_number() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST), rank() OVER (ORDER BY c), count(*) OVER ()',
  'SELECT lag(v) OVER (ORDER BY o), lead(v, 2, 0) OVER (PARTITION BY k), nth_value(v, 2) OVER (), first_value(v IGNORE NULLS) OVER ()',
  'SELECT avg(v) OVER (PARTITION BY k ORDER BY o ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), sum(v) OVER (ORDER BY o ROWS UNBOUNDED PRECEDING)',
  'SELECT sum(v) OVER (ORDER BY o RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), sum(DISTINCT v) FILTER (WHERE v > 0) OVER ()',
  // subqueries
  'SELECT (SELECT 1), ((SELECT 2)), ((SELECT 1) + 1), EXISTS (SELECT 2), x IN (SELECT 3), x NOT IN (SELECT 4), NOT EXISTS (SELECT 5)',
  'SELECT x IN ((SELECT 1)), x IN ((SELECT 1), 2), (SELECT 1 UNION SELECT 2)',
  // select list
  'SELECT DISTINCT a FROM t',
  'SELECT DISTINCT ON (a, b) a, b, c FROM t',
  'SELECT ALL a, b, FROM t',
  'SELECT *, t.*, "T".* FROM t',
  'SELECT * EXCLUDE (a, b), t.* REPLACE (a::INT AS a), * EXCLUDE c FROM t',
  'SELECT * EXCLUDE (zeta, Alpha, mid, b10, b9) REPLACE (1 AS zz, 2 AS aa, 3 AS Mm) FROM t',
  // FROM
  'SELECT * FROM a AS x LEFT JOIN b y ON x.k = y.k JOIN c USING (k, j) CROSS JOIN d, e',
  'SELECT * FROM a INNER JOIN b ON true RIGHT OUTER JOIN c ON 1 = 1 FULL JOIN d ON x FULL OUTER JOIN e USING (k) LEFT OUTER JOIN f ON y',
  'SELECT * FROM (SELECT 1) AS s(a, b), (SELECT 2) q, (SELECT 3), main.t, db.main.t AS x(p)',
  // clauses
  'SELECT a, sum(b) FROM t WHERE c > 0 GROUP BY a, 2 HAVING sum(b) > 1 QUALIFY row_number() OVER (PARTITION BY a ORDER BY b) = 1',
  "SELECT 1 FROM t GROUP BY a, A, lower(a), LOWER(A), t.a, T.A, 'x', 'X', NULL, NULL",
  'SELECT 1 FROM t GROUP BY ROLLUP (a, b), c',
  'SELECT a FROM t GROUP BY ALL',
  'SELECT grouping(a, b), grouping_id(a) FROM t GROUP BY ROLLUP (a, b)',
  'SELECT a FROM t ORDER BY 1 ASC NULLS FIRST, 2 NULLS LAST, 3 DESC LIMIT 1',
  'SELECT a FROM t ORDER BY ALL DESC LIMIT 2 + 3 OFFSET 1',
  'SELECT a FROM t LIMIT ALL',
  'SELECT a FROM t OFFSET 3 LIMIT 2',
  // set operations
  'SELECT 1 UNION ALL SELECT 2 UNION SELECT 3 ORDER BY 1',
  'SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5',
  'SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7',
  '(SELECT 1 UNION SELECT 2) UNION SELECT 3',
  '(SELECT 1 UNION SELECT 2 ORDER BY 1) UNION SELECT 3',
  'SELECT 1 EXCEPT SELECT 2 EXCEPT SELECT 3 INTERSECT SELECT 4',
  'SELECT 1 AS a UNION BY NAME SELECT 2 AS a UNION ALL BY NAME SELECT 3 UNION ALL BY NAME SELECT 4 UNION SELECT 5',
  'SELECT * REPLACE (1 AS zz, 2 AS aa, 3 AS Mm) FROM t JOIN u ON true UNION SELECT * REPLACE (1 AS zz, 2 AS aa, 3 AS Mm) FROM t UNION SELECT 1',
  // WITH
  'WITH a AS (SELECT 1), b(x, y) AS (SELECT 2, 3) SELECT DISTINCT x FROM a ORDER BY x DESC NULLS LAST, y LIMIT 10 OFFSET 5',
  'WITH u AS (SELECT 1 UNION ALL SELECT 2) SELECT * FROM u UNION SELECT 3',
  // trivia
  "-- lakec: description=x\n/* a /* nested */ block */ SELECT a -- trailing\n FROM t ; ;",
  "SELECT 'é€😀' AS s, x /* ü */ FROM t",
];

const DECLINED: readonly string[] = [
  '', '   ', '-- only a comment', ';', 'SELECT 1; SELECT 2', 'SELECT FROM WHERE', 'SELECT a FROM', 'SELECT (a', 'SELECT 1 +',
  'INSERT INTO t VALUES (1)', 'VALUES (1)', 'FROM t SELECT a', 'TABLE t', 'DESCRIBE t', 'PIVOT t ON a USING sum(b)',
  "SELECT E'a\\nb'", "SELECT X'ab'", 'SELECT $1', 'SELECT ?', 'SELECT $$x$$', "SELECT 'a'\n'b'",
  'SELECT 170141183460469231731687303715884105728', 'SELECT 1_000', 'SELECT 0x10', 'SELECT 1e', 'SELECT 1..2',
  'SELECT a = b = c', 'SELECT a LIKE b LIKE c', 'SELECT a || NOT b', 'SELECT a == b', "SELECT a ->> 'x'", 'SELECT a & b', 'SELECT a NOT NULL',
  'SELECT a IS TRUE', "SELECT a GLOB 'x'", "SELECT a SIMILAR TO 'x'", "SELECT a LIKE 'x' ESCAPE '!'", 'SELECT a COLLATE nocase',
  'SELECT [1, 2]', "SELECT {'a': 1}", 'SELECT a[1]', 'SELECT x -> x + 1', 'SELECT COLUMNS(*)', 'SELECT * RENAME (a AS b) FROM t',
  'SELECT * EXCLUDE (t.a) FROM t', 'SELECT x: 1', 'SELECT a::INT[]', 'SELECT a::JSON', "SELECT a::BLOB", 'SELECT a::myType',
  "SELECT INTERVAL '1' YEAR TO MONTH", 'SELECT INTERVAL (3) day', 'SELECT INTERVAL 1 century',
  'SELECT "lower"(x)', 'SELECT main.lower(x)', 'SELECT list(x ORDER BY x)', 'SELECT row(1, 2)', 'SELECT unpack(x)', 'SELECT f(x := 1)',
  "SELECT trim(BOTH 'x' FROM s)", 'SELECT substring(s FOR 2)', 'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x)',
  'SELECT sum(x) OVER w FROM t WINDOW w AS (ORDER BY y)', 'SELECT sum(x) OVER (w ORDER BY y)', 'SELECT sum(x) OVER (GROUPS 1 PRECEDING)',
  'SELECT sum(x) OVER (ROWS 1 PRECEDING EXCLUDE TIES)', 'SELECT rank(x, y) OVER ()', 'SELECT sum(x IGNORE NULLS) OVER ()',
  'SELECT sum(row_number() OVER ()) OVER (ORDER BY row_number() OVER ())',
  'SELECT CASE (SELECT 1) WHEN 1 THEN 2 END', 'SELECT x = ANY (SELECT 1)', 'SELECT ARRAY[1]', 'SELECT ARRAY(SELECT 1)',
  'WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r', 'WITH a AS MATERIALIZED (SELECT 1) SELECT * FROM a', 'WITH a AS (SELECT 1), a AS (SELECT 2) SELECT 1',
  "SELECT * FROM read_csv('x.csv')", 'SELECT * FROM t NATURAL JOIN u', 'SELECT * FROM t ASOF JOIN u ON a >= b', 'SELECT * FROM t POSITIONAL JOIN u',
  'SELECT * FROM t SEMI JOIN u ON a', 'SELECT * FROM (t JOIN u ON a)', 'SELECT * FROM t, LATERAL (SELECT 1)', 'SELECT * FROM t TABLESAMPLE 10%',
  'SELECT * FROM t USING SAMPLE 10', 'SELECT a FROM t GROUP BY CUBE (a)', 'SELECT a FROM t GROUP BY GROUPING SETS ((a))', 'SELECT a FROM t GROUP BY ()',
  'SELECT a FROM t LIMIT 10%', 'SELECT a FROM t FETCH FIRST 1 ROWS ONLY', 'SELECT a FROM t FOR UPDATE', 'SELECT a INTO b FROM t',
  'SELECT 1 EXCEPT BY NAME SELECT 2', '(SELECT 1 ORDER BY 1) ORDER BY 1', 'SELECT * EXCLUDE (a, A) FROM t', 'SELECT * EXCLUDE (a) REPLACE (1 AS a) FROM t',
];

let oracle: Oracle;
beforeAll(async () => {
  oracle = await openOracle();
});
afterAll(() => oracle.close());

describe('fastParseSelect', () => {
  it('parses the supported constructs exactly as DuckDB does', async () => {
    const expected = await oracle.serialize(ACCEPTED);
    ACCEPTED.forEach((sql, i) => {
      expect(expected[i], `DuckDB rejects: ${sql}`).toBeDefined();
      expect(JSON.stringify(fastParseSelect(sql)), sql).toBe(expected[i]);
    });
  });

  it('declines everything else', () => {
    for (const sql of DECLINED) expect(fastParseSelect(sql), sql).toBeUndefined();
  });
});
