// gen/: the CTE steps a CTE-heavy model chains together. Each step reads the model's main line (and
// maybe one more upstream) and adds one or two CTEs whose columns it tracks exactly.
import { indent, selectList } from './draft.js';
import { aggregateExpr, predicate, windowExpr } from './expressions.js';
import type { Rng } from './prng.js';
import { refOf, type Registry } from './registry.js';
import { colsOf, keyOf, plainCols, stem, uniqueName, type Col, type Dataset, type Layer, type Rel } from './relation.js';

/** A CTE of the model being built, by name. */
export interface NamedRel {
  readonly name: string;
  readonly rel: Rel;
}

/** Mutable state of one CTE-heavy model while its steps are generated. */
export interface CteState {
  readonly rng: Rng;
  readonly reg: Registry;
  readonly layer: Layer;
  readonly ctes: string[][];
  readonly cteNames: Set<string>;
  /** The CTE the next step transforms; the final SELECT reads it. */
  main: NamedRel;
  /** Per-key aggregates not yet joined back to the main line (same grain as main). */
  readonly pending: NamedRel[];
  /** Dataset names read so far. */
  readonly reads: string[];
  /** SQL features used, for the header (`window`, `qualify`, …). */
  readonly features: string[];
}

export type CteStep = 'window' | 'qualify' | 'bucket' | 'aggregate' | 'join_agg' | 'join_side' | 'union' | 'in_subquery' | 'recast';

/** Adds a CTE named after `word` (made unique) and returns it. */
export function addCte(st: CteState, word: string, lines: readonly string[], rel: Rel): NamedRel {
  const name = uniqueName(word, st.cteNames);
  st.ctes.push([`${name} AS (`, ...indent(lines), ')']);
  return { name, rel };
}

/** A dataset read, recorded in `reads`, and how the SQL names it. */
export function readDataset(st: CteState, d: Dataset): string {
  if (!st.reads.includes(d.name)) st.reads.push(d.name);
  return refOf(st.rng, d);
}

const keyName = (st: CteState): string => keyOf(st.main.rel.grain);
const numericOf = (rel: Rel): Col[] => colsOf(rel, 'int', 'num');
const orderColOf = (rng: Rng, rel: Rel): Col => rng.pick(plainCols(rel).length ? plainCols(rel) : rel.cols);

/** Runs one step; returns false when it does not apply to the current state (the caller picks another). */
export function runStep(st: CteState, step: CteStep): boolean {
  switch (step) {
    case 'window': return windowStep(st);
    case 'qualify': return qualifyStep(st);
    case 'bucket': return bucketStep(st);
    case 'aggregate': return aggregateStep(st);
    case 'join_agg': return joinAggStep(st);
    case 'join_side': return joinSideStep(st);
    case 'union': return unionStep(st);
    case 'in_subquery': return inSubqueryStep(st);
    case 'recast': return recastStep(st);
  }
}

function windowStep(st: CteState): boolean {
  const { rng, main } = st;
  const taken = new Set(main.rel.cols.map((c) => c.name));
  const order = orderColOf(rng, main.rel);
  const values = numericOf(main.rel);
  const added = Array.from({ length: rng.int(1, 3) }, () => windowExpr(rng, 'w.', keyName(st), order, values.length ? rng.pick(values) : order, taken));
  const lines = ['SELECT', ...selectList(['w.*', ...added.map((e) => `${e.sql} AS ${e.col.name}`)]), `FROM ${main.name} AS w`];
  st.main = addCte(st, 'windowed', lines, { grain: main.rel.grain, cols: [...main.rel.cols, ...added.map((e) => e.col)] });
  st.features.push('window');
  return true;
}

function qualifyStep(st: CteState): boolean {
  const { rng, main } = st;
  const order = orderColOf(rng, main.rel);
  const lines = ['SELECT *', `FROM ${main.name}`, `QUALIFY row_number() OVER (PARTITION BY ${keyName(st)} ORDER BY ${order.name} DESC NULLS LAST) = 1`];
  st.main = addCte(st, 'latest_per_key', lines, main.rel);
  st.features.push('qualify');
  return true;
}

function bucketStep(st: CteState): boolean {
  const { rng, main } = st;
  const taken = new Set(main.rel.cols.map((c) => c.name));
  const items = ['b.*'];
  const cols: Col[] = [...main.rel.cols];
  const nums = numericOf(main.rel);
  const strs = colsOf(main.rel, 'str');
  if (!nums.length && !strs.length) return false;
  if (nums.length) {
    const n = rng.pick(nums);
    const hi = rng.int(500, 5000);
    const name = uniqueName(`${stem(n.name)}_size`, taken);
    items.push(['CASE', `  WHEN b.${n.name} >= ${hi} THEN 'large'`, `  WHEN b.${n.name} >= ${Math.floor(hi / 10)} THEN 'medium'`, `  WHEN b.${n.name} IS NULL THEN 'unknown'`, "  ELSE 'small'", `END AS ${name}`].join('\n'));
    cols.push({ name, cat: 'str' });
  }
  if (strs.length) {
    const s = rng.pick(strs);
    const name = uniqueName(`${stem(s.name)}_present`, taken);
    items.push(`CASE WHEN b.${s.name} IS NULL OR b.${s.name} = '' THEN 0 ELSE 1 END AS ${name}`);
    cols.push({ name, cat: 'int' });
  }
  st.main = addCte(st, 'bucketed', ['SELECT', ...selectList(items), `FROM ${main.name} AS b`], { grain: main.rel.grain, cols });
  st.features.push('case');
  return true;
}

function aggregateStep(st: CteState): boolean {
  const { rng, main } = st;
  const key = keyName(st);
  const taken = new Set([key]);
  const count = { name: uniqueName('row_count', taken), cat: 'int' as const };
  const aggs = rng.sample(plainCols(main.rel), rng.int(2, 5)).map((c) => aggregateExpr(rng, 'a.', c, taken));
  const having = rng.chance(0.3) ? ['HAVING count(*) > 1'] : [];
  const lines = ['SELECT', ...selectList([`a.${key}`, `count(*) AS ${count.name}`, ...aggs.map((e) => `${e.sql} AS ${e.col.name}`)]), `FROM ${main.name} AS a`, `GROUP BY a.${key}`, ...having];
  st.pending.push(addCte(st, 'per_key_totals', lines, { grain: main.rel.grain, cols: [{ name: key, cat: 'int' }, count, ...aggs.map((e) => e.col)] }));
  st.features.push('group_by');
  return true;
}

/** `SELECT m.*, k.<cols> FROM main m LEFT JOIN agg k USING the key`: lines and added columns. */
export function joinAggregate(st: CteState, agg: NamedRel, mainAlias: string, aggAlias: string, taken: Set<string>): { items: string[]; cols: Col[]; join: string } {
  const key = keyName(st);
  const items: string[] = [];
  const cols: Col[] = [];
  for (const c of agg.rel.cols) {
    if (c.name === key) continue;
    const name = uniqueName(c.name, taken);
    items.push(name === c.name ? `${aggAlias}.${c.name}` : `${aggAlias}.${c.name} AS ${name}`);
    cols.push({ name, cat: c.cat });
  }
  return { items, cols, join: `LEFT JOIN ${agg.name} AS ${aggAlias} ON ${aggAlias}.${key} = ${mainAlias}.${key}` };
}

function joinAggStep(st: CteState): boolean {
  const agg = st.pending.shift();
  if (!agg) return false;
  const { main } = st;
  const joined = joinAggregate(st, agg, 'm', 'k', new Set(main.rel.cols.map((c) => c.name)));
  const lines = ['SELECT', ...selectList(['m.*', ...joined.items]), `FROM ${main.name} AS m`, joined.join];
  st.main = addCte(st, 'with_totals', lines, { grain: main.rel.grain, cols: [...main.rel.cols, ...joined.cols] });
  st.features.push('join');
  return true;
}

function joinSideStep(st: CteState): boolean {
  const { rng, main } = st;
  const side = st.reg.pickJoinable(rng, st.layer, main.rel, new Set(st.reads));
  if (!side) return false;
  const key = keyOf(side.grain);
  const taken = new Set(main.rel.cols.map((c) => c.name));
  const picked = rng.sample(plainCols(side), rng.int(2, 4)).map((c) => ({ c, name: uniqueName(`${stem(c.name)}_${side.grain}`, taken) }));
  const lines = ['SELECT', ...selectList(['m.*', ...picked.map((p) => `s.${p.c.name} AS ${p.name}`)]), `FROM ${main.name} AS m`, `LEFT JOIN ${readDataset(st, side)} AS s`, `  ON s.${key} = m.${key}`];
  st.main = addCte(st, `joined_${side.grain}`, lines, { grain: main.rel.grain, cols: [...main.rel.cols, ...picked.map((p) => ({ name: p.name, cat: p.c.cat }))] });
  st.features.push('join');
  return true;
}

/** One UNION ALL branch: key, origin, label (any column as VARCHAR), amount (a number as DOUBLE). */
function unionBranch(rng: Rng, from: string, alias: string, rel: Rel, key: string, origin: string, where: string | undefined): string[] {
  const plain = plainCols(rel);
  const nums = numericOf(rel);
  const label = plain.length ? `${alias}.${rng.pick(plain).name}::VARCHAR` : `${alias}.${key}::VARCHAR`;
  const amount = nums.length ? `${alias}.${rng.pick(nums).name}::DOUBLE` : 'NULL::DOUBLE';
  return ['SELECT', ...selectList([`${alias}.${key}`, `'${origin}' AS origin`, `${label} AS label`, `${amount} AS amount`]), `FROM ${from} AS ${alias}`, ...(where ? [`WHERE ${where}`] : [])];
}

function unionStep(st: CteState): boolean {
  const { rng, main } = st;
  const key = keyName(st);
  const partner = st.reg.sameGrain(rng, st.layer, main.rel.grain, new Set(st.reads));
  const plain = plainCols(main.rel);
  const cond = plain.length ? predicate(rng, 'o.', rng.pick(plain)) : undefined;
  const second = partner
    ? unionBranch(rng, readDataset(st, partner), 'o', partner, key, partner.name, plainCols(partner).length ? predicate(rng, 'o.', rng.pick(plainCols(partner))) : undefined)
    : unionBranch(rng, main.name, 'o', main.rel, key, 'filtered', cond);
  const lines = [...unionBranch(rng, main.name, 'm', main.rel, key, 'current', undefined), 'UNION ALL', ...second];
  const unioned = addCte(st, 'unioned', lines, { grain: main.rel.grain, cols: [{ name: key, cat: 'int' }, { name: 'origin', cat: 'str' }, { name: 'label', cat: 'str' }, { name: 'amount', cat: 'num' }] });
  const totals = ['SELECT', ...selectList([`u.${key}`, 'count(*) AS union_rows', 'count(DISTINCT u.label) AS distinct_labels', 'sum(u.amount) AS amount_total', 'max(u.origin) AS last_origin']), `FROM ${unioned.name} AS u`, `GROUP BY u.${key}`];
  st.pending.push(addCte(st, 'union_totals', totals, { grain: main.rel.grain, cols: [{ name: key, cat: 'int' }, { name: 'union_rows', cat: 'int' }, { name: 'distinct_labels', cat: 'int' }, { name: 'amount_total', cat: 'num' }, { name: 'last_origin', cat: 'str' }] }));
  st.features.push('union_all');
  return true;
}

function inSubqueryStep(st: CteState): boolean {
  const { rng, main } = st;
  const key = keyName(st);
  const nums = numericOf(main.rel);
  let where: string[];
  const partner = rng.chance(0.6) ? st.reg.sameGrain(rng, st.layer, main.rel.grain, new Set(st.reads)) : undefined;
  if (partner) {
    const plain = plainCols(partner);
    where = [`WHERE f.${key} IN (`, '  SELECT o.' + key, `  FROM ${readDataset(st, partner)} AS o`, ...(plain.length ? [`  WHERE ${predicate(rng, 'o.', rng.pick(plain))}`] : []), ')'];
  } else if (nums.length) {
    const n = rng.pick(nums);
    where = [`WHERE f.${n.name} >= (`, `  SELECT avg(x.${n.name}) * 0.5`, `  FROM ${main.name} AS x`, ')'];
  } else {
    const plain = plainCols(main.rel);
    const cond = plain.length ? ` AND ${predicate(rng, 'x.', rng.pick(plain))}` : '';
    where = ['WHERE EXISTS (', '  SELECT 1', `  FROM ${main.name} AS x`, `  WHERE x.${key} = f.${key}${cond}`, ')'];
  }
  st.main = addCte(st, 'filtered', ['SELECT f.*', `FROM ${main.name} AS f`, ...where], main.rel);
  st.features.push('subquery');
  return true;
}

function recastStep(st: CteState): boolean {
  const { rng, main } = st;
  const plain = plainCols(main.rel);
  if (plain.length < 3) return false;
  const targets = rng.sample(plain, rng.int(1, Math.min(3, plain.length - 1)));
  if (rng.chance(0.4)) {
    const dropped = new Set(targets.map((c) => c.name));
    const lines = [`SELECT * EXCLUDE (${targets.map((c) => c.name).join(', ')})`, `FROM ${main.name}`];
    st.main = addCte(st, 'trimmed', lines, { grain: main.rel.grain, cols: main.rel.cols.filter((c) => !dropped.has(c.name)) });
    st.features.push('exclude');
    return true;
  }
  const casts = new Map<string, { sql: string; cat: Col['cat'] }>();
  for (const c of targets) {
    if (c.cat === 'int') casts.set(c.name, { sql: `${c.name}::DOUBLE`, cat: 'num' });
    else if (c.cat === 'num') casts.set(c.name, rng.chance(0.5) ? { sql: `round(${c.name}, 1)`, cat: 'num' } : { sql: `${c.name}::BIGINT`, cat: 'int' });
    else casts.set(c.name, { sql: `${c.name}::VARCHAR`, cat: 'str' });
  }
  const lines = [`SELECT * REPLACE (${[...casts].map(([n, e]) => `${e.sql} AS ${n}`).join(', ')})`, `FROM ${main.name}`];
  st.main = addCte(st, 'recast', lines, { grain: main.rel.grain, cols: main.rel.cols.map((c) => ({ name: c.name, cat: casts.get(c.name)?.cat ?? c.cat })) });
  st.features.push('cast');
  return true;
}
