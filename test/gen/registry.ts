// gen/: every dataset generated so far, indexed the ways model generators ask for upstreams: by layer
// (recent ones first) and by grain (to find relations a key column can join to).
import type { Rng } from './prng.js';
import { idCols, keyOf, type Dataset, type Layer, type Rel } from './relation.js';

/** Layers a model of `layer` may read: silver reads bronze and silver, gold reads silver and gold. */
export function readableLayers(layer: Layer): readonly Layer[] {
  return layer === 'silver' ? ['bronze', 'silver'] : ['silver', 'gold'];
}

/** How far back "recent" reaches: upstream picks favour the last few hundred datasets, like a real DAG. */
const RECENT = 200;

export class Registry {
  private readonly byLayer = new Map<Layer, Dataset[]>();
  private readonly byLayerGrain = new Map<string, Dataset[]>();
  private readonly byName = new Map<string, Dataset>();
  readonly all: Dataset[] = [];

  add(d: Dataset): void {
    this.all.push(d);
    this.byName.set(d.name, d);
    push(this.byLayer, d.layer, d);
    push(this.byLayerGrain, `${d.layer}/${d.grain}`, d);
  }

  get(name: string): Dataset | undefined {
    return this.byName.get(name);
  }

  count(layer: Layer): number {
    return this.byLayer.get(layer)?.length ?? 0;
  }

  /** The main input of a new model of `layer`, favouring recent datasets; falls back to the lower readable layer. */
  pickPrimary(rng: Rng, layer: Layer): Dataset {
    const [lower, same] = readableLayers(layer) as [Layer, Layer];
    const pool = this.byLayer.get(same);
    const useSame = pool !== undefined && pool.length > 0 && rng.chance(layer === 'silver' ? 0.75 : 0.5);
    const list = useSame ? pool : this.byLayer.get(lower);
    if (!list?.length) throw new Error(`generator: nothing readable for a ${layer} model`);
    return rng.chance(0.15) ? rng.pick(list) : rng.pickRecent(list, RECENT);
  }

  /**
   * Datasets a model of `layer` can join to `rel`: those whose grain key is one of `rel`'s key columns,
   * excluding names in `exclude`. Recent ones first, at most `limit` per grain and layer.
   */
  joinable(layer: Layer, rel: Rel, exclude: ReadonlySet<string>, limit = RECENT): Dataset[] {
    const out: Dataset[] = [];
    for (const key of idCols(rel)) {
      const grain = key.name.replace(/_id$/, '');
      for (const l of readableLayers(layer)) {
        const list = this.byLayerGrain.get(`${l}/${grain}`) ?? [];
        for (let i = list.length - 1; i >= Math.max(0, list.length - limit); i--) {
          const d = list[i]!;
          if (!exclude.has(d.name) && d.cols.some((c) => c.name === keyOf(d.grain))) out.push(d);
        }
      }
    }
    return out;
  }

  /** One dataset joinable to `rel` (see joinable), or undefined when there is none. */
  pickJoinable(rng: Rng, layer: Layer, rel: Rel, exclude: ReadonlySet<string>): Dataset | undefined {
    const list = this.joinable(layer, rel, exclude, 40);
    return list.length ? rng.pick(list) : undefined;
  }

  /** Datasets readable by `layer` that carry `key` (same grain as the key): union and IN-subquery partners. */
  sameGrain(rng: Rng, layer: Layer, grain: string, exclude: ReadonlySet<string>): Dataset | undefined {
    const list = readableLayers(layer).flatMap((l) => (this.byLayerGrain.get(`${l}/${grain}`) ?? []).slice(-40)).filter((d) => !exclude.has(d.name));
    return list.length ? rng.pick(list) : undefined;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** How a query names a dataset: bare, or qualified with its layer now and then (both bind). */
export function refOf(rng: Rng, d: Dataset): string {
  return rng.chance(0.25) ? `${d.layer}.${d.name}` : d.name;
}
