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
      if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
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
