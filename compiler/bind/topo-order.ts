// bind/: deterministic topological order.

/**
 * Kahn's algorithm over `dependsOn` (node -> nodes it depends on) with ties broken by the smallest
 * node id (a binary heap keyed by string order), so the order is a pure function of the graph.
 * Nodes named only as dependencies are included. Returns undefined when a cycle exists.
 * O((V + E) log V). Pattern from SQLMesh utils/dag.py ("sort to make the order deterministic").
 */
export function topoOrder(dependsOn: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  const touch = (n: string): void => {
    if (!indegree.has(n)) indegree.set(n, 0);
  };
  for (const [node, deps] of dependsOn) {
    touch(node);
    for (const d of new Set(deps)) {
      touch(d);
      indegree.set(node, (indegree.get(node) ?? 0) + 1);
      const list = dependents.get(d) ?? [];
      list.push(node);
      dependents.set(d, list);
    }
  }
  const heap = new MinHeap();
  for (const [n, deg] of indegree) if (deg === 0) heap.push(n);
  const order: string[] = [];
  while (heap.size) {
    const n = heap.pop();
    order.push(n);
    for (const m of dependents.get(n) ?? []) {
      const deg = (indegree.get(m) ?? 0) - 1;
      indegree.set(m, deg);
      if (deg === 0) heap.push(m);
    }
  }
  return order.length === indegree.size ? order : undefined;
}

class MinHeap {
  private readonly items: string[] = [];
  get size(): number {
    return this.items.length;
  }
  push(value: string): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= a[i]!) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): string {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
