// parse-fast tests: fast-check arbitraries for random queries over the fast parser's grammar (and a bit
// beyond it). A query is generated as a tree plus a style seed; rendering uses the seed to pick keyword
// case, whitespace and comments, and whether to parenthesize subexpressions. DuckDB decides what the
// text means, so any rendering is a valid test input.
import fc from 'fast-check';

/** A generated node: its tokens are produced by `render`. */
export type Node =
  | { k: 'tok'; t: string }
  | { k: 'seq'; parts: Node[] }
  | { k: 'group'; parts: Node[] };

const tok = (t: string): Node => ({ k: 'tok', t });
const seq = (...parts: (Node | string)[]): Node => ({ k: 'seq', parts: parts.map((x) => (typeof x === 'string' ? tok(x) : x)) });
/** A subexpression that the renderer may wrap in parentheses. */
const group = (...parts: (Node | string)[]): Node => ({ k: 'group', parts: parts.map((x) => (typeof x === 'string' ? tok(x) : x)) });
const list = (items: Node[], sep = ','): Node => seq(...items.flatMap((n, i) => (i === 0 ? [n] : [tok(sep), n])));
const paren = (...parts: (Node | string)[]): Node => seq('(', ...parts, ')');

const COLUMNS = ['a', 'b', 'c', 'x1', 'Amount', 'year', 'position', 'value', 'first', 'day', 'name', '"Quoted Col"', '"select"', 't.a', 's.b',
  'T.Year', '"My T".c', 'main.t.a', '"we""ird"', '"ünï"', 'col$2', '_x'];
const TABLES = ['t', 's', 'orders', 'main.t', '"My T"', 'db.main.t', 'Items'];
const TABLE_ALIASES = ['t1', 'z', '"Alias X"', 'o', 'year', 'AS q', 'AS "Q"', 'AS w(p, q)'];
const COLUMN_ALIASES = ['AS total', 'AS select', 'AS "x y"', "AS 'lbl'", 'AS Order', 'total', '"v"', 'val_2'];
const FUNCS = ['sum', 'avg', 'min', 'max', 'count', 'upper', 'lower', 'length', 'abs', 'round', 'concat', 'string_agg', 'greatest',
  'date_trunc', 'left', 'right', 'replace', 'year', 'first', 'nvl', 'list_value', 'array_agg', 'coalesce', 'nullif', 'if', 'ifnull',
  'Upper', 'regexp_replace', 'sum', 'count', 'coalesce', 'upper', 'COUNT', 'Max'];
const RARE_FUNCS = ['"lower"', 'main.lower', 'list', 'unnest', 'row', 'struct_pack', 'columns', 'cube', 'rollup', 'grouping'];
const SPECIAL_FUNCS = new Set(['coalesce', 'nullif', 'if', 'ifnull', 'list', 'row', 'unnest']);
const WINDOW_FUNCS = ['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value',
  'last_value', 'nth_value', 'sum', 'count', 'avg', 'max', 'fill'];
const TYPES = ['INT', 'INTEGER', 'BIGINT', 'DOUBLE', 'VARCHAR', 'TEXT', 'DECIMAL(10,2)', 'DECIMAL', 'NUMERIC(5)', 'DEC(4, 1)', 'DATE',
  'TIMESTAMP', 'BOOLEAN', 'FLOAT', 'REAL', 'SMALLINT', 'TINYINT', 'HUGEINT', 'VARCHAR(10)', 'STRING', 'int4', 'DOUBLE PRECISION',
  'BOOL', 'TIME', 'INTERVAL', 'UBIGINT', 'UUID', 'TIMESTAMPTZ', 'TIMESTAMP WITH TIME ZONE', 'TIME WITH TIME ZONE', 'CHAR', 'JSON',
  'INT[]', 'BLOB', 'myType', 'int8', 'float8', 'float4', 'int2', 'datetime', 'uinteger', 'usmallint', 'utinyint', 'signed', 'long',
  'short', 'int1', 'int128', 'int16', 'int32', 'int64', 'logical', 'bpchar', 'DECIMAL(40,2)', 'DECIMAL(3,5)', 'CHARACTER VARYING',
  'timestamp_s', 'TIMESTAMP_MS', 'timestamp_ns', 'timestamp_us', 'uint64', 'uint32', 'uint16', 'uint8', 'uhugeint', 'uint128', 'nvarchar',
  'timetz', 'guid', 'BIT', 'varint', 'nvarchar(5)', 'INTEGER(3)', 'TIMESTAMP(3)'];
const UNITS = ['year', 'years', 'month', 'day', 'days', 'hour', 'minutes', 'second', 'week', 'quarter', 'decade', 'millisecond', 'microsecond', 'century'];
const EXTRACT_FIELDS = ['year', 'YEARS', 'month', 'day', 'dow', 'epoch', "'month'", 'quarter', 'hour', '"doy"', 'century', 'millennia'];
const STRINGS = ['abc', "it's", '', 'a%', '\\s+', 'é', '😀', 'Mixed Case', '"q"'];
const EXCLUDABLE = ['a', 'b', 'c', 'Amount', 'year', 'ZETA', 'mid', 'b10', 'b9', 'x_1', 'y2', 'Q', 'zz', 'aa', 'Mm', 'k', 'name', 'v', 'w', 'id'];
const REPLACEABLE = ['r1', 'R2', 'zz9', 'aa9', 'Mm9', 'kk', 'nm', 'vv', 'ww', 'id2', 'Amount', 'year'];
const BINARY = ['+', '-', '*', '/', '%', '//', '^', '**', '||', '=', '<>', '!=', '<', '>', '<=', '>=', 'AND', 'OR',
  '+', '-', '*', '||', '=', '<', 'AND', 'OR', 'AND', '+', '=', 'AND'];
const RARE_BINARY = ['==', '->>', '&', 'GLOB', 'SIMILAR TO', '@>', '<->', 'COLLATE'];

/** SQL tokens, quotes, comment starts and odd characters: the soup that robustness tests and fuzzers insert into real queries. */
export const SQL_SOUP = ['SELECT', 'FROM', 'WHERE', 'GROUP BY', 'ORDER BY', 'WITH', 'AS', '(', ')', ',', ';', "'", '"', "''", '--', '/*', '*/',
  'a', 't.a', '1', '1.5', '1e5', '.', '::', '*', '-', '+', '||', 'CASE', 'WHEN', 'THEN', 'END', 'NOT', 'IN', 'BETWEEN', 'AND', 'OR',
  'OVER', 'PARTITION', 'UNION', 'ALL', 'EXCLUDE', 'REPLACE', 'INTERVAL', 'DATE', "'x'", '"q"', 'é', '\u0000', '\ud800', '$1', '\n'];

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

const literal: fc.Arbitrary<Node> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 1000 }).map((n) => tok(String(n))) },
  { weight: 2, arbitrary: fc.constantFrom('2147483647', '2147483648', '9223372036854775807', '9223372036854775808', '007', '0', '1e3',
    '2.5E-2', '1.', '.5', '00.50', '123456789012345678.5', '1234567890123456789.5', '0.0').map(tok) },
  { weight: 3, arbitrary: fc.tuple(fc.nat({ max: 99999 }), fc.nat({ max: 999 })).map(([a, b]) => tok(`${a}.${b}`)) },
  { weight: 4, arbitrary: fc.constantFrom(...STRINGS).map((s) => tok(quote(s))) },
  { weight: 2, arbitrary: fc.constantFrom('NULL', 'TRUE', 'false').map(tok) },
  { weight: 2, arbitrary: fc.constantFrom("DATE '1998-12-01'", "TIMESTAMP '2020-01-01 10:00'", "TIME '10:00'", "date '2001-02-03'",
    "INTERVAL '1 day'", "INTERVAL '3' DAY", 'INTERVAL 60 days', 'INTERVAL 2 MONTH', 'interval 1 year', 'INTERVAL 5 hour',
    "INTERVAL '2' quarter", 'INTERVAL 1 second').map(tok) },
  { weight: 1, arbitrary: fc.constantFrom(...UNITS).map((u) => tok(`INTERVAL 7 ${u}`)) },
  { weight: 1, arbitrary: fc.constantFrom("INTERVAL '1' year TO month", 'INTERVAL (3) day', "X'ab'", "E'a\\nb'", '$1', '?', '[1, 2]').map(tok) },
);

const commonLiteral: fc.Arbitrary<Node> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 1000 }).map((n) => tok(String(n))) },
  { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 99999 }), fc.nat({ max: 999 })).map(([a, b]) => tok(`${a}.${b}`)) },
  { weight: 3, arbitrary: fc.constantFrom(...STRINGS).map((s) => tok(quote(s))) },
  { weight: 1, arbitrary: fc.constantFrom('NULL', 'TRUE', "DATE '2001-02-03'", 'INTERVAL 3 days', '2147483648', '1e3').map(tok) },
);

const column: fc.Arbitrary<Node> = fc.constantFrom(...COLUMNS).map(tok);

/** A small SELECT for subqueries inside expressions (not recursive). */
const smallQuery: fc.Arbitrary<Node> = fc.record({
  cols: fc.array(fc.oneof(column, literal), { minLength: 1, maxLength: 2 }),
  table: fc.constantFrom(...TABLES),
  where: fc.option(fc.tuple(column, literal), { nil: undefined }),
  union: fc.boolean(),
}).map(({ cols, table, where, union }) => {
  const base = seq('SELECT', list(cols), 'FROM', table, ...(where ? ['WHERE', where[0], '=', where[1]] : []));
  return union ? seq(base, 'UNION ALL', 'SELECT', list(cols), 'FROM', 'u') : base;
});

/** Expressions; `rare` adds constructs the fast parser mostly declines. */
function makeExpr(rare: boolean, maxDepth: number): fc.Arbitrary<Node> {
  const lit = rare ? literal : commonLiteral;
  const funcs = rare ? fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...FUNCS) }, { weight: 1, arbitrary: fc.constantFrom(...RARE_FUNCS) }) : fc.constantFrom(...FUNCS);
  const isTests = rare ? ['IS NULL', 'IS NOT NULL', 'ISNULL', 'NOTNULL', 'NOT NULL', 'IS TRUE'] : ['IS NULL', 'IS NOT NULL', 'ISNULL', 'NOTNULL'];
  const likes = rare ? ['LIKE', 'NOT LIKE', 'ILIKE', 'NOT ILIKE', 'GLOB'] : ['LIKE', 'NOT LIKE', 'ILIKE', 'NOT ILIKE'];
  return fc.letrec<{ expr: Node; atom: Node }>((tie) => {
  const e = tie('expr');
  const a = tie('atom');
  return {
    atom: fc.oneof({ weight: 3, arbitrary: lit }, { weight: 4, arbitrary: column }),
    expr: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      { weight: 8, arbitrary: a },
      { weight: 6, arbitrary: fc.tuple(e, fc.constantFrom(...BINARY), e).map(([l, op, r]) => group(l, op, r)) },
      { weight: rare ? 1 : 0, arbitrary: fc.tuple(a, fc.constantFrom(...RARE_BINARY), a).map(([l, op, r]) => group(l, op, r)) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom('-', '+', 'NOT', '- -'), e).map(([op, x]) => group(op, x)) },
      { weight: 2, arbitrary: fc.tuple(e, fc.constantFrom(...isTests)).map(([x, t]) => group(x, t)) },
      { weight: 1, arbitrary: fc.tuple(e, fc.constantFrom('IS DISTINCT FROM', 'IS NOT DISTINCT FROM'), e).map(([l, op, r]) => group(l, op, r)) },
      { weight: 2, arbitrary: fc.tuple(e, fc.constantFrom('BETWEEN', 'NOT BETWEEN'), a, a).map(([x, op, lo, hi]) => group(x, op, lo, 'AND', hi)) },
      { weight: 2, arbitrary: fc.tuple(e, fc.constantFrom('IN', 'NOT IN'), fc.array(e, { minLength: 1, maxLength: 3 })).map(([x, op, items]) => group(x, op, paren(list(items)))) },
      { weight: 2, arbitrary: fc.tuple(e, fc.constantFrom(...likes), a).map(([x, op, p]) => group(x, op, p)) },
      { weight: 2, arbitrary: fc.tuple(fc.option(e, { nil: undefined }), fc.array(fc.tuple(e, e), { minLength: 1, maxLength: 3 }), fc.option(e, { nil: undefined }))
        .map(([operand, whens, otherwise]) => seq('CASE', ...(operand ? [operand] : []), ...whens.flatMap(([w, t]) => [tok('WHEN'), w, tok('THEN'), t]), ...(otherwise ? ['ELSE', otherwise] : []), 'END')) },
      { weight: 2, arbitrary: fc.tuple(e, fc.constantFrom(...TYPES), fc.constantFrom('::', 'CAST', 'TRY_CAST')).map(([x, t, s]) => (s === '::' ? group(x, '::', t) : seq(s, '(', x, 'AS', t, ')'))) },
      { weight: 3, arbitrary: fc.tuple(funcs, fc.array(e, { maxLength: 3 }), fc.constantFrom('', '', '', 'DISTINCT', 'star', 'order', 'filter'))
        .map(([f, args, m]) => {
          let mod = m;
          if (SPECIAL_FUNCS.has(f)) mod = '';
          if (f === 'if' && args.length !== 3) return seq('if', '(', list([tok('a'), tok('b'), tok('c')]), ')');
          if (f === 'ifnull' && args.length !== 2) return seq('ifnull', '(', list([tok('a'), tok('1')]), ')');
          if (mod === 'star') return seq(args.length ? f : 'count', '(', '*', ')');
          const inner: Node[] = mod === 'DISTINCT' && args.length ? [tok('DISTINCT'), list(args)] : args.length ? [list(args)] : [];
          if (mod === 'order' && args.length) inner.push(seq('ORDER BY', args[0]!, 'DESC'));
          return seq(f, '(', ...inner, ')', ...(mod === 'filter' ? [seq('FILTER', '(', 'WHERE', args[0] ?? tok('a'), '>', '1', ')')] : []));
        }) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom('coalesce', 'nullif', 'substring', 'substring_from', 'extract', 'trim', 'position', 'exists', 'scalar', 'in_sub', 'not_in_sub', 'grouping'), e, e, fc.constantFrom(...EXTRACT_FIELDS), smallQuery)
        .map(([f, x, y, field, q]) => {
          switch (f) {
            case 'substring_from': return seq('substring', '(', x, 'FROM', y, 'FOR', '2', ')');
            case 'extract': return seq('EXTRACT', '(', field, 'FROM', x, ')');
            case 'trim': return seq('TRIM', '(', x, ')');
            case 'position': return seq('POSITION', '(', 'a', 'IN', y, ')');
            case 'exists': return seq('EXISTS', paren(q));
            case 'scalar': return paren(q);
            case 'in_sub': return group(x, 'IN', paren(q));
            case 'not_in_sub': return group(x, 'NOT IN', paren(q));
            default: return seq(f, '(', list([x, y]), ')');
          }
        }) },
      { weight: 1, arbitrary: windowCall(e, rare) },
      { weight: 1, arbitrary: e.map((x) => paren(x)) },
    ),
  };
}).expr;
}

const expr = makeExpr(false, 2);
const rareExpr = makeExpr(true, 3);

function windowCall(e: fc.Arbitrary<Node>, rare: boolean): fc.Arbitrary<Node> {
  const frame = fc.oneof(
    { weight: 4, arbitrary: fc.constant('') },
    { weight: 4, arbitrary: fc.constantFrom('ROWS BETWEEN 2 PRECEDING AND CURRENT ROW', 'ROWS UNBOUNDED PRECEDING',
      'RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING', 'ROWS BETWEEN CURRENT ROW AND 3 FOLLOWING',
      'ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING', 'RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING', 'ROWS 2 PRECEDING', 'ROWS CURRENT ROW',
      'RANGE CURRENT ROW', 'ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING', 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW',
      'RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING', 'ROWS BETWEEN a + 1 PRECEDING AND INTERVAL 1 DAY FOLLOWING') },
    { weight: rare ? 1 : 0, arbitrary: fc.constantFrom('ROWS UNBOUNDED FOLLOWING', 'ROWS BETWEEN CURRENT ROW AND 1 PRECEDING', 'GROUPS 1 PRECEDING',
      'ROWS 1 FOLLOWING', 'ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW', 'ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED PRECEDING',
      'ROWS BETWEEN UNBOUNDED FOLLOWING AND UNBOUNDED FOLLOWING', 'ROWS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES', 'w') },
  );
  return fc.record({
    f: fc.constantFrom(...WINDOW_FUNCS),
    args: fc.array(e, { maxLength: 3 }),
    mod: rare ? fc.constantFrom('', '', '', '', 'DISTINCT', 'IGNORE NULLS', 'FILTER', 'star') : fc.constantFrom('', '', '', 'star'),
    partition: fc.array(e, { maxLength: 2 }),
    order: fc.array(fc.tuple(e, fc.constantFrom('', 'ASC', 'DESC', 'DESC NULLS LAST', 'NULLS FIRST')), { maxLength: 2 }),
    frame,
  }).map(({ f, args, mod, partition, order, frame }) => {
    const inner: Node[] = mod === 'star' ? [tok('*')] : args.length ? [...(mod === 'DISTINCT' ? [tok('DISTINCT')] : []), list(args)] : [];
    if (mod === 'IGNORE NULLS' && args.length) inner.push(tok('IGNORE NULLS'));
    const spec: Node[] = [];
    if (partition.length) spec.push(seq('PARTITION BY', list(partition)));
    if (order.length) spec.push(seq('ORDER BY', list(order.map(([x, d]) => seq(x, d)))));
    if (frame === 'w') return seq(f, '(', ...inner, ')', 'OVER', 'w');
    if (frame) spec.push(tok(frame));
    return seq(f, '(', ...inner, ')', ...(mod === 'FILTER' ? [seq('FILTER', '(', 'a', '>', '0', ')')] : []), 'OVER', '(', ...spec, ')');
  });
}

const starTarget: fc.Arbitrary<Node> = fc.record({
  rel: fc.constantFrom('', 't.', '"My T".'),
  exclude: fc.option(fc.uniqueArray(fc.constantFrom(...EXCLUDABLE), { minLength: 1, maxLength: 14 }), { nil: undefined }),
  replace: fc.option(fc.uniqueArray(fc.constantFrom(...REPLACEABLE), { minLength: 1, maxLength: 6 }), { nil: undefined }),
  parens: fc.boolean(),
}).map(({ rel, exclude, replace, parens }) => {
  const parts: Node[] = [tok(`${rel}*`)];
  if (exclude) parts.push(exclude.length === 1 && parens ? seq('EXCLUDE', exclude[0]!) : seq('EXCLUDE', paren(list(exclude.map(tok)))));
  if (replace) parts.push(seq('REPLACE', paren(list(replace.map((n, i) => seq(String(i), 'AS', n))))));
  return seq(...parts);
});

const target: fc.Arbitrary<Node> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(expr, fc.option(fc.constantFrom(...COLUMN_ALIASES), { nil: undefined })).map(([x, al]) => (al ? seq(x, al) : x)) },
  { weight: 1, arbitrary: starTarget },
);

const tableRef: fc.Arbitrary<Node> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...TABLES), fc.option(fc.constantFrom(...TABLE_ALIASES), { nil: undefined })).map(([t, al]) => (al ? seq(t, al) : tok(t))) },
  { weight: 1, arbitrary: fc.tuple(smallQuery, fc.constantFrom('sq', 'AS sq', 'AS sq(x, y)', '')).map(([q, al]) => seq(paren(q), al)) },
);

const fromClause: fc.Arbitrary<Node> = fc.tuple(
  tableRef,
  fc.array(fc.tuple(fc.constantFrom('JOIN', 'LEFT JOIN', 'LEFT OUTER JOIN', 'RIGHT JOIN', 'FULL JOIN', 'FULL OUTER JOIN', 'INNER JOIN', 'CROSS JOIN', ','), tableRef, expr, fc.boolean()), { maxLength: 3 }),
).map(([first, joins]) => seq('FROM', first, ...joins.map(([j, t, on, using]) =>
  j === ',' || j === 'CROSS JOIN' ? seq(j, t) : using ? seq(j, t, 'USING', paren(list([tok('a'), tok('b')]))) : seq(j, t, 'ON', on))));

const groupItem: fc.Arbitrary<Node> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'A', 't.a', '1', '2', 'lower(b)', 'a + 1').map(tok) },
  { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'A'), { minLength: 1, maxLength: 3 }).map((xs) => seq('ROLLUP', paren(list(xs.map(tok))))) },
);

const select: fc.Arbitrary<Node> = fc.record({
  distinct: fc.constantFrom('', '', '', 'DISTINCT', 'DISTINCT ON (a)', 'ALL'),
  targets: fc.array(target, { minLength: 1, maxLength: 3 }),
  trailingComma: fc.boolean(),
  from: fc.option(fromClause, { nil: undefined, freq: 4 }),
  where: fc.option(expr, { nil: undefined, freq: 2 }),
  group: fc.option(fc.oneof(fc.constant<Node[] | 'ALL'>('ALL'), fc.array(groupItem, { minLength: 1, maxLength: 3 })), { nil: undefined, freq: 2 }),
  having: fc.option(expr, { nil: undefined, freq: 2 }),
  qualify: fc.option(expr, { nil: undefined, freq: 2 }),
}).map((s) => seq(
  'SELECT', s.distinct, list(s.targets), s.trailingComma && s.from ? ',' : '',
  ...(s.from ? [s.from] : []),
  ...(s.where ? ['WHERE', s.where] : []),
  ...(s.group ? ['GROUP BY', s.group === 'ALL' ? tok('ALL') : list(s.group)] : []),
  ...(s.having ? ['HAVING', s.having] : []),
  ...(s.qualify ? ['QUALIFY', s.qualify] : []),
));

const setOperand: fc.Arbitrary<Node> = fc.oneof({ weight: 4, arbitrary: select }, { weight: 1, arbitrary: select.map((x) => paren(seq(x, 'ORDER BY 1'))) });

const body: fc.Arbitrary<Node> = fc.tuple(setOperand, fc.array(fc.tuple(fc.constantFrom('UNION', 'UNION ALL', 'EXCEPT', 'INTERSECT', 'UNION DISTINCT', 'EXCEPT ALL', 'UNION BY NAME', 'UNION ALL BY NAME', 'UNION ALL'), setOperand), { maxLength: 4 }))
  .map(([first, rest]) => seq(first, ...rest.flatMap(([op, s]) => [tok(op), s])));

/** A whole query: optional CTEs, a set-operation chain, ORDER BY, LIMIT/OFFSET. */
export const query: fc.Arbitrary<Node> = fc.record({
  ctes: fc.array(fc.tuple(fc.constantFrom('c1', 'cte', '"Q"', 'x', 'year'), fc.constantFrom('', '(p, q)'), body), { maxLength: 2 }),
  body,
  order: fc.option(fc.oneof(fc.constant<Node>(tok('ALL DESC')), fc.array(fc.tuple(expr, fc.constantFrom('', 'ASC', 'DESC NULLS FIRST', 'NULLS LAST')).map(([x, d]) => seq(x, d)), { minLength: 1, maxLength: 3 }).map((xs) => list(xs))), { nil: undefined }),
  limit: fc.constantFrom('', 'LIMIT 10', 'LIMIT 5 OFFSET 2', 'OFFSET 3', 'LIMIT ALL', 'OFFSET 1 LIMIT 2', 'LIMIT 10%', 'LIMIT 2 + 3'),
  semicolon: fc.constantFrom('', ';', ' ; ;'),
}).map((q) => seq(
  ...(q.ctes.length ? ['WITH', list(q.ctes.map(([n, cols, b]) => seq(n, cols, 'AS', paren(b))))] : []),
  q.body,
  ...(q.order ? ['ORDER BY', q.order] : []),
  q.limit, q.semicolon,
));

/** A scalar expression wrapped as `SELECT <expr> FROM t`. */
export const exprQuery: fc.Arbitrary<Node> = rareExpr.map((x) => seq('SELECT', x, 'FROM', 't'));

const SEPARATORS = [' ', ' ', ' ', ' ', '\n', '\t', '  ', ' /* c */ ', ' -- note\n', '\r\n', ' /* ü /* nested */ */ ', ' -- é\r'];

/** Renders `node` with the style chosen by `seed`. */
export function render(node: Node, seed: number): string {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const tokens: string[] = [];
  const walk = (n: Node): void => {
    if (n.k === 'tok') {
      if (n.t !== '') tokens.push(n.t);
    } else if (n.k === 'group' && next() < 0.75) {
      tokens.push('(');
      n.parts.forEach(walk);
      tokens.push(')');
    } else n.parts.forEach(walk);
  };
  walk(node);
  let out = '';
  for (const t of tokens) {
    const word = /^[A-Za-z_ ]+$/.test(t) && !t.includes('"');
    const styled = word ? (next() < 0.3 ? t.toLowerCase() : next() < 0.2 ? t.toUpperCase() : t) : t;
    if (out !== '') {
      const tight = /[(),]$/.test(out) || /^[(),]/.test(styled);
      out += tight && next() < 0.5 ? '' : SEPARATORS[Math.floor(next() * SEPARATORS.length)]!;
    }
    out += styled;
  }
  return out;
}
