// gen/: SQL expression templates by type category. Each template states the category it produces, so
// the generator can track every output column without asking DuckDB.
import type { Rng } from './prng.js';
import { stem, uniqueName, type Cat, type Col } from './relation.js';

/** An output expression: `sql AS col.name`. */
export interface Expr {
  readonly sql: string;
  readonly col: Col;
}

type Template = (x: string) => { sql: string; cat: Cat; suffix: string };

const DERIVE: Readonly<Record<Cat, readonly Template[]>> = {
  int: [
    (x) => ({ sql: `coalesce(${x}, 0)`, cat: 'int', suffix: 'nz' }),
    (x) => ({ sql: `${x}::DOUBLE`, cat: 'num', suffix: 'dbl' }),
    (x) => ({ sql: `${x} * 2`, cat: 'int', suffix: 'x2' }),
    (x) => ({ sql: `abs(${x})`, cat: 'int', suffix: 'abs' }),
    (x) => ({ sql: `${x}::VARCHAR`, cat: 'str', suffix: 'txt' }),
    (x) => ({ sql: `CASE WHEN ${x} IS NULL THEN 'missing' WHEN ${x} < 0 THEN 'negative' ELSE 'present' END`, cat: 'str', suffix: 'state' }),
  ],
  num: [
    (x) => ({ sql: `round(${x}, 2)`, cat: 'num', suffix: 'rnd' }),
    (x) => ({ sql: `${x}::BIGINT`, cat: 'int', suffix: 'whole' }),
    (x) => ({ sql: `coalesce(${x}, 0.0) * 1.1`, cat: 'num', suffix: 'adj' }),
    (x) => ({ sql: `CASE WHEN ${x} >= 100 THEN 'high' WHEN ${x} >= 10 THEN 'mid' ELSE 'low' END`, cat: 'str', suffix: 'band' }),
    (x) => ({ sql: `greatest(${x}, 0.0)`, cat: 'num', suffix: 'pos' }),
  ],
  str: [
    (x) => ({ sql: `upper(trim(${x}))`, cat: 'str', suffix: 'norm' }),
    (x) => ({ sql: `length(${x})`, cat: 'int', suffix: 'len' }),
    (x) => ({ sql: `coalesce(${x}, 'unknown')`, cat: 'str', suffix: 'filled' }),
    (x) => ({ sql: `substr(${x}, 1, 3)`, cat: 'str', suffix: 'pfx' }),
    (x) => ({ sql: `TRY_CAST(${x} AS INTEGER)`, cat: 'int', suffix: 'parsed' }),
    (x) => ({ sql: `${x} LIKE 'A%'`, cat: 'bool', suffix: 'starts_a' }),
    (x) => ({ sql: `regexp_replace(${x}, '\\s+', ' ', 'g')`, cat: 'str', suffix: 'clean' }),
  ],
  bool: [
    (x) => ({ sql: `coalesce(${x}, false)`, cat: 'bool', suffix: 'flag' }),
    (x) => ({ sql: `CASE WHEN ${x} THEN 1 ELSE 0 END`, cat: 'int', suffix: 'ind' }),
    (x) => ({ sql: `NOT coalesce(${x}, false)`, cat: 'bool', suffix: 'neg' }),
  ],
};

const AGGREGATE: Readonly<Record<Cat, readonly Template[]>> = {
  int: [
    (x) => ({ sql: `sum(${x})`, cat: 'int', suffix: 'sum' }),
    (x) => ({ sql: `max(${x})`, cat: 'int', suffix: 'max' }),
    (x) => ({ sql: `count(DISTINCT ${x})`, cat: 'int', suffix: 'distinct' }),
    (x) => ({ sql: `avg(${x})`, cat: 'num', suffix: 'avg' }),
  ],
  num: [
    (x) => ({ sql: `sum(${x})`, cat: 'num', suffix: 'sum' }),
    (x) => ({ sql: `avg(${x})`, cat: 'num', suffix: 'avg' }),
    (x) => ({ sql: `min(${x})`, cat: 'num', suffix: 'min' }),
    (x) => ({ sql: `max(${x})::DOUBLE`, cat: 'num', suffix: 'max' }),
  ],
  str: [
    (x) => ({ sql: `max(${x})`, cat: 'str', suffix: 'max' }),
    (x) => ({ sql: `count(${x})`, cat: 'int', suffix: 'cnt' }),
    (x) => ({ sql: `string_agg(DISTINCT ${x}, ', ')`, cat: 'str', suffix: 'list' }),
    (x) => ({ sql: `count(DISTINCT ${x})`, cat: 'int', suffix: 'distinct' }),
  ],
  bool: [
    (x) => ({ sql: `bool_or(${x})`, cat: 'bool', suffix: 'any' }),
    (x) => ({ sql: `bool_and(${x})`, cat: 'bool', suffix: 'all' }),
    (x) => ({ sql: `sum(CASE WHEN ${x} THEN 1 ELSE 0 END)`, cat: 'int', suffix: 'true_cnt' }),
  ],
};

function apply(rng: Rng, table: readonly Template[], qualifier: string, c: Col, taken: Set<string>): Expr {
  const t = rng.pick(table)(`${qualifier}${c.name}`);
  return { sql: t.sql, col: { name: uniqueName(`${stem(c.name)}_${t.suffix}`, taken), cat: t.cat } };
}

/** A per-row expression over column `c` (qualified with `qualifier`, e.g. `u.`), named uniquely in `taken`. */
export function deriveExpr(rng: Rng, qualifier: string, c: Col, taken: Set<string>): Expr {
  return apply(rng, DERIVE[c.cat], qualifier, c, taken);
}

/** An aggregate over column `c` for a GROUP BY query. */
export function aggregateExpr(rng: Rng, qualifier: string, c: Col, taken: Set<string>): Expr {
  return apply(rng, AGGREGATE[c.cat], qualifier, c, taken);
}

/** A boolean condition on column `c`. */
export function predicate(rng: Rng, qualifier: string, c: Col): string {
  const x = `${qualifier}${c.name}`;
  switch (c.cat) {
    case 'int':
      return rng.pick([`${x} > ${rng.int(0, 50)}`, `${x} BETWEEN 1 AND ${rng.int(100, 5000)}`, `${x} IS NOT NULL`, `${x} <> 0`]);
    case 'num':
      return rng.pick([`${x} >= ${rng.int(0, 99)}.5`, `${x} IS NOT NULL`, `coalesce(${x}, 0) < ${rng.int(1000, 90000)}`]);
    case 'str':
      return rng.pick([`${x} IS NOT NULL`, `${x} <> ''`, `${x} LIKE '%${rng.pick(['a', 'e', 'o', 'x'])}%'`, `lower(${x}) IN ('north', 'south', 'east', 'west')`]);
    case 'bool':
      return rng.pick([`coalesce(${x}, true)`, `${x} IS NOT NULL`, `NOT coalesce(${x}, false)`]);
  }
}

/**
 * A window expression partitioned by `key` (qualified), ordering by `order`; `value` is a column to
 * aggregate or look back on. Returns the expression with its output column.
 */
export function windowExpr(rng: Rng, qualifier: string, key: string, order: Col, value: Col, taken: Set<string>): Expr {
  const p = `PARTITION BY ${qualifier}${key}`;
  const o = `${qualifier}${order.name}`;
  const v = `${qualifier}${value.name}`;
  const numeric = value.cat === 'int' || value.cat === 'num';
  const options: { sql: string; cat: Cat; base: string }[] = [
    { sql: `row_number() OVER (${p} ORDER BY ${o} DESC NULLS LAST)`, cat: 'int', base: `${stem(order.name)}_rn` },
    { sql: `rank() OVER (${p} ORDER BY ${o})`, cat: 'int', base: `${stem(order.name)}_rank` },
    { sql: `count(*) OVER (${p})`, cat: 'int', base: `${key.replace(/_id$/, '')}_rows` },
    { sql: `lag(${v}) OVER (${p} ORDER BY ${o})`, cat: value.cat, base: `${stem(value.name)}_prev` },
    { sql: `first_value(${v}) OVER (${p} ORDER BY ${o})`, cat: value.cat, base: `${stem(value.name)}_first` },
  ];
  if (numeric) {
    options.push({ sql: `sum(${v}) OVER (${p})`, cat: value.cat, base: `${stem(value.name)}_key_total` });
    options.push({ sql: `avg(${v}) OVER (${p} ORDER BY ${o} ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)`, cat: 'num', base: `${stem(value.name)}_mavg` });
  }
  const w = rng.pick(options);
  return { sql: w.sql, col: { name: uniqueName(w.base, taken), cat: w.cat } };
}
