// test/fast-types/: fast-check arbitraries for random SQL expressions over the PROPERTY_TABLE columns.
// Mostly type-directed (a numeric context gets numeric operands) so many queries bind, with some
// cross-type noise so the inferer's decline paths and DuckDB's errors are exercised too.
import fc from 'fast-check';

/** The table the random expressions read: one column per type the property covers. */
export const PROPERTY_TABLE: readonly (readonly [string, string])[] = [
  ['i', 'INTEGER'], ['b', 'BIGINT'], ['s', 'SMALLINT'], ['h', 'HUGEINT'], ['d', 'DOUBLE'], ['f', 'FLOAT'],
  ['m', 'DECIMAL(15,2)'], ['n', 'DECIMAL(18,3)'], ['w', 'DECIMAL(38,6)'], ['v', 'VARCHAR'], ['x', 'BOOLEAN'],
  ['dt', 'DATE'], ['ts', 'TIMESTAMP'], ['vl', 'VARCHAR[]'], ['il', 'INTEGER[]'],
];

type Cat = 'num' | 'str' | 'bool' | 'date';

const CAST_TARGETS = ['INTEGER', 'BIGINT', 'SMALLINT', 'TINYINT', 'HUGEINT', 'DOUBLE', 'FLOAT', 'DECIMAL(15,2)', 'DECIMAL(18,3)', 'DECIMAL(38,10)', 'DECIMAL', 'NUMERIC(10)', 'VARCHAR', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'INTERVAL', 'INTEGER[]', 'UBIGINT'];

const leaves: Readonly<Record<Cat, fc.Arbitrary<string>>> = {
  num: fc.oneof(
    fc.constantFrom('i', 'b', 's', 'h', 'd', 'f', 'm', 'n', 'w', 't.i', 't.m'),
    fc.constantFrom('0', '1', '2', '-1', '100', '1000', '100000', '3000000000', '30000000000000000000', '0.0', '1.1', '0.5', '123.456', '-2.75', '1e3', '12345678901234567890.1'),
  ),
  str: fc.constantFrom('v', 't.v', "'a'", "'2020-01-01'", "''", "'x%'"),
  bool: fc.constantFrom('x', 'true', 'false', 't.x'),
  date: fc.constantFrom('dt', 'ts', "DATE '2020-01-01'", "TIMESTAMP '2020-01-01 10:00:00'"),
};

const other = fc.constantFrom('NULL', 'vl', 'il', "INTERVAL 1 DAY", "[1, 2]");

function compound(cat: Cat, e: (c: Cat) => fc.Arbitrary<string>): fc.Arbitrary<string>[] {
  const num = e('num');
  const str = e('str');
  const bool = e('bool');
  const date = e('date');
  const any = fc.oneof(num, str, bool, date);
  const same = e(cat);
  const generic = [
    fc.tuple(bool, same, same).map(([c, a, b]) => `CASE WHEN ${c} THEN ${a} ELSE ${b} END`),
    fc.tuple(bool, same).map(([c, a]) => `CASE WHEN ${c} THEN ${a} END`),
    fc.tuple(bool, same, same, same).map(([c, a, b, d]) => `CASE WHEN ${c} THEN ${a} WHEN NOT ${c} THEN ${b} ELSE ${d} END`),
    fc.tuple(same, same).map(([a, b]) => `coalesce(${a}, ${b})`),
    fc.tuple(same, same, same).map(([a, b, c]) => `coalesce(${a}, ${b}, ${c})`),
    fc.tuple(same, same).map(([a, b]) => `greatest(${a}, ${b})`),
    fc.tuple(same, same).map(([a, b]) => `least(${a}, ${b})`),
    fc.tuple(same, same).map(([a, b]) => `nullif(${a}, ${b})`),
    fc.tuple(any, fc.constantFrom(...CAST_TARGETS), fc.constantFrom('CAST', 'TRY_CAST', '::')).map(([a, t, how]) => (how === '::' ? `(${a})::${t}` : `${how}(${a} AS ${t})`)),
  ];
  switch (cat) {
    case 'num':
      return [
        ...generic,
        fc.tuple(num, fc.constantFrom('+', '-', '*', '/', '%', '//'), num).map(([a, op, b]) => `(${a} ${op} ${b})`),
        num.map((a) => `(-${a})`),
        fc.tuple(fc.constantFrom('abs', 'round', 'floor', 'ceil', 'trunc', 'sign', 'sqrt', 'ln', 'exp', 'isnan'), num).map(([f, a]) => `${f}(${a})`),
        fc.tuple(fc.constantFrom('round', 'trunc'), num, fc.constantFrom('0', '1', '2', '5', '-1', 'i')).map(([f, a, k]) => `${f}(${a}, ${k})`),
        fc.tuple(num, num).map(([a, b]) => `power(${a}, ${b})`),
        str.map((a) => `length(${a})`),
        fc.tuple(fc.constantFrom('year', 'month', 'day', 'dayofweek', 'quarter', 'epoch'), date).map(([f, a]) => `${f}(${a})`),
        fc.tuple(date, date).map(([a, b]) => `datediff('day', ${a}, ${b})`),
        date.map((a) => `date_part('year', ${a})`),
        fc.tuple(str, str).map(([a, b]) => `strpos(${a}, ${b})`),
        fc.tuple(date, date).map(([a, b]) => `(${a} - ${b})`),
      ];
    case 'str':
      return [
        ...generic,
        fc.tuple(fc.constantFrom('upper', 'lower', 'trim', 'ltrim', 'reverse', 'md5'), str).map(([f, a]) => `${f}(${a})`),
        fc.tuple(str, num, num).map(([a, p, l]) => `substr(${a}, ${p}, ${l})`),
        fc.tuple(str, num).map(([a, p]) => `substring(${a}, ${p})`),
        str.map((a) => `regexp_replace(${a}, '\\s+', ' ', 'g')`),
        fc.tuple(any, any).map(([a, b]) => `concat(${a}, ${b})`),
        fc.tuple(any, any).map(([a, b]) => `(${a} || ${b})`),
        fc.tuple(str, num).map(([a, n]) => `left(${a}, ${n})`),
        fc.tuple(str, str).map(([a, b]) => `replace(${a}, ${b}, 'z')`),
        date.map((a) => `strftime(${a}, '%Y')`),
        fc.tuple(str, num).map(([a, n]) => `split_part(${a}, ',', ${n})`),
      ];
    case 'bool':
      return [
        ...generic,
        fc.tuple(any, fc.constantFrom('=', '<>', '<', '>=', 'IS DISTINCT FROM'), any).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(same, fc.constantFrom('=', '<', '<>'), same).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(num, fc.constantFrom('=', '<', '>='), num).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(bool, fc.constantFrom('AND', 'OR'), bool).map(([a, op, b]) => `(${a} ${op} ${b})`),
        bool.map((a) => `(NOT ${a})`),
        any.map((a) => `(${a} IS NULL)`),
        str.map((a) => `(${a} LIKE 'A%')`),
        fc.tuple(num, num, num).map(([a, b, c]) => `(${a} BETWEEN ${b} AND ${c})`),
        fc.tuple(any, any, any).map(([a, b, c]) => `(${a} IN (${b}, ${c}))`),
        fc.tuple(str, str).map(([a, b]) => `starts_with(${a}, ${b})`),
      ];
    case 'date':
      return [
        ...generic,
        fc.tuple(fc.constantFrom('month', 'year', 'day', 'hour'), date).map(([p, a]) => `date_trunc('${p}', ${a})`),
        fc.tuple(date, num).map(([a, n]) => `(${a} + ${n})`),
        date.map((a) => `(${a} + INTERVAL 1 DAY)`),
        date.map((a) => `last_day(${a})`),
        fc.tuple(num, num, num).map(([y, m, d]) => `make_date(${y}, ${m}, ${d})`),
      ];
  }
}

/** A random expression of roughly category `cat`, nested up to `depth` levels. */
export function expression(cat: Cat, depth: number): fc.Arbitrary<string> {
  const memo = new Map<string, fc.Arbitrary<string>>();
  const build = (c: Cat, d: number): fc.Arbitrary<string> => {
    const key = `${c}/${d}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const leaf = fc.oneof({ weight: 8, arbitrary: leaves[c] }, { weight: 1, arbitrary: other });
    const arb = d <= 0 ? leaf : fc.oneof({ weight: 2, arbitrary: leaf }, { weight: 5, arbitrary: fc.oneof(...compound(c, (cc) => build(cc, d - 1))) });
    memo.set(key, arb);
    return arb;
  };
  return build(cat, depth);
}

/** Any category. */
export const anyExpression = (depth: number): fc.Arbitrary<string> =>
  fc.constantFrom<Cat>('num', 'str', 'bool', 'date').chain((c) => expression(c, depth));

const aggregate = (depth: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.tuple(fc.constantFrom('sum', 'avg', 'min', 'max', 'count', 'stddev_samp', 'var_pop', 'product', 'first', 'any_value', 'bool_or', 'bool_and', 'array_agg', 'mode', 'approx_count_distinct'), anyExpression(depth)).map(([f, a]) => `${f}(${a})`),
    fc.tuple(fc.constantFrom('sum', 'count', 'string_agg'), expression('num', depth)).map(([f, a]) => (f === 'string_agg' ? `string_agg(DISTINCT ${a}::VARCHAR, ', ')` : `${f}(DISTINCT ${a})`)),
    fc.tuple(expression('str', depth), fc.constantFrom("', '", "''")).map(([a, sep]) => `string_agg(${a}, ${sep})`),
    fc.tuple(anyExpression(depth), anyExpression(depth)).map(([a, b]) => `arg_max(${a}, ${b})`),
    fc.constant('count(*)'),
    fc.tuple(expression('num', depth), expression('bool', depth)).map(([a, c]) => `sum(${a}) FILTER (WHERE ${c})`),
  );

const windowFunction = (depth: number): fc.Arbitrary<string> =>
  fc.tuple(
    fc.oneof(
      fc.constantFrom('row_number()', 'rank()', 'dense_rank()', 'percent_rank()', 'cume_dist()', 'ntile(4)', 'count(*)'),
      fc.tuple(fc.constantFrom('lag', 'lead', 'first_value', 'last_value', 'sum', 'avg', 'min', 'max'), anyExpression(depth)).map(([f, a]) => `${f}(${a})`),
      fc.tuple(anyExpression(depth), anyExpression(depth)).map(([a, b]) => `lag(${a}, 1, ${b})`),
    ),
    fc.constantFrom('', 'PARTITION BY v', 'ORDER BY i', 'PARTITION BY x ORDER BY dt DESC', 'ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW'),
  ).map(([f, w]) => `${f} OVER (${w})`);

/** A query over table t: 1–3 aliased projections, aggregates (maybe grouped), or window functions. */
export const propertyQuery: fc.Arbitrary<string> = fc.oneof(
  fc.array(anyExpression(3), { minLength: 1, maxLength: 3 }).map((es) => `SELECT ${es.map((e, i) => `${e} AS c${i}`).join(', ')} FROM t`),
  fc.tuple(fc.array(aggregate(2), { minLength: 1, maxLength: 3 }), fc.boolean()).map(([es, grouped]) => `SELECT ${grouped ? 'v, ' : ''}${es.map((e, i) => `${e} AS a${i}`).join(', ')} FROM t${grouped ? ' GROUP BY v' : ''}`),
  fc.array(windowFunction(2), { minLength: 1, maxLength: 2 }).map((es) => `SELECT ${es.map((e, i) => `${e} AS w${i}`).join(', ')} FROM t`),
);
