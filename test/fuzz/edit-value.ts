// fuzz/: structure-aware edits of a parsed document (the JS value of a YAML spec or a JSON plan): delete,
// replace, add or rename an entry, copy one node over another, wrap a node in a list. Replacement values
// mix the document's own keys and scalars (so most edits stay plausible and reach the checks behind the
// schema) with type confusion, extreme numbers, prototype keys, long strings and deep nesting. Nodes are
// addressed by their index in a fixed walk, taken modulo the node count, so an edit applies to any document.
import fc from 'fast-check';

type Json = unknown;
type Container = Record<string, Json> | Json[];

/** One edit; `pick` and `from` index nodes of the document (modulo their number). */
export type ValueEdit =
  | { readonly kind: 'delete'; readonly pick: number }
  | { readonly kind: 'set'; readonly pick: number; readonly value: Json }
  | { readonly kind: 'add'; readonly pick: number; readonly key: string; readonly value: Json }
  | { readonly kind: 'rename'; readonly pick: number; readonly key: string }
  | { readonly kind: 'copy'; readonly pick: number; readonly from: number; readonly share: boolean }
  | { readonly kind: 'wrap'; readonly pick: number };

/** Keys and scalars found in `docs`, sorted and deduplicated: the pools edits draw plausible values from. */
export function vocabulary(docs: readonly Json[]): { keys: string[]; scalars: (string | number | boolean)[] } {
  const keys = new Set<string>();
  const scalars = new Set<string | number | boolean>();
  const walk = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        keys.add(k);
        walk(x);
      }
    } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') scalars.add(v);
  };
  docs.forEach(walk);
  const order = (a: unknown, b: unknown): number => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
  return { keys: [...keys].sort(order), scalars: [...scalars].sort(order).filter((s) => typeof s !== 'string' || s.length < 400) };
}

const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'a.b', 'A', '1', '-1', '💥', 'x'.repeat(300), '${var.x}', 'null'];
const ODD_STRINGS = ['', ' ', '\u0000', '\ud800', '\ufeff', '../..', '/', '.', '..', '/etc/passwd', 's3://', 's3://bucket/..', '*', '**/*', '?', '{table}', '${', '${var.nope}',
  '${HOME}', '${X:-}', '%s', 'NaN', 'null', 'DECIMAL(99,99)', 'DECIMAL(0,0)', 'STRUCT(a INT)', 'INT[]', 'VARCHAR(-1)', '1; DROP TABLE x', "'", '"', '\\', 'é', 'ß'.repeat(70), 'a'.repeat(100_000)];
const ODD_NUMBERS = [0, -0, -1, 1, 0.5, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, 1e-7];

/** Nested arrays or objects `depth` deep around `leaf`. */
function nest(depth: number, objects: boolean, leaf: Json): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = objects ? { a: v } : [v];
  return v;
}

/** Replacement values: the document's scalars and keys, odd scalars, small random structures, deep nesting. */
export function fuzzValue(vocab: { keys: readonly string[]; scalars: readonly (string | number | boolean)[] }): fc.Arbitrary<Json> {
  const scalar: fc.Arbitrary<Json> = fc.oneof(
    { weight: 6, arbitrary: vocab.scalars.length ? fc.constantFrom(...vocab.scalars) : fc.string() },
    { weight: 2, arbitrary: vocab.keys.length ? fc.constantFrom(...vocab.keys) : fc.string() },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_STRINGS) },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...ODD_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  );
  return fc.oneof(
    { weight: 8, arbitrary: scalar },
    { weight: 2, arbitrary: fc.array(scalar, { maxLength: 4 }) },
    { weight: 2, arbitrary: fc.dictionary(fc.oneof(vocab.keys.length ? fc.constantFrom(...vocab.keys) : fc.string(), fc.constantFrom(...ODD_KEYS)), scalar, { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 10, max: 400 }), fc.boolean(), scalar).map(([d, o, leaf]) => nest(d, o, leaf)) },
  );
}

/** An edit drawing replacement values from `value` and new keys from `keys` and odd keys. */
export function valueEdit(value: fc.Arbitrary<Json>, keys: readonly string[]): fc.Arbitrary<ValueEdit> {
  const key = fc.oneof({ weight: 4, arbitrary: keys.length ? fc.constantFrom(...keys) : fc.string() }, { weight: 1, arbitrary: fc.constantFrom(...ODD_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
  const pick = fc.nat();
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), pick, value }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('add' as const), pick, key, value }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), pick, key }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('copy' as const), pick, from: fc.nat(), share: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap' as const), pick }) },
  );
}

interface Slot { readonly parent: Container | undefined; readonly key: string | number | undefined; readonly value: Json }

/** Every node of `root` (the root first, then depth-first in key order) with where it sits. */
function slots(root: Json): Slot[] {
  const out: Slot[] = [{ parent: undefined, key: undefined, value: root }];
  for (let i = 0; i < out.length && out.length < 200_000; i++) {
    const v = out[i]!.value;
    if (Array.isArray(v)) v.forEach((x, k) => out.push({ parent: v, key: k, value: x }));
    else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) out.push({ parent: v as Record<string, Json>, key: k, value: (v as Record<string, Json>)[k] });
  }
  return out;
}

function put(parent: Container, key: string | number, value: Json): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `root` with `edits` applied in order (a deep copy; `root` is not changed). A `copy` with `share` makes
 * two places hold one object, which YAML output writes as an anchor and an alias.
 */
export function applyValueEdits(root: Json, edits: readonly ValueEdit[]): Json {
  let doc = structuredClone(root);
  for (const e of edits) {
    const all = slots(doc);
    const at = all[e.pick % all.length]!;
    const replace = (value: Json): void => {
      if (at.parent === undefined) doc = value;
      else put(at.parent, at.key!, value);
    };
    switch (e.kind) {
      case 'delete':
        if (at.parent === undefined) doc = null;
        else if (Array.isArray(at.parent)) at.parent.splice(at.key as number, 1);
        else delete (at.parent as Record<string, Json>)[at.key as string];
        break;
      case 'set': replace(structuredClone(e.value)); break;
      case 'add': {
        const target = at.value !== null && typeof at.value === 'object' ? (at.value as Container) : at.parent;
        if (target === undefined) break;
        if (Array.isArray(target)) target.push(structuredClone(e.value));
        else put(target, e.key, structuredClone(e.value));
        break;
      }
      case 'rename':
        if (at.parent !== undefined && !Array.isArray(at.parent)) {
          delete (at.parent as Record<string, Json>)[at.key as string];
          put(at.parent, e.key, at.value);
        }
        break;
      case 'copy': {
        const source = all[e.from % all.length]!.value;
        const cycle = at.parent !== undefined && contains(at.parent, source);
        replace(e.share && source !== null && typeof source === 'object' && !cycle ? source : structuredClone(source));
        break;
      }
      case 'wrap': replace([at.value]); break;
    }
  }
  return doc;
}

/** True when `node` is `outer` or inside it (placing `outer` at `node` would make a cycle). */
function contains(node: Json, outer: Json): boolean {
  if (node === outer) return true;
  if (outer === null || typeof outer !== 'object') return false;
  return Object.values(outer).some((v) => contains(node, v));
}

/** A compact account of `edits`, for finding reports. */
export function describeEdits(edits: readonly ValueEdit[]): string {
  const short = (v: Json): string => {
    let s: string;
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = '(too deep to print)';
    }
    return s.length > 60 ? `${s.slice(0, 60)}…(${s.length} chars)` : s;
  };
  return edits.map((e) => {
    switch (e.kind) {
      case 'set': return `set#${e.pick}=${short(e.value)}`;
      case 'add': return `add#${e.pick}.${JSON.stringify(e.key)}=${short(e.value)}`;
      case 'rename': return `rename#${e.pick}->${JSON.stringify(e.key)}`;
      case 'copy': return `${e.share ? 'share' : 'copy'}#${e.from}->#${e.pick}`;
      default: return `${e.kind}#${e.pick}`;
    }
  }).join(', ');
}
