// gen/: CTE-heavy models: a base CTE over one upstream, 2–7 more CTE steps (windows, QUALIFY, CASE,
// GROUP BY, joins, UNION ALL, subqueries, EXCLUDE/REPLACE casts), then a final SELECT.
import { runStep, addCte, joinAggregate, readDataset, type CteState, type CteStep } from './cte-steps.js';
import type { ModelDraft } from './draft.js';
import { carriedCols, selectList } from './draft.js';
import { deriveExpr, predicate } from './expressions.js';
import type { Rng } from './prng.js';
import type { Registry } from './registry.js';
import { keyOf, plainCols, type Col, type Dataset, type Layer } from './relation.js';

const STEP_WEIGHTS: Readonly<Record<CteStep, number>> = {
  window: 3, qualify: 2, bucket: 2, aggregate: 2, join_agg: 2, join_side: 2, union: 1.5, in_subquery: 1.5, recast: 1.5,
};

/** A model with 3–8 CTEs over one primary upstream (plus the partners some steps read). */
export function cteModel(rng: Rng, reg: Registry, layer: Layer): ModelDraft {
  const primary = reg.pickPrimary(rng, layer);
  const st: CteState = { rng, reg, layer, ctes: [], cteNames: new Set(), main: { name: '', rel: primary }, pending: [], reads: [], features: [] };
  st.main = baseCte(st, primary);
  const target = rng.int(3, 8);
  for (let guard = 0; st.ctes.length < target && guard < 50; guard++) {
    const step = rng.weighted(STEP_WEIGHTS);
    if (step === 'union' && target - st.ctes.length < 2) continue;
    runStep(st, step);
  }
  const final = finalSelect(st);
  const ctes = st.ctes.flatMap((lines, i) => (i < st.ctes.length - 1 ? [...lines.slice(0, -1), '),'] : lines));
  const body = [`WITH ${ctes[0]!}`, ...ctes.slice(1), ...final.lines];
  const features = [...new Set(st.features)].sort().join(' ');
  return {
    kind: 'cte', shape: `${st.ctes.length} CTEs (${features || 'projection'})`,
    description: `Multi-step transform of ${primary.name} (${st.ctes.length} CTEs)`,
    body, out: { cols: final.cols, grain: primary.grain }, reads: st.reads,
  };
}

/** The first CTE: `SELECT * EXCLUDE (…)` or an explicit projection of the primary, filtered. */
function baseCte(st: CteState, primary: Dataset): CteState['main'] {
  const { rng } = st;
  const ref = readDataset(st, primary);
  const plain = plainCols(primary);
  const where = plain.length ? [`WHERE ${predicate(rng, '', rng.pick(plain))}`] : [];
  if (plain.length >= 7 && primary.cols.length <= 30 && rng.chance(0.5)) {
    const dropped = rng.sample(plain, rng.int(1, 3));
    const names = new Set(dropped.map((c) => c.name));
    st.features.push('exclude');
    const lines = [`SELECT * EXCLUDE (${dropped.map((c) => c.name).join(', ')})`, `FROM ${ref}`, ...where];
    return addCte(st, 'base_rows', lines, { grain: primary.grain, cols: primary.cols.filter((c) => !names.has(c.name)) });
  }
  const carried = carriedCols(rng, primary, rng.int(8, 16));
  const taken = new Set(carried.map((c) => c.name));
  const items = carried.map((c) => c.name);
  const cols: Col[] = [...carried];
  for (let i = rng.int(0, 3); i > 0 && plain.length; i--) {
    const e = deriveExpr(rng, '', rng.pick(plain), taken);
    items.push(`${e.sql} AS ${e.col.name}`);
    cols.push(e.col);
  }
  return addCte(st, 'base_rows', ['SELECT', ...selectList(items), `FROM ${ref}`, ...where], { grain: primary.grain, cols });
}

/** The outer SELECT: up to 20 main-line columns, one pending aggregate joined back, maybe a scalar subquery. */
function finalSelect(st: CteState): { lines: string[]; cols: Col[] } {
  const { rng, main } = st;
  const key = keyOf(main.rel.grain);
  const carried = carriedCols(rng, main.rel, rng.int(6, 20));
  const taken = new Set(carried.map((c) => c.name));
  const items = carried.map((c) => `m.${c.name}`);
  const cols: Col[] = [...carried];
  const joins: string[] = [];
  const agg = st.pending.pop();
  if (agg) {
    const joined = joinAggregate(st, agg, 'm', 'k', taken);
    items.push(...joined.items);
    cols.push(...joined.cols);
    joins.push(joined.join);
  }
  if (rng.chance(0.25)) {
    const name = 'base_row_total';
    if (!taken.has(name)) {
      taken.add(name);
      items.push(`(SELECT count(*) FROM base_rows) AS ${name}`);
      cols.push({ name, cat: 'int' });
      st.features.push('subquery');
    }
  }
  const order = rng.chance(0.4) ? [`ORDER BY m.${key}`] : [];
  return { lines: ['SELECT', ...selectList(items), `FROM ${main.name} AS m`, ...joins, ...order], cols };
}
