// fuzz/: format-agnostic mutations of real inputs, on their UTF-8 bytes (so invalid UTF-8 happens too):
// bit flips, byte overwrites, truncation, deletion, duplication and swapping of ranges, insertion of a
// format's tokens, and splicing a range of another base in. Positions are drawn as naturals and taken
// modulo the current length, so one mutation applies to any input.
import fc from 'fast-check';

/** One edit of a byte string. */
export type ByteMutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'set'; readonly at: number; readonly byte: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'delete' | 'duplicate' | 'swap'; readonly at: number; readonly len: number }
  | { readonly kind: 'insert'; readonly at: number; readonly token: string; readonly times: number }
  | { readonly kind: 'splice'; readonly at: number; readonly len: number; readonly base: number; readonly from: number };

/** Bytes that break encodings and scanners: NUL, controls, a lone continuation byte, overlong and surrogate starts, 0xFF. */
const NASTY_BYTES = [0x00, 0x01, 0x0d, 0x1b, 0x7f, 0x80, 0xbf, 0xc0, 0xc3, 0xed, 0xef, 0xf4, 0xf8, 0xfe, 0xff];

/**
 * A mutation whose inserted tokens come from `tokens` (the format's punctuation and keywords); `bases` is
 * how many bases `splice` may draw from (0 disables it).
 */
export function byteMutation(tokens: readonly string[], bases: number): fc.Arbitrary<ByteMutation> {
  const at = fc.nat();
  const len = fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 200 }));
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('set' as const), at, byte: fc.oneof(fc.constantFrom(...NASTY_BYTES), fc.integer({ min: 0, max: 255 })) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'swap' as const), at, len }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, token: fc.constantFrom(...tokens), times: fc.oneof({ weight: 9, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 5000 }) }) }) },
    { weight: bases > 0 ? 1 : 0, arbitrary: fc.record({ kind: fc.constant('splice' as const), at, len, base: fc.nat(Math.max(0, bases - 1)), from: fc.nat() }) },
  );
}

/** 1 to `max` mutations (default 4), mostly few. */
export function byteMutations(tokens: readonly string[], bases: number, max = 4): fc.Arbitrary<ByteMutation[]> {
  return fc.array(byteMutation(tokens, bases), { minLength: 1, maxLength: max });
}

const concat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

/** Applies `m` to `bytes` (a new array; the input is not changed). `bases` are the splice sources. */
export function applyByteMutation(bytes: Uint8Array, m: ByteMutation, bases: readonly Uint8Array[] = []): Uint8Array {
  const n = bytes.length;
  const i = m.at % (n + 1);
  switch (m.kind) {
    case 'flip':
    case 'set': {
      if (n === 0) return bytes;
      const out = Uint8Array.from(bytes);
      const j = m.at % n;
      out[j] = m.kind === 'flip' ? out[j]! ^ (1 << m.bit) : m.byte;
      return out;
    }
    case 'truncate': return bytes.slice(0, i);
    case 'delete': return concat(bytes.subarray(0, i), bytes.subarray(i + m.len));
    case 'duplicate': return concat(bytes.subarray(0, i + m.len), bytes.subarray(i));
    case 'swap': return concat(bytes.subarray(0, i), bytes.subarray(i + m.len, i + 2 * m.len), bytes.subarray(i, i + m.len), bytes.subarray(i + 2 * m.len));
    case 'insert': return concat(bytes.subarray(0, i), Buffer.from(m.token.repeat(m.times), 'utf8'), bytes.subarray(i));
    case 'splice': {
      const other = bases[m.base % Math.max(1, bases.length)] ?? bytes;
      const from = m.from % (other.length + 1);
      return concat(bytes.subarray(0, i), other.subarray(from, from + m.len), bytes.subarray(i));
    }
  }
}

/** Applies `mutations` in order. */
export function applyByteMutations(bytes: Uint8Array, mutations: readonly ByteMutation[], bases: readonly Uint8Array[] = []): Uint8Array {
  return mutations.reduce((b, m) => applyByteMutation(b, m, bases), bytes);
}

/** A compact account of `mutations`, for finding reports. */
export function describeMutations(mutations: readonly ByteMutation[]): string {
  return mutations.map((m) => {
    switch (m.kind) {
      case 'flip': return `flip@${m.at}:${m.bit}`;
      case 'set': return `set@${m.at}=0x${m.byte.toString(16)}`;
      case 'truncate': return `truncate@${m.at}`;
      case 'insert': return `insert@${m.at}:${JSON.stringify(m.token)}x${m.times}`;
      case 'splice': return `splice@${m.at}:${m.len} from base ${m.base}@${m.from}`;
      default: return `${m.kind}@${m.at}:${m.len}`;
    }
  }).join(', ');
}
