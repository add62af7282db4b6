// parse/fast/: literals straight from the token stream (numbers, strings, NULL) are "A_Const" nodes in
// DuckDB's grammar, and a unary minus treats them specially: numbers fold into a negative literal, other
// constants take the minus sign's location. A symbol-keyed tag (invisible to JSON.stringify) marks them.
import { numericValue } from './literals.js';
import { constant, type Expr } from './nodes.js';

const RAW = Symbol('rawConst');

/** What a literal node was scanned from: the digits of a number (and its sign), or nothing for strings and NULL. */
interface RawTag {
  readonly digits: string | undefined;
  readonly negative: boolean;
}

type Tagged = Expr & { [RAW]?: RawTag };

/** A constant node for the numeric literal `digits` (unsigned) at `loc`, tagged as raw. */
export function rawNumber(loc: number, digits: string, negative: boolean): Expr {
  const node: Tagged = constant(loc, numericValue(digits, negative));
  node[RAW] = { digits, negative };
  return node;
}

/** Tags a string or NULL constant as a raw literal. */
export function markRaw(node: Expr): Expr {
  (node as Tagged)[RAW] = { digits: undefined, negative: false };
  return node;
}

/**
 * Applies DuckDB's doNegate to `operand` for a minus sign at `loc`: a raw number becomes the negated
 * literal at `loc`; another raw constant moves to `loc` (the caller still wraps it); anything else is
 * returned unchanged. Returns [node, folded].
 */
export function negateRaw(loc: number, operand: Expr): [Expr, boolean] {
  const tag = (operand as Tagged)[RAW];
  if (tag === undefined) return [operand, false];
  if (tag.digits !== undefined) return [rawNumber(loc, tag.digits, !tag.negative), true];
  const moved: Tagged = { ...operand, query_location: loc };
  return [moved, false];
}
