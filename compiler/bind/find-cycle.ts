// bind/: finds one dependency cycle, deterministically.

/**
 * Depth-first search over `edges` (node -> nodes it depends on), visiting nodes and edges in sorted
 * order. Returns the first cycle found as a path that starts and ends at the same node
 * (e.g. `['a', 'b', 'a']`; a self-reference is `['a', 'a']`), or undefined for a DAG.
 * Iterative, so deep chains cannot overflow the stack. O(V + E).
 */
export function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>(); // 1 = on stack, 2 = done
  for (const start of [...edges.keys()].sort()) {
    if (state.has(start)) continue;
    const stack: { node: string; next: number; deps: readonly string[] }[] = [{ node: start, next: 0, deps: [...(edges.get(start) ?? [])].sort() }];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.next >= top.deps.length) {
        state.set(top.node, 2);
        stack.pop();
        continue;
      }
      const dep = top.deps[top.next++]!;
      const s = state.get(dep);
      if (s === 1) {
        const from = stack.findIndex((f) => f.node === dep);
        return [...stack.slice(from).map((f) => f.node), dep];
      }
      if (s === undefined) {
        state.set(dep, 1);
        stack.push({ node: dep, next: 0, deps: [...(edges.get(dep) ?? [])].sort() });
      }
    }
  }
  return undefined;
}
