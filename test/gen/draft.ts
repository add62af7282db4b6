// gen/: what a model generator hands back before the project assigns it a name, folder and pipeline.
import type { Rng } from './prng.js';
import { idCols, keyOf, plainCols, type Col, type ModelKind, type Rel } from './relation.js';

/** One generated model, not yet named: its SQL body and what it outputs. */
export interface ModelDraft {
  readonly kind: ModelKind;
  /** Human detail for the header, e.g. `chain link 2/5 (dedupe)`. */
  readonly shape: string;
  /** One line without commas (the lakec header splits on them). */
  readonly description: string;
  readonly body: readonly string[];
  readonly out: Rel;
  /** Dataset names the SQL reads, in first-use order. */
  readonly reads: readonly string[];
}

/** `items` (each one or more `\n`-separated lines) as the lines of a select list, comma-separated, indented. */
export function selectList(items: readonly string[], indent = '  '): string[] {
  return items.flatMap((item, i) => {
    const lines = item.split('\n').map((l) => indent + l);
    if (i < items.length - 1) lines[lines.length - 1] += ',';
    return lines;
  });
}

/** Indents every line of `lines`. */
export function indent(lines: readonly string[], by = '  '): string[] {
  return lines.map((l) => (l === '' ? l : by + l));
}

/**
 * Columns to carry through unchanged: the grain key first, up to `maxIds - 1` other keys, then a sample of
 * plain columns in their original order, `max` columns in all.
 */
export function carriedCols(rng: Rng, rel: Rel, max: number, maxIds = 4): Col[] {
  const key = keyOf(rel.grain);
  const ids = [rel.cols.find((c) => c.name === key)!, ...rng.sample(idCols(rel).filter((c) => c.name !== key), maxIds - 1)];
  const plain = plainCols(rel);
  const chosen = new Set(rng.sample(plain, Math.max(0, Math.min(plain.length, max - ids.length))));
  return [...ids, ...plain.filter((c) => chosen.has(c))];
}
