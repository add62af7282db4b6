// check/lineage: an accumulator of the inputs one expression or column depends on.
import type { DirectSubtype, IndirectSubtype, LineageEdge } from '../../types/lineage.js';

const RANK: Record<DirectSubtype, number> = { IDENTITY: 0, TRANSFORMATION: 1, AGGREGATION: 2 };

/** The stronger of two DIRECT subtypes (IDENTITY < TRANSFORMATION < AGGREGATION): composing a copy with a transform is a transform. */
export function composeDirect(outer: DirectSubtype, inner: DirectSubtype): DirectSubtype {
  return RANK[outer] >= RANK[inner] ? outer : inner;
}

/** Mutable set of DIRECT and INDIRECT inputs keyed by `dataset.column`. */
export class Deps {
  readonly direct = new Map<string, DirectSubtype>();
  readonly indirect = new Map<string, Set<IndirectSubtype>>();

  addDirect(source: string, subtype: DirectSubtype): void {
    const had = this.direct.get(source);
    this.direct.set(source, had ? composeDirect(had, subtype) : subtype);
  }

  addIndirect(source: string, subtype: IndirectSubtype): void {
    let set = this.indirect.get(source);
    if (!set) this.indirect.set(source, (set = new Set()));
    set.add(subtype);
  }

  /** Adds `other` as seen through a DIRECT position of subtype `via`: its DIRECT inputs compose, its INDIRECT ones carry over. */
  addThroughDirect(other: Deps, via: DirectSubtype): void {
    for (const [s, sub] of other.direct) this.addDirect(s, composeDirect(via, sub));
    this.addIndirectOf(other);
  }

  /** Adds `other` as seen through an INDIRECT position of subtype `via`: its DIRECT inputs become `via`, INDIRECT ones carry over. */
  addThroughIndirect(other: Deps, via: IndirectSubtype): void {
    for (const s of other.direct.keys()) this.addIndirect(s, via);
    this.addIndirectOf(other);
  }

  /** Copies every INDIRECT input of `other`. */
  addIndirectOf(other: Deps): void {
    for (const [s, subs] of other.indirect) for (const sub of subs) this.addIndirect(s, sub);
  }

  /** Union of both (DIRECT subtypes composed). */
  addAll(other: Deps): void {
    for (const [s, sub] of other.direct) this.addDirect(s, sub);
    this.addIndirectOf(other);
  }

  clone(): Deps {
    const d = new Deps();
    d.addAll(this);
    return d;
  }

  /** Sorted edges: by source, DIRECT before INDIRECT, then subtype. Members in canonical (sorted) order, so plan emission need not copy them. */
  edges(): LineageEdge[] {
    const out: LineageEdge[] = [];
    for (const [source, subtype] of this.direct) out.push({ source, subtype, type: 'DIRECT' });
    for (const [source, subs] of this.indirect) for (const subtype of subs) out.push({ source, subtype, type: 'INDIRECT' });
    return out.sort(compareEdges);
  }
}

/** The canonical order of lineage edges: by source, DIRECT before INDIRECT, then subtype (code-unit order). */
export function compareEdges(a: LineageEdge, b: LineageEdge): number {
  return a.source !== b.source ? (a.source < b.source ? -1 : 1) : a.type !== b.type ? (a.type < b.type ? -1 : 1) : a.subtype < b.subtype ? -1 : a.subtype > b.subtype ? 1 : 0;
}
