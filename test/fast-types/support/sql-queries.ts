// test/fast-types/: fast-check arbitraries for random query shapes over three small tables: joins (ON,
// USING, CROSS, LEFT/RIGHT/FULL), FROM subqueries and CTEs, stars with EXCLUDE/REPLACE, qualified and
// unqualified (sometimes ambiguous or missing) references, GROUP BY forms, set operations and modifiers.
// References are drawn from the columns the FROM clause provides, so most queries bind.
import fc from 'fast-check';

/** The tables the random queries read (deliberately overlapping column names and types). */
export const SCOPE_TABLES: Readonly<Record<string, readonly { name: string; type: string }[]>> = {
  t1: [{ name: 'a', type: 'INTEGER' }, { name: 'b', type: 'VARCHAR' }, { name: 'c', type: 'DOUBLE' }, { name: 'k', type: 'BIGINT' }],
  t2: [{ name: 'a', type: 'BIGINT' }, { name: 'd', type: 'DATE' }, { name: 'B', type: 'INTEGER' }, { name: 'k', type: 'BIGINT' }],
  t3: [{ name: 'k', type: 'BIGINT' }, { name: 'e', type: 'DECIMAL(15,2)' }, { name: 'f', type: 'BOOLEAN' }],
};
const CTES = 'WITH c1 AS (SELECT k, a FROM t1), c2 AS (SELECT k, d, 1 AS one FROM c1 JOIN t2 USING (k))';
const SOURCES: Readonly<Record<string, readonly string[]>> = {
  t1: ['a', 'b', 'c', 'k'], t2: ['a', 'd', 'B', 'k'], t3: ['k', 'e', 'f'], c1: ['k', 'a'], c2: ['k', 'd', 'one'],
};

/** A FROM clause with the references it makes available (some of them ambiguous, which is the point). */
interface From {
  readonly sql: string;
  readonly refs: readonly string[];
  readonly ctes: boolean;
}

const source = fc.constantFrom('t1', 't2', 't3', 't1', 't2', 'c1', 'c2');
const item = (name: string, alias: string): { sql: string; refs: string[] } => ({
  sql: `${name} AS ${alias}`,
  refs: SOURCES[name]!.flatMap((c) => [c, `${alias}.${c}`]),
});
const from: fc.Arbitrary<From> = fc.oneof(
  source.map((t) => ({ ...item(t, 'x'), ctes: t.startsWith('c') })),
  fc.tuple(source, source, fc.constantFrom('JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN', ','), fc.constantFrom('ON x.k = y.k', 'USING (k)', 'USING (a)', 'ON true'))
    .map(([l, r, j, on]) => {
      const x = item(l, 'x');
      const y = item(r, 'y');
      return { sql: j === ',' ? `${x.sql}, ${y.sql}` : `${x.sql} ${j} ${y.sql} ${on}`, refs: [...x.refs, ...y.refs], ctes: l.startsWith('c') || r.startsWith('c') };
    }),
  fc.tuple(source, source, source).map(([l, r, s]) => {
    const [x, y, z] = [item(l, 'x'), item(r, 'y'), item(s, 'z')];
    return { sql: `${x.sql} JOIN ${y.sql} USING (k) LEFT JOIN ${z.sql} ON z.k = x.k`, refs: [...x.refs, ...y.refs, ...z.refs], ctes: [l, r, s].some((t) => t.startsWith('c')) };
  }),
  fc.tuple(source, source).map(([l, r]) => ({
    sql: `(SELECT * FROM ${l}) AS x JOIN (SELECT k, k AS kk FROM ${r}) AS y USING (k)`,
    refs: [...SOURCES[l]!.flatMap((c) => [c, `x.${c}`]), 'kk', 'y.kk', 'y.k'], ctes: l.startsWith('c') || r.startsWith('c'),
  })),
  source.map((t) => ({ sql: `(SELECT *, 1 AS one FROM ${t}) AS x(p, q)`, refs: ['p', 'q', 'x.p', 'one', 'x.one', ...SOURCES[t]!.slice(2)], ctes: t.startsWith('c') })),
);

function scalar(refs: readonly string[]): fc.Arbitrary<string> {
  const ref = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...refs) }, { weight: 1, arbitrary: fc.constantFrom('zz', 'x.zz', 'w.k') });
  return fc.oneof(
    { weight: 4, arbitrary: ref },
    fc.tuple(ref, fc.constantFrom('+ 1', '* 2', "|| 's'", 'IS NULL', '= 1', '> 0')).map(([r, op]) => `${r} ${op}`),
    fc.tuple(ref, ref).map(([r, s]) => `coalesce(${r}, ${s})`),
    fc.tuple(ref, ref).map(([r, s]) => `CASE WHEN ${r} IS NULL THEN ${s} END`),
  );
}

function block(f: From): fc.Arbitrary<string> {
  const e = scalar(f.refs);
  const plainList = fc.oneof(
    fc.constantFrom('*', 'x.*', '* EXCLUDE (k)', '* EXCLUDE (a, zz)', '* REPLACE (k + 1 AS k)', '* REPLACE (k AS K)', 'x.* EXCLUDE (k)', '*, 1 AS one'),
    fc.array(fc.tuple(e, fc.boolean()).map(([x, aliased]) => (aliased ? `${x} AS o` : x)), { minLength: 1, maxLength: 4 }).map((l) => l.join(', ')),
  );
  const plain = fc.tuple(plainList, fc.option(e.map((w) => ` WHERE ${w}`), { nil: '' }), fc.constantFrom('', ' ORDER BY 1', ' LIMIT 5', ' ORDER BY k', ' ORDER BY o DESC'))
    .map(([s, w, m]) => `SELECT ${s} FROM ${f.sql}${w}${m}`);
  const aggregate = fc.oneof(fc.constant('count(*)'), fc.tuple(fc.constantFrom('sum', 'max', 'count', 'avg', 'min'), e).map(([fn, x]) => `${fn}(${x})`));
  const grouped = fc.tuple(fc.array(e, { minLength: 1, maxLength: 2 }), fc.array(aggregate, { minLength: 1, maxLength: 2 }), fc.constantFrom('keys', 'all', 'positions', 'none'), fc.boolean())
    .map(([keys, aggs, how, having]) => {
      const items = [...keys, ...aggs.map((a, i) => `${a} AS g${i}`)].join(', ');
      const group = how === 'keys' ? ` GROUP BY ${keys.join(', ')}` : how === 'all' ? ' GROUP BY ALL' : how === 'positions' ? ` GROUP BY ${keys.map((_, i) => i + 1).join(', ')}` : '';
      return `SELECT ${items} FROM ${f.sql}${group}${having ? ' HAVING count(*) > 1' : ''}`;
    });
  return fc.oneof({ weight: 3, arbitrary: plain }, { weight: 2, arbitrary: grouped });
}

const blockWithCtes = from.chain((f) => block(f).map((sql) => ({ sql, ctes: f.ctes })));

/** A random query: a block, maybe a set operation of two, with the CTEs prepended when a block reads them. */
export const scopeQuery: fc.Arbitrary<string> = fc.tuple(blockWithCtes, fc.option(blockWithCtes, { nil: undefined }), fc.constantFrom('UNION ALL', 'UNION', 'EXCEPT', 'INTERSECT'))
  .map(([first, second, op]) => {
    const body = second ? `${first.sql} ${op} ${second.sql}` : first.sql;
    return first.ctes || second?.ctes ? `${CTES} ${body}` : body;
  });
