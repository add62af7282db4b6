// emit/: canonical JSON, the one serializer shared by plan output and hashing.

/**
 * Serializes `value` with object keys sorted by UTF-16 code unit order, 2-space indent when
 * `pretty`, no trailing newline. Arrays keep their order (callers sort them by a stable key).
 * `undefined` object members are dropped; bigint becomes a JSON number.
 * @throws TypeError on non-finite numbers, functions or symbols (they have no canonical form).
 * Similar in spirit to RFC 8785 (JCS) key ordering; number formatting is JavaScript's.
 */
export function canonicalJson(value: unknown, pretty = false): string {
  return write(value, pretty ? '\n' : '', pretty);
}

function write(value: unknown, indent: string, pretty: boolean): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'object': {
      const next = pretty ? indent + '  ' : '';
      const sep = pretty ? ',' : ',';
      if (Array.isArray(value)) {
        if (value.length === 0) return '[]';
        const items = value.map((v) => next + write(v === undefined ? null : v, next, pretty));
        return `[${items.join(sep)}${indent}]`;
      }
      const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
      if (keys.length === 0) return '{}';
      const colon = pretty ? ': ' : ':';
      const items = keys.map((k) => `${next}${JSON.stringify(k)}${colon}${write((value as Record<string, unknown>)[k], next, pretty)}`);
      return `{${items.join(sep)}${indent}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialize ${typeof value}`);
  }
}
