// emit/: canonical JSON, the one serializer shared by plan output and hashing.

/**
 * Serializes `value` with object keys in canonical order, 2-space indent when
 * `pretty`, no trailing newline. Arrays keep their order (callers sort them by a stable key).
 * `undefined` object members are dropped (as JSON.stringify does); bigint becomes a JSON number.
 * Key order is ECMAScript's own-property order of a key-sorted copy: integer-like keys ("0", "17")
 * ascending numerically, then every other key by UTF-16 code units. Plans and catalogs have no
 * integer-like keys, so for them this is plain code-unit order. The copy is handed to the native
 * JSON.stringify, several times faster than a hand-written writer on multi-MB plans.
 * @see https://tc39.es/ecma262/#sec-ordinaryownpropertykeys
 * @throws TypeError on non-finite numbers, functions or symbols (they have no canonical form).
 * Similar in spirit to RFC 8785 (JCS) key ordering; number formatting is JavaScript's.
 */
export function canonicalJson(value: unknown, pretty = false): string {
  return JSON.stringify(sortKeys(value), null, pretty ? 2 : undefined);
}

/**
 * Canonical JSON (same key order and values as canonicalJson) indented by 2 spaces down to depth
 * `compactFrom`, where each value is written on one line: a plan's column or edge is one line, so
 * diffs stay line-per-change at a third less size than full indentation. Depth 0 is `value` itself.
 * Empty arrays and objects are `[]` and `{}` at any depth.
 * @throws TypeError as canonicalJson.
 */
export function canonicalJsonLines(value: unknown, compactFrom: number): string {
  let text = '';
  canonicalJsonLinesTo(value, compactFrom, (chunk) => {
    text += chunk;
  }, Infinity);
  return text;
}

/**
 * canonicalJsonLines in pieces: `sink` receives consecutive chunks of about `chunkChars` UTF-16 code
 * units (the last one shorter) whose concatenation is canonicalJsonLines(value, compactFrom), so a
 * multi-MB plan is written without ever holding its whole text.
 */
export function canonicalJsonLinesTo(value: unknown, compactFrom: number, sink: (chunk: string) => void, chunkChars = 1 << 20): void {
  const out = new ChunkWriter(sink, chunkChars);
  writeLines(sortKeys(value), 0, compactFrom, '', out);
  out.flush();
}

/** Appends to one string (V8 concatenates by rope, cheaper than an array of parts) and hands it to `sink` every `chunkChars`. */
class ChunkWriter {
  text = '';
  constructor(private readonly sink: (chunk: string) => void, private readonly chunkChars: number) {}
  push(part: string): void {
    this.text += part;
    if (this.text.length >= this.chunkChars) this.flush();
  }
  flush(): void {
    if (this.text) this.sink(this.text);
    this.text = '';
  }
}

function writeLines(value: unknown, depth: number, compactFrom: number, indent: string, out: ChunkWriter): void {
  if (value === null || typeof value !== 'object' || depth >= compactFrom) {
    out.push(JSON.stringify(value));
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (!value.length) {
      out.push('[]');
      return;
    }
    out.push('[\n');
    for (let i = 0; i < value.length; i++) {
      out.push(inner);
      writeLines(value[i], depth + 1, compactFrom, inner, out);
      out.push(i + 1 < value.length ? ',\n' : '\n');
    }
    out.push(indent + ']');
    return;
  }
  const keys = Object.keys(value);
  if (!keys.length) {
    out.push('{}');
    return;
  }
  out.push('{\n');
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    out.push(inner + JSON.stringify(k) + ': ');
    writeLines((value as Record<string, unknown>)[k], depth + 1, compactFrom, inner, out);
    out.push(i + 1 < keys.length ? ',\n' : '\n');
  }
  out.push(indent + '}');
}

function sortKeys(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return value;
    case 'bigint':
      return Number(value);
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        let copy: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i];
          const sorted = v === undefined ? null : sortKeys(v);
          if (!copy && sorted !== v) copy = value.slice(0, i);
          if (copy) copy.push(sorted);
        }
        return copy ?? value;
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj);
      let inOrder = true;
      for (let i = 1; i < keys.length; i++) {
        if (keys[i - 1]! > keys[i]!) {
          inOrder = false;
          break;
        }
      }
      if (inOrder) {
        // Already canonical at this level: keep the object unless a member changes (a copy costs GC on multi-MB plans).
        let copy: Record<string, unknown> | undefined;
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          const v = obj[k];
          const sorted = v === undefined ? undefined : sortKeys(v);
          if (!copy && (sorted !== v || v === undefined)) {
            copy = {};
            for (let j = 0; j < i; j++) copy[keys[j]!] = obj[keys[j]!];
          }
          if (copy && sorted !== undefined) copy[k] = sorted;
        }
        return copy ?? obj;
      }
      keys.sort();
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const v = obj[k];
        if (v !== undefined) out[k] = sortKeys(v);
      }
      return out;
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialize ${typeof value}`);
  }
}
