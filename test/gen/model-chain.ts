// gen/: chain links: model k reads model k-1 (and sometimes one lookup), the shape of a staged cleanup.
import type { ModelDraft } from './draft.js';
import { carriedCols, indent, selectList } from './draft.js';
import { deriveExpr, predicate } from './expressions.js';
import type { Rng } from './prng.js';
import { refOf, type Registry } from './registry.js';
import { keyOf, plainCols, stem, uniqueName, type Col, type Dataset, type Layer } from './relation.js';

export type ChainStep = 'clean' | 'dedupe' | 'enrich';

/** One link of a chain reading `prev`. `position` and `length` only feed the header. */
export function chainLink(rng: Rng, reg: Registry, layer: Layer, prev: Dataset, position: number, length: number): ModelDraft {
  const step = rng.weighted<ChainStep>({ clean: 4, dedupe: 3, enrich: 3 });
  const built = step === 'dedupe' ? dedupeLink(rng, prev) : step === 'enrich' ? enrichLink(rng, reg, layer, prev) ?? cleanLink(rng, prev) : cleanLink(rng, prev);
  return { kind: 'chain', shape: `chain link ${position}/${length} (${built.step})`, ...built.draft };
}

type LinkDraft = { step: ChainStep; draft: Omit<ModelDraft, 'kind' | 'shape'> };

/** Carries most columns of `prev`, replaces a few with cleaned versions, filters rows. */
function cleanLink(rng: Rng, prev: Dataset): LinkDraft {
  const carried = carriedCols(rng, prev, rng.int(10, 22));
  const taken = new Set<string>();
  const items: string[] = [];
  const cols: Col[] = [];
  const replaced = new Set(rng.sample(carried.filter((c) => !c.name.endsWith('_id')), rng.int(1, 4)));
  for (const c of carried) if (!replaced.has(c)) taken.add(c.name);
  for (const c of carried) {
    if (!replaced.has(c)) {
      items.push(`p.${c.name}`);
      cols.push(c);
      continue;
    }
    const e = deriveExpr(rng, 'p.', c, taken);
    items.push(`${e.sql} AS ${e.col.name}`);
    cols.push(e.col);
  }
  const plain = plainCols(prev);
  const conds = plain.length ? rng.sample(plain, rng.int(1, 2)).map((c) => predicate(rng, 'p.', c)) : [`p.${keyOf(prev.grain)} IS NOT NULL`];
  const body = ['SELECT', ...selectList(items), `FROM ${refOf(rng, prev)} AS p`, ...conds.map((c, i) => `${i === 0 ? 'WHERE' : '  AND'} ${c}`)];
  return { step: 'clean', draft: { description: `Cleaned rows of ${prev.name}`, body, out: { cols, grain: prev.grain }, reads: [prev.name] } };
}

/** Keeps the latest row per key with a ranking CTE; the final select lists or EXCLUDEs columns. */
function dedupeLink(rng: Rng, prev: Dataset): LinkDraft {
  const key = keyOf(prev.grain);
  const plain = plainCols(prev);
  const order = plain.length ? rng.pick(plain) : prev.cols[0]!;
  const rank = uniqueName('dedupe_rank', new Set(prev.cols.map((c) => c.name)));
  const conds = plain.length ? [predicate(rng, 'p.', rng.pick(plain))] : [];
  const cte = [
    'WITH ranked AS (',
    ...indent(['SELECT', '  p.*,', `  row_number() OVER (PARTITION BY p.${key} ORDER BY p.${order.name} DESC NULLS LAST) AS ${rank}`, `FROM ${refOf(rng, prev)} AS p`, ...conds.map((c) => `WHERE ${c}`)]),
    ')',
  ];
  let body: string[];
  let cols: Col[];
  if (prev.cols.length <= 24 && rng.chance(0.5)) {
    body = [...cte, `SELECT * EXCLUDE (${rank})`, 'FROM ranked', `WHERE ${rank} = 1`];
    cols = [...prev.cols];
  } else {
    cols = carriedCols(rng, prev, rng.int(10, 22));
    body = [...cte, 'SELECT', ...selectList(cols.map((c) => `r.${c.name}`)), 'FROM ranked AS r', `WHERE r.${rank} = 1`];
  }
  return { step: 'dedupe', draft: { description: `Latest row per ${key} of ${prev.name} (ranked by ${order.name})`, body, out: { cols, grain: prev.grain }, reads: [prev.name] } };
}

/** Joins a lookup on one of `prev`'s keys and adds 2–5 of its columns. */
function enrichLink(rng: Rng, reg: Registry, layer: Layer, prev: Dataset): LinkDraft | undefined {
  const lookup = reg.pickJoinable(rng, layer, prev, new Set([prev.name]));
  if (!lookup) return undefined;
  const joinKey = keyOf(lookup.grain);
  const carried = carriedCols(rng, prev, rng.int(8, 18));
  const taken = new Set(carried.map((c) => c.name));
  const items = carried.map((c) => `p.${c.name}`);
  const cols: Col[] = [...carried];
  for (const c of rng.sample(plainCols(lookup), rng.int(2, 5))) {
    const name = uniqueName(`${stem(c.name)}_lkp`, taken);
    items.push(rng.chance(0.3) ? `coalesce(l.${c.name}, ${c.cat === 'str' ? "'n/a'" : c.cat === 'bool' ? 'false' : '0'}) AS ${name}` : `l.${c.name} AS ${name}`);
    cols.push({ name, cat: c.cat });
  }
  const join = rng.chance(0.75) ? 'LEFT JOIN' : 'INNER JOIN';
  const body = ['SELECT', ...selectList(items), `FROM ${refOf(rng, prev)} AS p`, `${join} ${refOf(rng, lookup)} AS l`, `  ON l.${joinKey} = p.${joinKey}`];
  return { step: 'enrich', draft: { description: `${prev.name} enriched with ${lookup.name} on ${joinKey}`, body, out: { cols, grain: prev.grain }, reads: [prev.name, lookup.name] } };
}
