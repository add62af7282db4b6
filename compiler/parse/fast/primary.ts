// parse/fast/: the operands of expressions: literals, column references, parenthesized expressions and
// scalar subqueries, CASE, CAST, EXISTS, INTERVAL and typed literals, and the functions with their own
// syntax (COALESCE, NULLIF, EXTRACT, SUBSTRING, TRIM, POSITION). Ordinary calls go to func-call.ts.
import type { Cursor } from './cursor.js';
import { decline } from './decline.js';
import { parseExpr, tryParenthesizedSelect, L_OP } from './expr-parser.js';
import { parseFunctionCall } from './func-call.js';
import { KW_COLUMN_NAME, KW_NONE, KW_TYPE_FUNCTION, KW_UNRESERVED } from './keywords.js';
import { T_IDENT, T_NUMBER, T_OP, T_QIDENT, T_STRING } from './lexer.js';
import {
  cast, caseExpr, columnRef, comparison, constant, func, NO_LOC, NULL_VALUE, operator, simpleType, subquery, varchar,
  type CaseCheck, type Expr,
} from './nodes.js';
import { markRaw, rawNumber } from './raw-const.js';
import { parseSelectWithParens } from './select-parser.js';
import { parseTypeName } from './types.js';

/** Functions the grammar names with SystemFuncName carry the schema `main`. */
const MAIN = { schema: 'main' } as const;

/** Column-name keywords that may stand alone as column references (when not followed by '(' or a string). */
const COLUMN_WORDS = new Set(['position', 'time', 'timestamp']);
/** Type names accepted in `type 'literal'` form. */
const LITERAL_TYPES = new Set(['date', 'timestamp', 'time', 'timestamptz']);
/** Unreserved words whose call syntax means something else in some clause. */
const NOT_FUNCTIONS = new Set(['cube', 'rollup']);

/** Keywords with their own call syntax, parsed from the keyword (cursor on it, '(' next). */
const SPECIAL_FORMS: ReadonlyMap<string, (p: Cursor, loc: number) => Expr> = new Map(Object.entries({
  cast: (p: Cursor) => parseCastCall(p, false),
  try_cast: (p: Cursor) => parseCastCall(p, true),
  exists: (p: Cursor, loc: number) => {
    p.i++;
    return subquery(loc, 'EXISTS', parseSelectWithParens(p), null, 'INVALID');
  },
  coalesce: (p: Cursor) => {
    p.i += 2;
    return operator('OPERATOR_COALESCE', NO_LOC, parseArgsToClose(p));
  },
  nullif: (p: Cursor) => parseNullif(p),
  extract: (p: Cursor) => parseExtract(p),
  substring: (p: Cursor) => parseSubstring(p),
  trim: (p: Cursor, loc: number) => {
    p.i += 2;
    if (p.isWord('both') || p.isWord('leading') || p.isWord('trailing')) decline();
    return trimCall(p, loc);
  },
  position: (p: Cursor) => parsePosition(p),
  grouping: (p: Cursor, loc: number) => {
    p.i += 2;
    return operator('GROUPING_FUNCTION', loc, parseArgsToClose(p));
  },
  grouping_id: (p: Cursor, loc: number) => {
    p.i += 2;
    return operator('GROUPING_FUNCTION', loc, parseArgsToClose(p));
  },
}));

/** Parses one operand at the cursor. */
export function parsePrimary(p: Cursor): Expr {
  const loc = p.pos[p.i]!;
  switch (p.kind[p.i]) {
    case T_NUMBER:
      return rawNumber(loc, p.text[p.i++]!, false);
    case T_STRING: {
      const node = markRaw(varchar(loc, p.text[p.i++]!));
      if (p.isOp('[') || p.isOp('.')) decline();
      return node;
    }
    case T_QIDENT:
      return parseName(p);
    case T_IDENT:
      return parseWord(p);
    case T_OP:
      if (p.isOp('(')) return parseParens(p);
      return decline();
    default:
      return decline();
  }
}

/** `( expr )` or a parenthesized query (a scalar subquery located at its first parenthesis). */
function parseParens(p: Cursor): Expr {
  const start = p.i;
  const loc = p.pos[start]!;
  const stmt = tryParenthesizedSelect(p);
  if (stmt !== undefined) {
    if (p.isOp('[') || p.isOp('.')) decline();
    return subquery(loc, 'SCALAR', stmt, null, 'INVALID');
  }
  p.i = start + 1;
  const inner = parseExpr(p);
  p.expectOp(')');
  if (p.isOp('[') || p.isOp('.')) decline();
  return inner;
}

function parseWord(p: Cursor): Expr {
  const word = p.lower[p.i]!;
  const kw = p.kw[p.i]!;
  const loc = p.pos[p.i]!;
  const call = p.isOp('(', 1);
  switch (word) {
    case 'null':
      p.i++;
      return markRaw(constant(loc, NULL_VALUE));
    case 'true': case 'false':
      p.i++;
      return cast(NO_LOC, varchar(loc, word === 'true' ? 't' : 'f'), simpleType('BOOLEAN'), false);
    case 'case':
      return parseCase(p);
    case 'interval':
      return parseInterval(p);
  }
  if (call) {
    const special = SPECIAL_FORMS.get(word);
    if (special !== undefined) return special(p, loc);
  }
  if (p.kind[p.i + 1] === T_STRING) return parseTypedLiteral(p);
  if (call) {
    if (kw === KW_NONE || (kw === KW_UNRESERVED && !NOT_FUNCTIONS.has(word)) || (kw === KW_TYPE_FUNCTION && (word === 'left' || word === 'right'))) {
      p.i++;
      return parseFunctionCall(p, loc, word);
    }
    return decline();
  }
  if (kw === KW_NONE || kw === KW_UNRESERVED || (kw === KW_COLUMN_NAME && COLUMN_WORDS.has(word))) return parseName(p);
  return decline();
}

/** A column reference: ColId ('.' name)*, at most three parts. Qualified calls and `t.*` decline. */
function parseName(p: Cursor): Expr {
  const loc = p.pos[p.i]!;
  const names = [p.text[p.i++]!];
  while (p.isOp('.')) {
    p.i++;
    const k = p.kind[p.i];
    if (k !== T_IDENT && k !== T_QIDENT) decline();
    names.push(p.text[p.i++]!);
  }
  if (names.length > 3 || p.isOp('(') || p.isOp('[') || p.kind[p.i] === T_STRING) decline();
  return columnRef(loc, names);
}

/** Comma-separated expressions up to and including ')'. */
function parseArgsToClose(p: Cursor): Expr[] {
  const args = [parseExpr(p)];
  while (p.acceptOp(',')) args.push(parseExpr(p));
  p.expectOp(')');
  return args;
}

function parseCase(p: Cursor): Expr {
  const loc = p.pos[p.i++]!;
  const operand = p.isWord('when') ? undefined : parseExpr(p);
  // DuckDB copies the operand into every WHEN; copies of subqueries change (copy-effects.ts)
  if (operand !== undefined && JSON.stringify(operand).includes('"SUBQUERY"')) decline();
  const checks: CaseCheck[] = [];
  while (p.acceptWord('when')) {
    const test = parseExpr(p);
    p.expectWord('then');
    const then = parseExpr(p);
    checks.push({ when_expr: operand === undefined ? test : comparison('COMPARE_EQUAL', NO_LOC, operand, test), then_expr: then });
  }
  if (checks.length === 0) decline();
  const elseExpr = p.acceptWord('else') ? parseExpr(p) : constant(NO_LOC, NULL_VALUE);
  p.expectWord('end');
  return caseExpr(loc, checks, elseExpr);
}

function parseCastCall(p: Cursor, tryCast: boolean): Expr {
  const loc = p.pos[p.i]!;
  p.i += 2;
  const child = parseExpr(p);
  p.expectWord('as');
  const type = parseTypeName(p);
  p.expectOp(')');
  return cast(loc, child, type, tryCast);
}

/** Interval units DuckDB turns into to_<unit>s(...) calls, with the integer type the count is truncated to. */
const INTERVAL_FUNCTIONS: ReadonlyMap<string, readonly [string, string | undefined]> = new Map(Object.entries({
  year: ['to_years', 'INTEGER'], years: ['to_years', 'INTEGER'], month: ['to_months', 'INTEGER'], months: ['to_months', 'INTEGER'],
  day: ['to_days', 'INTEGER'], days: ['to_days', 'INTEGER'], week: ['to_weeks', 'INTEGER'], weeks: ['to_weeks', 'INTEGER'],
  quarter: ['to_quarters', 'INTEGER'], quarters: ['to_quarters', 'INTEGER'], decade: ['to_decades', 'INTEGER'], decades: ['to_decades', 'INTEGER'],
  hour: ['to_hours', 'BIGINT'], hours: ['to_hours', 'BIGINT'], minute: ['to_minutes', 'BIGINT'], minutes: ['to_minutes', 'BIGINT'],
  second: ['to_seconds', undefined], seconds: ['to_seconds', undefined],
  millisecond: ['to_milliseconds', undefined], milliseconds: ['to_milliseconds', undefined],
} as Record<string, readonly [string, string | undefined]>));

/** `INTERVAL 'text'`, `INTERVAL 'n' unit`, `INTERVAL n unit`. */
function parseInterval(p: Cursor): Expr {
  p.i++;
  const loc = p.pos[p.i]!;
  const kind = p.kind[p.i];
  let value: Expr;
  if (kind === T_STRING) value = varchar(loc, p.text[p.i]!);
  else if (kind === T_NUMBER && isInteger(p.text[p.i]!)) value = rawNumber(loc, p.text[p.i]!, false);
  else return decline();
  p.i++;
  const unit = p.kind[p.i] === T_IDENT ? INTERVAL_FUNCTIONS.get(p.lower[p.i]!) : undefined;
  if (unit === undefined) {
    if (kind !== T_STRING || p.kind[p.i] === T_IDENT && (p.lower[p.i] === 'to' || p.kw[p.i] === KW_UNRESERVED)) decline();
    return cast(loc, value, simpleType('INTERVAL'), false);
  }
  p.i++;
  if (p.isWord('to')) decline();
  const asDouble = cast(loc, value, simpleType('DOUBLE'), false);
  const count = unit[1] === undefined ? asDouble : cast(NO_LOC, func(NO_LOC, 'trunc', [asDouble]), simpleType(unit[1]), false);
  return func(loc, unit[0], [count]);
}

function isInteger(digits: string): boolean {
  for (let k = 0; k < digits.length; k++) {
    const c = digits.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `date '...'`, `timestamp '...'`: a cast of the string (located) with no location of its own. */
function parseTypedLiteral(p: Cursor): Expr {
  const word = p.lower[p.i]!;
  if (p.kind[p.i] !== T_IDENT || !LITERAL_TYPES.has(word)) decline();
  const type = parseTypeName(p);
  if (p.kind[p.i] !== T_STRING) decline();
  const loc = p.pos[p.i]!;
  return cast(NO_LOC, varchar(loc, p.text[p.i++]!), type, false);
}

function parseNullif(p: Cursor): Expr {
  const loc = p.pos[p.i]!;
  p.i += 2;
  const args = parseArgsToClose(p);
  if (args.length !== 2) decline();
  return func(loc, 'nullif', args);
}

/** EXTRACT's field names: unit keywords in canonical singular form; other identifiers and strings as written. */
const EXTRACT_UNITS: ReadonlyMap<string, string> = new Map(Object.entries({
  year: 'year', years: 'year', month: 'month', months: 'month', day: 'day', days: 'day', hour: 'hour', hours: 'hour',
  minute: 'minute', minutes: 'minute', second: 'second', seconds: 'second', millisecond: 'millisecond',
  milliseconds: 'millisecond', microsecond: 'microsecond', microseconds: 'microsecond', week: 'week', weeks: 'week',
  quarter: 'quarter', quarters: 'quarter', decade: 'decade', decades: 'decade', century: 'century',
  centuries: 'century', millennium: 'millennium', millennia: 'millennium',
}));

function parseExtract(p: Cursor): Expr {
  const loc = p.pos[p.i]!;
  p.i += 2;
  const argLoc = p.pos[p.i]!;
  const kind = p.kind[p.i];
  let field: string | undefined;
  if (kind === T_STRING || kind === T_QIDENT) field = p.text[p.i];
  else if (kind === T_IDENT) field = p.kw[p.i] === KW_NONE ? p.text[p.i] : EXTRACT_UNITS.get(p.lower[p.i]!);
  if (field === undefined) return decline();
  p.i++;
  p.expectWord('from');
  const source = parseExpr(p);
  p.expectOp(')');
  return func(loc, 'date_part', [varchar(argLoc, field), source], MAIN);
}

/** SUBSTRING(s, from[, for]) or SUBSTRING(s FROM from [FOR for]). */
function parseSubstring(p: Cursor): Expr {
  const loc = p.pos[p.i]!;
  p.i += 2;
  const source = parseExpr(p);
  if (p.acceptWord('from')) {
    const from = parseExpr(p);
    const args = [source, from];
    if (p.acceptWord('for')) args.push(parseExpr(p));
    p.expectOp(')');
    return func(loc, 'substring', args, MAIN);
  }
  if (p.isWord('for')) decline();
  const args = [source];
  while (p.acceptOp(',')) args.push(parseExpr(p));
  p.expectOp(')');
  return func(loc, 'substring', args, MAIN);
}

function trimCall(p: Cursor, loc: number): Expr {
  const args = [parseExpr(p)];
  if (p.isWord('from')) decline();
  while (p.acceptOp(',')) args.push(parseExpr(p));
  p.expectOp(')');
  return func(loc, 'trim', args, MAIN);
}

/** POSITION(needle IN haystack) is position(haystack, needle). */
function parsePosition(p: Cursor): Expr {
  const loc = p.pos[p.i]!;
  p.i += 2;
  const needle = parseExpr(p, L_OP, true);
  p.expectWord('in');
  const haystack = parseExpr(p, L_OP, true);
  p.expectOp(')');
  return func(loc, 'position', [haystack, needle], MAIN);
}
