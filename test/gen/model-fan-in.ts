// gen/: wide fan-in marts: one base relation LEFT JOINed to 5–20 upstream models on shared keys.
import type { ModelDraft } from './draft.js';
import { carriedCols, selectList } from './draft.js';
import { deriveExpr } from './expressions.js';
import type { Rng } from './prng.js';
import { refOf, type Registry } from './registry.js';
import { keyOf, plainCols, stem, uniqueName, type Col, type Dataset, type Layer } from './relation.js';

/** Fewest joins a fan-in model has; below that many joinable upstreams the caller generates another kind. */
export const MIN_FAN_IN = 5;
const MAX_FAN_IN = 20;

/**
 * A gold-style mart: the base's key columns and a few attributes, then 1–3 columns from each of 5–20
 * joined models (aliased `<column>_tNN`), each joined on a key the base carries.
 * @returns undefined when fewer than MIN_FAN_IN models can be joined to any base tried.
 */
export function fanInModel(rng: Rng, reg: Registry, layer: Layer): ModelDraft | undefined {
  for (let attempt = 0; attempt < 4; attempt++) {
    const base = reg.pickPrimary(rng, layer);
    const candidates = dedupe(reg.joinable(layer, base, new Set([base.name])));
    if (candidates.length < MIN_FAN_IN) continue;
    const joined = rng.sample(candidates, rng.int(MIN_FAN_IN, Math.min(MAX_FAN_IN, candidates.length)));
    return build(rng, base, joined);
  }
  return undefined;
}

function build(rng: Rng, base: Dataset, joined: readonly Dataset[]): ModelDraft {
  const carried = carriedCols(rng, base, rng.int(5, 10));
  const taken = new Set(carried.map((c) => c.name));
  const items = carried.map((c) => `b.${c.name}`);
  const cols: Col[] = [...carried];
  const joins: string[] = [];
  joined.forEach((d, i) => {
    const alias = `t${String(i + 1).padStart(2, '0')}`;
    const key = keyOf(d.grain);
    for (const c of rng.sample(plainCols(d), rng.int(1, 3))) {
      if (rng.chance(0.2)) {
        const e = deriveExpr(rng, `${alias}.`, c, taken);
        items.push(`${e.sql} AS ${e.col.name}`);
        cols.push(e.col);
      } else {
        const name = uniqueName(`${stem(c.name)}_${alias}`, taken);
        items.push(`${alias}.${c.name} AS ${name}`);
        cols.push({ name, cat: c.cat });
      }
    }
    joins.push(`LEFT JOIN ${refOf(rng, d)} AS ${alias} ON ${alias}.${key} = b.${key}`);
  });
  const body = ['SELECT', ...selectList(items), `FROM ${refOf(rng, base)} AS b`, ...joins];
  return {
    kind: 'fan_in', shape: `fan-in of ${joined.length + 1} upstream models`,
    description: `Wide mart over ${base.name} joined to ${joined.length} upstream models`,
    body, out: { cols, grain: base.grain }, reads: [base.name, ...joined.map((d) => d.name)],
  };
}

function dedupe(list: readonly Dataset[]): Dataset[] {
  const seen = new Set<string>();
  return list.filter((d) => !seen.has(d.name) && seen.add(d.name));
}
