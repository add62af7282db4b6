// check/fast-types/: the overloads of FUNCTION_SIGNATURES as typed values, parsed once per function on
// first use.
import { FUNCTION_SIGNATURES } from './function-signatures.js';
import { ANY, GENERIC_DECIMAL, listOf, otherType, parseTypeText, TEMPLATE, type LType } from './logical-type.js';

/** One overload: fixed parameters, an optional repeated trailing parameter, and the declared return type. */
export interface Overload {
  readonly params: readonly LType[];
  readonly varargs: LType | undefined;
  readonly ret: LType;
  /** The overload as written in the table, for messages and tests. */
  readonly text: string;
}

/** A function's kind and parsed overloads. */
export interface FunctionEntry {
  readonly name: string;
  readonly kind: 'scalar' | 'aggregate';
  readonly overloads: readonly Overload[];
}

const cache = new Map<string, FunctionEntry | null>();

/** The entry for `name` (lower case, as the parser spells it), or undefined when the table lacks it. */
export function lookupFunction(name: string): FunctionEntry | undefined {
  const hit = cache.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const raw = Object.prototype.hasOwnProperty.call(FUNCTION_SIGNATURES, name) ? FUNCTION_SIGNATURES[name] : undefined;
  const entry = raw ? { name, kind: raw.kind, overloads: raw.overloads.map(parseOverload) } : undefined;
  cache.set(name, entry ?? null);
  return entry;
}

function parseOverload(text: string): Overload {
  const arrow = text.lastIndexOf(' -> ');
  const paramText = text.slice(0, arrow);
  const parts = paramText === '' ? [] : paramText.split(';');
  let varargs: LType | undefined;
  const last = parts[parts.length - 1];
  if (last !== undefined && last.endsWith('...')) {
    parts.pop();
    varargs = signatureType(last.slice(0, -3));
  }
  return { params: parts.map(signatureType), varargs, ret: signatureType(text.slice(arrow + 4)), text };
}

/** A type as duckdb_functions() spells it: concrete types, or ANY / T / K / V / generic DECIMAL and lists of them. */
export function signatureType(text: string): LType {
  if (text === 'ANY') return ANY;
  if (text === 'T' || text === 'K' || text === 'V') return TEMPLATE;
  if (text === 'DECIMAL') return GENERIC_DECIMAL;
  if (text.endsWith('[]')) return listOf(signatureType(text.slice(0, -2)));
  return parseTypeText(text) ?? otherType(text);
}

/** Whether `t` is fully known (no ANY, template, generic DECIMAL or pass-through part): a declared return type that needs no bind rule. */
export function isConcrete(t: LType): boolean {
  switch (t.id) {
    case 'ANY': case 'TEMPLATE': case 'OTHER': return false;
    case 'DECIMAL': return t.width > 0;
    case 'LIST': return isConcrete(t.child!);
    default: return true;
  }
}
