// plan/: the column part of a plan diff: which output columns of a model were added, removed, renamed,
// retyped, or can hold other values. Pure.
import type { ModelStep } from '../types/plan.js';
import type { ColumnChanges } from '../types/plan-diff.js';

/**
 * Compares the output columns of one model in two plans, by name.
 * - A removed column and an added column at the same position (index in the old and new column lists)
 *   count as one rename instead.
 * - A column kept with another type is `typeChanged`; kept with the same type but a different column
 *   fingerprint (`columnFingerprints`, parallel to `columns`) is `valuesChanged`.
 * @returns lists in column order (old order for `removed`, new order otherwise); empty when equal.
 */
export function diffColumns(old: ModelStep, next: ModelStep): ColumnChanges {
  const oldIndex = new Map(old.columns.map((c, i) => [c.name, i]));
  const newIndex = new Map(next.columns.map((c, i) => [c.name, i]));
  const goneAt = new Map<number, string>();
  for (const [name, i] of oldIndex) if (!newIndex.has(name)) goneAt.set(i, name);

  const added: string[] = [];
  const renamed: { from: string; to: string }[] = [];
  const typeChanged: { name: string; from: string; to: string }[] = [];
  const valuesChanged: string[] = [];
  const renamedFrom = new Set<string>();
  next.columns.forEach((col, i) => {
    const j = oldIndex.get(col.name);
    if (j === undefined) {
      const from = goneAt.get(i);
      if (from !== undefined) {
        renamed.push({ from, to: col.name });
        renamedFrom.add(from);
      } else added.push(col.name);
      return;
    }
    const was = old.columns[j]!;
    if (was.type !== col.type) typeChanged.push({ name: col.name, from: was.type, to: col.type });
    else if (old.columnFingerprints[j] !== next.columnFingerprints[i]) valuesChanged.push(col.name);
  });
  const removed = old.columns.map((c) => c.name).filter((n) => !newIndex.has(n) && !renamedFrom.has(n));
  return { added, removed, renamed, typeChanged, valuesChanged };
}

/** True when the kept columns (same name in both) appear in a different relative order. */
export function columnsReordered(old: ModelStep, next: ModelStep): boolean {
  const newNames = new Set(next.columns.map((c) => c.name));
  const oldNames = new Set(old.columns.map((c) => c.name));
  const keptOld = old.columns.map((c) => c.name).filter((n) => newNames.has(n));
  const keptNew = next.columns.map((c) => c.name).filter((n) => oldNames.has(n));
  return keptOld.some((n, i) => keptNew[i] !== n);
}

/** True when no list of `c` has an entry. */
export function noColumnChanges(c: ColumnChanges): boolean {
  return !c.added.length && !c.removed.length && !c.renamed.length && !c.typeChanged.length && !c.valuesChanged.length;
}
