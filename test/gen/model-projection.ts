// gen/: plain projection models: one upstream, a select list of carried and derived columns, a filter.
import type { ModelDraft } from './draft.js';
import { carriedCols, selectList } from './draft.js';
import { deriveExpr, predicate } from './expressions.js';
import type { Rng } from './prng.js';
import { refOf, type Registry } from './registry.js';
import { plainCols, type Col, type Layer } from './relation.js';

/** A single-upstream projection with 10–28 output columns and a one- or two-term WHERE. */
export function projectionModel(rng: Rng, reg: Registry, layer: Layer): ModelDraft {
  const up = reg.pickPrimary(rng, layer);
  const carried = carriedCols(rng, up, rng.int(8, 20));
  const taken = new Set(carried.map((c) => c.name));
  const items = carried.map((c) => `u.${c.name}`);
  const cols: Col[] = [...carried];
  const sources = plainCols(up);
  for (let i = rng.int(2, 8); i > 0 && sources.length; i--) {
    const e = deriveExpr(rng, 'u.', rng.pick(sources), taken);
    items.push(`${e.sql} AS ${e.col.name}`);
    cols.push(e.col);
  }
  const conds = rng.sample(sources, rng.int(1, 2)).map((c) => predicate(rng, 'u.', c));
  const body = [
    'SELECT',
    ...selectList(items),
    `FROM ${refOf(rng, up)} AS u`,
    ...conds.map((c, i) => `${i === 0 ? 'WHERE' : '  AND'} ${c}`),
  ];
  return {
    kind: 'projection', shape: 'projection', description: `Selected and derived columns of ${up.name}`,
    body, out: { cols, grain: up.grain }, reads: [up.name],
  };
}
