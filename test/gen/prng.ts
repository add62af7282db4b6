// gen/: a seeded PRNG, so a generated project is a pure function of (models, seed). Never Math.random.

/**
 * A small deterministic random source over mulberry32 (32-bit state; period 2^32, plenty for
 * shaping a project). Every draw advances the state, so the order of calls is part of the output.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). mulberry32 by Tommy Ettinger (public domain). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty array');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An element biased towards the end of the list (recently generated datasets), from the last `window`. */
  pickRecent<T>(items: readonly T[], window: number): T {
    if (items.length === 0) throw new Error('Rng.pickRecent: empty array');
    const span = Math.min(items.length, window);
    const r = this.next();
    return items[items.length - 1 - Math.floor(r * r * span)]!;
  }

  /** `k` distinct elements (fewer if the array is shorter), in draw order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < k && copy.length > 0) {
      const i = Math.floor(this.next() * copy.length);
      out.push(copy[i]!);
      copy[i] = copy[copy.length - 1]!;
      copy.pop();
    }
    return out;
  }

  /** A weighted choice: `weights` maps each option to a non-negative weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((n, [, w]) => n + w, 0);
    let r = this.next() * total;
    for (const [k, w] of entries) {
      if (r < w) return k;
      r -= w;
    }
    return entries[entries.length - 1]![0];
  }
}
