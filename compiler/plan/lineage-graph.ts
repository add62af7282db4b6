// plan/: lineage queries over a plan: which datasets or columns feed, or are fed by, a given one.
// Pure over the plan; transitive; deterministic order (by depth, then name).
import type { Plan } from '../types/plan.js';
import type { LineageEdge } from '../types/lineage.js';

/** One node reached by a lineage walk. `depth` 1 = direct neighbour. `via` is the edge type at the first hop seen. */
export interface LineageHit {
  readonly node: string;
  readonly depth: number;
  readonly via?: Pick<LineageEdge, 'type' | 'subtype'>;
}

/** Edges `dataset.column` (input) -> `dataset.column` (output) of every model in the plan. */
export function columnEdges(plan: Plan, includeIndirect: boolean): { from: string; to: string; edge: LineageEdge }[] {
  const out: { from: string; to: string; edge: LineageEdge }[] = [];
  for (const step of plan.steps) {
    if (step.kind !== 'model') continue;
    for (const col of step.columns) {
      for (const e of [...col.edges, ...step.rowEdges]) if (includeIndirect || e.type === 'DIRECT') out.push({ from: e.source, to: `${step.dataset}.${col.name}`, edge: e });
    }
  }
  return out;
}

/**
 * Transitive walk from `start` (a dataset, or `dataset.column`) upstream or downstream.
 * Dataset walks follow model inputs; column walks follow lineage edges (DIRECT only unless `includeIndirect`).
 */
export function walkPlanLineage(plan: Plan, start: string, direction: 'upstream' | 'downstream', includeIndirect = false): LineageHit[] {
  const next = new Map<string, { node: string; via?: Pick<LineageEdge, 'type' | 'subtype'> }[]>();
  const link = (a: string, b: string, via?: Pick<LineageEdge, 'type' | 'subtype'>) => {
    const list = next.get(a) ?? [];
    list.push({ node: b, ...(via ? { via } : {}) });
    next.set(a, list);
  };
  if (start.includes('.')) {
    for (const { from, to, edge } of columnEdges(plan, includeIndirect)) {
      const via = { type: edge.type, subtype: edge.subtype };
      if (direction === 'upstream') link(to, from, via);
      else link(from, to, via);
    }
  } else {
    for (const step of plan.steps) {
      if (step.kind !== 'model') continue;
      for (const input of step.inputs) direction === 'upstream' ? link(step.dataset, input) : link(input, step.dataset);
    }
  }
  const seen = new Map<string, LineageHit>();
  let frontier = [start];
  for (let depth = 1; frontier.length; depth++) {
    const following: string[] = [];
    for (const n of frontier) {
      for (const { node, via } of next.get(n) ?? []) {
        if (node === start || seen.has(node)) continue;
        seen.set(node, { node, depth, ...(via ? { via } : {}) });
        following.push(node);
      }
    }
    frontier = following.sort();
  }
  return [...seen.values()].sort((a, b) => a.depth - b.depth || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}
