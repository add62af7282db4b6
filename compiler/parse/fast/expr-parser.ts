// parse/fast/: expressions, by precedence climbing over DuckDB's operator table (grammar.y):
//   OR < AND < NOT < IS < comparisons < LIKE/IN/BETWEEN < || (generic Op) < + - < * / % // < ^ ** < unary - + < ::
// Comparison, IS and LIKE-level operators are non-associative; where two of the same level meet, the fast
// parser declines rather than guess. The nodes follow DuckDB's transformer: AND/OR flatten into one
// conjunction, NOT folds into IN and comparisons, LIKE is the `~~` function, BETWEEN its own class.
import type { Cursor } from './cursor.js';
import { decline } from './decline.js';
import { T_IDENT, T_OP } from './lexer.js';
import {
  between, cast, comparison, conjunction, NO_LOC, operator, operatorFunc, subquery, type Expr, type Statement,
} from './nodes.js';
import { parsePrimary } from './primary.js';
import { negateRaw } from './raw-const.js';
import { parseSelectWithParens } from './select-parser.js';
import { parseTypeName } from './types.js';

/** Binding levels, loosest first (grammar.y's precedence declarations); a higher level binds tighter. */
export const L_OR = 1;
export const L_AND = 2;
export const L_NOT = 3;
export const L_IS = 4;
export const L_CMP = 5;
export const L_LIKE = 6;
export const L_OP = 8;
export const L_ADD = 9;
export const L_MUL = 10;
export const L_POW = 11;
export const L_UNARY = 12;
export const L_CAST = 14;

const COMPARE: ReadonlyMap<string, string> = new Map(Object.entries({
  '=': 'COMPARE_EQUAL', '<>': 'COMPARE_NOTEQUAL', '!=': 'COMPARE_NOTEQUAL', '<': 'COMPARE_LESSTHAN',
  '>': 'COMPARE_GREATERTHAN', '<=': 'COMPARE_LESSTHANOREQUALTO', '>=': 'COMPARE_GREATERTHANOREQUALTO',
}));

/** NOT applied to a comparison (IS [NOT] DISTINCT FROM included) flips it (DuckDB's NegateComparisonExpression). */
const NEGATED: ReadonlyMap<string, string> = new Map(Object.entries({
  COMPARE_EQUAL: 'COMPARE_NOTEQUAL', COMPARE_NOTEQUAL: 'COMPARE_EQUAL',
  COMPARE_LESSTHAN: 'COMPARE_GREATERTHANOREQUALTO', COMPARE_GREATERTHANOREQUALTO: 'COMPARE_LESSTHAN',
  COMPARE_GREATERTHAN: 'COMPARE_LESSTHANOREQUALTO', COMPARE_LESSTHANOREQUALTO: 'COMPARE_GREATERTHAN',
  COMPARE_DISTINCT_FROM: 'COMPARE_NOT_DISTINCT_FROM', COMPARE_NOT_DISTINCT_FROM: 'COMPARE_DISTINCT_FROM',
}));

/** Binding level of the binary/postfix operator symbol `op`, 0 when it is none. */
function opLevel(op: string): number {
  switch (op) {
    case '+': case '-': return L_ADD;
    case '*': case '/': case '%': case '//': return L_MUL;
    case '^': case '**': return L_POW;
    case '||': return L_OP;
    case '::': return L_CAST;
    case '=': case '<>': case '!=': case '<': case '>': case '<=': case '>=': return L_CMP;
    default: return 0;
  }
}

/** Binding level of the keyword operator at the cursor (AND, OR, IS, LIKE, NOT LIKE, ...), 0 when none. */
function wordLevel(p: Cursor): number {
  switch (p.lower[p.i]) {
    case 'or': return L_OR;
    case 'and': return L_AND;
    case 'is': case 'isnull': case 'notnull': return L_IS;
    case 'like': case 'ilike': case 'in': case 'between': case 'glob': case 'similar': return L_LIKE;
    case 'not': {
      const next = p.kind[p.i + 1] === T_IDENT ? p.lower[p.i + 1] : '';
      return next === 'like' || next === 'ilike' || next === 'in' || next === 'between' || next === 'glob' || next === 'similar' ? L_LIKE : 0;
    }
    default: return 0;
  }
}

/**
 * Parses an expression whose operators all bind at least as tightly as `minLevel`. `restricted` selects
 * DuckDB's b_expr (no NOT, AND, OR, IS, LIKE, IN, BETWEEN), used for BETWEEN's lower bound.
 */
export function parseExpr(p: Cursor, minLevel = 0, restricted = false): Expr {
  let left = parsePrefix(p, restricted);
  let lastNonAssoc = 0;
  for (;;) {
    const kind = p.kind[p.i];
    const level = kind === T_OP ? opLevel(p.text[p.i]!) : kind === T_IDENT ? wordLevel(p) : 0;
    if (level === 0 || level < minLevel) return left;
    if (restricted && level < L_OP && level !== L_CMP) return left;
    if (level === lastNonAssoc) decline();
    if (kind === T_OP) {
      left = parseOperator(p, left, level, restricted);
      lastNonAssoc = level === L_CMP ? L_CMP : 0;
    } else {
      const word = p.lower[p.i]!;
      left = parseWordOperator(p, left, level, word);
      lastNonAssoc = level === L_LIKE || (level === L_IS && left.type.includes('DISTINCT')) ? level : 0;
    }
  }
}

function parsePrefix(p: Cursor, restricted: boolean): Expr {
  if (p.kind[p.i] === T_OP) {
    const op = p.text[p.i]!;
    if (op === '-' || op === '+') {
      const loc = p.pos[p.i++]!;
      const operand = parseExpr(p, L_UNARY, restricted);
      if (op === '+') return operatorFunc(loc, '+', [operand]);
      const [node, folded] = negateRaw(loc, operand);
      return folded ? node : operatorFunc(loc, '-', [node]);
    }
  } else if (p.kind[p.i] === T_IDENT && p.lower[p.i] === 'not' && !restricted) {
    const loc = p.pos[p.i++]!;
    return negate(loc, parseExpr(p, L_NOT));
  }
  return parsePrimary(p);
}

/** DuckDB's NOT: IN becomes NOT IN, comparisons flip, anything else gets an OPERATOR_NOT; all at `loc`. */
export function negate(loc: number, operand: Expr): Expr {
  if (operand.class === 'OPERATOR' && operand.type === 'COMPARE_IN') return { ...operand, type: 'COMPARE_NOT_IN', query_location: loc };
  const flipped = operand.class === 'COMPARISON' ? NEGATED.get(operand.type) : undefined;
  if (flipped !== undefined) return { ...operand, type: flipped, query_location: loc };
  return operator('OPERATOR_NOT', loc, [operand]);
}

function parseOperator(p: Cursor, left: Expr, level: number, restricted: boolean): Expr {
  const op = p.text[p.i]!;
  const loc = p.pos[p.i++]!;
  if (op === '::') return cast(loc, left, parseTypeName(p), false);
  // after a generic operator such as ||, NOT makes the grammar read the operator as postfix: a syntax error
  if (level === L_OP && p.isWord('not')) decline();
  const right = parseExpr(p, level + 1, restricted);
  if (level === L_CMP) return comparison(COMPARE.get(op)!, loc, left, right);
  return operatorFunc(loc, op === '!=' ? '<>' : op, [left, right]);
}

function parseWordOperator(p: Cursor, left: Expr, level: number, word: string): Expr {
  const loc = p.pos[p.i++]!;
  switch (word) {
    case 'or': case 'and': return combine(word === 'and' ? 'CONJUNCTION_AND' : 'CONJUNCTION_OR', loc, left, parseExpr(p, level + 1));
    case 'isnull': return operator('OPERATOR_IS_NULL', loc, [left]);
    case 'notnull': return operator('OPERATOR_IS_NOT_NULL', loc, [left]);
    case 'is': return parseIs(p, loc, left);
    case 'not': {
      const what = p.lower[p.i++]!;
      if (what === 'in') return negate(loc, parseIn(p, loc, left));
      if (what === 'between') return parseBetween(p, loc, left, true);
      if (what === 'like' || what === 'ilike') return likeCall(p, loc, what === 'like' ? '!~~' : '!~~*', left);
      return decline();
    }
    case 'in': return parseIn(p, loc, left);
    case 'between': return parseBetween(p, loc, left, false);
    case 'like': return likeCall(p, loc, '~~', left);
    case 'ilike': return likeCall(p, loc, '~~*', left);
    default: return decline();
  }
}

/**
 * `left AND right` as DuckDB builds it: the grammar appends to a left operand that is already an AND
 * (keeping its location), and the transformer merges nested conjunctions of the same kind.
 */
function combine(type: string, loc: number, left: Expr, right: Expr): Expr {
  const rightKids = right.class === 'CONJUNCTION' && right.type === type ? (right['children'] as Expr[]) : [right];
  if (left.class === 'CONJUNCTION' && left.type === type) {
    return conjunction(type, left.query_location, [...(left['children'] as Expr[]), ...rightKids]);
  }
  return conjunction(type, loc, [left, ...rightKids]);
}

function parseIs(p: Cursor, loc: number, left: Expr): Expr {
  const not = p.acceptWord('not');
  if (p.acceptWord('null')) return operator(not ? 'OPERATOR_IS_NOT_NULL' : 'OPERATOR_IS_NULL', loc, [left]);
  if (p.acceptWord('distinct')) {
    p.expectWord('from');
    const right = parseExpr(p, L_IS + 1);
    return comparison(not ? 'COMPARE_NOT_DISTINCT_FROM' : 'COMPARE_DISTINCT_FROM', loc, left, right);
  }
  return decline();
}

function likeCall(p: Cursor, loc: number, name: string, left: Expr): Expr {
  const right = parseExpr(p, L_LIKE + 1);
  if (p.isWord('escape')) decline();
  return operatorFunc(loc, name, [left, right]);
}

/** `x [NOT] BETWEEN lo AND hi`: lo is a b_expr, hi binds tighter than BETWEEN. NOT wraps an unlocated BETWEEN. */
function parseBetween(p: Cursor, loc: number, input: Expr, not: boolean): Expr {
  if (p.isWord('symmetric') || p.isWord('asymmetric')) decline();
  const lower = parseExpr(p, L_OP, true);
  p.expectWord('and');
  const upper = parseExpr(p, L_LIKE + 1);
  if (not) return operator('OPERATOR_NOT', loc, [between(NO_LOC, input, lower, upper)]);
  return between(loc, input, lower, upper);
}

/** `x IN (list)` or `x IN (subquery)` at `loc` (IN, or NOT for NOT IN); the caller negates for NOT IN. */
function parseIn(p: Cursor, loc: number, left: Expr): Expr {
  if (!p.isOp('(')) decline();
  const start = p.i;
  const stmt = tryParenthesizedSelect(p);
  if (stmt !== undefined) return subquery(loc, 'ANY', stmt, left, 'COMPARE_EQUAL');
  p.i = start + 1;
  const items = [left, parseExpr(p)];
  while (p.acceptOp(',')) items.push(parseExpr(p));
  p.expectOp(')');
  return operator('COMPARE_IN', loc, items);
}

/**
 * At a '(' run that opens a SELECT or WITH, parses the parenthesized query as DuckDB's grammar does,
 * absorbing as many parentheses as form a complete query; on failure restores the cursor and returns
 * undefined so the caller can read the parentheses as grouping.
 */
export function tryParenthesizedSelect(p: Cursor): Statement | undefined {
  let k = 0;
  while (p.isOp('(', k)) k++;
  if (k > 8) decline();
  if (!(p.isWord('select', k) || p.isWord('with', k))) return undefined;
  const start = p.i;
  try {
    return parseSelectWithParens(p);
  } catch (e) {
    if (k === 1 || --p.backtrackBudget < 0) throw e;
    p.i = start;
    return undefined;
  }
}
