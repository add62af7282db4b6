// emit/trino/: DuckDB's string functions whose Trino namesakes differ in NULL handling, argument types,
// whitespace or regular-expression semantics, each rewritten to compute DuckDB's result:
// - concat skips NULLs in DuckDB and casts any argument to VARCHAR; Trino's returns NULL on a NULL and
//   takes only strings: non-VARCHAR arguments are CAST (integers, decimals, booleans and dates format
//   alike in both) and arguments that may be NULL are wrapped in coalesce(…, '').
// - concat_ws skips NULLs in both; non-VARCHAR arguments are CAST as for concat.
// - trim/ltrim/rtrim remove only spaces in DuckDB, all whitespace in Trino: trim(BOTH|LEADING|TRAILING ' ' FROM x).
// - split_part gives '' for a field past the end in DuckDB, NULL in Trino: coalesce(…, '') on non-NULL input.
// - regexp_replace replaces the first match in DuckDB unless the 'g' option is given, every match in
//   Trino; regexp_full_match and regexp_matches become regexp_like over a translated pattern.
// - string_agg(x, sep ORDER BY …) becomes array_join(array_agg(x ORDER BY …) FILTER (WHERE x IS NOT NULL), sep).
// @see https://duckdb.org/docs/stable/sql/functions/text
// @see https://trino.io/docs/current/functions/string.html
// @see https://trino.io/docs/current/functions/regexp.html
import { asNode, child, list, optNode, str, type Node } from './ast-node.js';
import { classify, typeOfExpr } from './expression-type.js';
import type { PrintContext } from './print-context.js';
import { printExpr } from './print-expression.js';
import { printOrderItems } from './print-order.js';
import { re2ToJavaRegex } from './re2-to-java-regex.js';
import { quoteString } from './trino-identifier.js';
import { refuse } from './trino-refusal.js';

/** A call's arguments, printed. */
type Handler = (node: Node, args: readonly unknown[], ctx: PrintContext) => string;

/** DuckDB string functions by lower-case name, each printing its Trino rewrite. */
export const STRING_FUNCTIONS: Readonly<Record<string, Handler>> = {
  concat: (node, args, ctx) => {
    if (args.length === 0) refuse(node, 'concat()', 'has no arguments');
    return `concat(${args.map((a) => stringArgument(node, a, ctx, true)).join(', ')})`;
  },
  concat_ws: (node, args, ctx) => {
    if (args.length < 2) refuse(node, 'concat_ws with one argument', 'Trino needs at least one value after the separator');
    const [sep, ...rest] = args;
    return `concat_ws(${printExpr(sep, ctx)}, ${rest.map((a) => stringArgument(node, a, ctx, false)).join(', ')})`;
  },
  trim: (node, args, ctx) => trimCall(node, args, ctx, 'BOTH'),
  ltrim: (node, args, ctx) => trimCall(node, args, ctx, 'LEADING'),
  rtrim: (node, args, ctx) => trimCall(node, args, ctx, 'TRAILING'),
  split_part: (node, args, ctx) => {
    const [s, sep, index] = args;
    if (args.length !== 3 || stringConstant(sep) === undefined || stringConstant(sep) === '' || !positiveIntegerConstant(index)) {
      refuse(node, 'split_part', 'only a non-empty constant separator and a positive constant index translate exactly');
    }
    const text = printExpr(s, ctx);
    return `coalesce(split_part(${text}, ${printExpr(sep, ctx)}, ${printExpr(index, ctx)}), CASE WHEN ${text} IS NOT NULL THEN '' END)`;
  },
  regexp_replace: (node, args, ctx) => {
    const [s, pattern, replacement, options] = args;
    const p = stringConstant(pattern);
    const r = stringConstant(replacement);
    const o = options === undefined ? '' : stringConstant(options);
    if (p === undefined || r === undefined || o === undefined || args.length > 4) refuse(node, 'regexp_replace', 'only a constant pattern, replacement and options translate');
    if (/[\\$]/.test(r)) refuse(node, `regexp_replace replacement '${r}'`, 'back-references and escapes in replacements are not translated');
    if (o !== 'g' && o !== '') refuse(node, `regexp_replace option '${o}'`, "only 'g' (replace every match) is translated");
    if (o === '' && !(r === '' && matchesOnlyAtEnd(p))) {
      refuse(node, 'regexp_replace without the \'g\' option', 'it replaces only the first match in DuckDB and every match in Trino; add \'g\' when every match is meant');
    }
    return `regexp_replace(${printExpr(s, ctx)}, ${quoteString(re2ToJavaRegex(p))}, ${quoteString(r)})`;
  },
  regexp_full_match: (node, args, ctx) => {
    const p = args.length === 2 ? stringConstant(args[1]) : undefined;
    if (p === undefined) refuse(node, 'regexp_full_match', 'only a constant pattern without options translates');
    return `regexp_like(${printExpr(args[0], ctx)}, ${quoteString(`^(?:${re2ToJavaRegex(p)})\\z`)})`;
  },
  regexp_matches: (node, args, ctx) => {
    const p = args.length === 2 ? stringConstant(args[1]) : undefined;
    if (p === undefined) refuse(node, 'regexp_matches', 'only a constant pattern without options translates');
    return `regexp_like(${printExpr(args[0], ctx)}, ${quoteString(re2ToJavaRegex(p))})`;
  },
};

/**
 * string_agg(x, sep [ORDER BY …]) [FILTER (WHERE f)] as array_join(array_agg(x [ORDER BY …]) FILTER (WHERE
 * x IS NOT NULL [AND (f)]), sep): DuckDB skips NULLs and gives NULL when nothing is left, as array_agg
 * over no rows does. The NULL filter is left out when x cannot be NULL.
 */
export function printStringAgg(node: Node, ctx: PrintContext): string {
  const args = list(node, 'children');
  const [value, sep] = args;
  if (args.length !== 2 || stringConstant(sep) === undefined) refuse(node, 'string_agg', 'only a constant separator translates');
  if (node['distinct'] === true) refuse(node, 'string_agg(DISTINCT …)', 'Trino\'s array_agg(DISTINCT …) cannot be ordered by other keys; not translated');
  const text = stringArgument(node, value, ctx, false);
  const orders = list(child(node, 'order_bys'), 'orders');
  const filters: string[] = [];
  if (!neverNull(value)) filters.push(`${text} IS NOT NULL`);
  const filter = optNode(node, 'filter');
  if (filter) filters.push(`(${printExpr(filter, ctx)})`);
  const agg = `array_agg(${text}${orders.length ? ` ORDER BY ${printOrderItems(orders, ctx)}` : ''})${filters.length ? ` FILTER (WHERE ${filters.join(' AND ')})` : ''}`;
  return `array_join(${agg}, ${printExpr(sep, ctx)})`;
}

/** Types whose CAST to VARCHAR spells values the same in DuckDB and Trino. */
const CASTS_ALIKE = new Set(['integral', 'decimal', 'boolean', 'date']);

/** `value` as a VARCHAR argument: CAST when it is another type that formats alike, coalesce'd when `skipNull` and it may be NULL. */
function stringArgument(call: Node, value: unknown, ctx: PrintContext, skipNull: boolean): string {
  const type = typeOfExpr(value, ctx);
  let text = printExpr(value, ctx);
  if (type === 'NULL') return skipNull ? "''" : text;
  if (type === undefined) refuse(value, `argument of ${str(call, 'function_name')}`, 'its type is unknown, and Trino needs VARCHAR where DuckDB casts anything');
  const cls = classify(type);
  if (cls !== 'varchar') {
    if (!CASTS_ALIKE.has(cls)) refuse(value, `${type} argument of ${str(call, 'function_name')}`, 'DuckDB and Trino spell this type differently as text');
    text = `CAST(${text} AS VARCHAR)`;
  }
  return skipNull && !neverNull(value) ? `coalesce(${text}, '')` : text;
}

function trimCall(node: Node, args: readonly unknown[], ctx: PrintContext, side: string): string {
  if (args.length !== 1) refuse(node, `${str(node, 'function_name')} with characters`, 'only the one-argument form (spaces) is translated');
  return `trim(${side} ' ' FROM ${printExpr(args[0], ctx)})`;
}

/** Whether expression `value` can never be NULL: a non-NULL literal, concat, or coalesce/CASE/CAST over such. */
export function neverNull(value: unknown): boolean {
  const node = asNode(value);
  switch (node['class']) {
    case 'CONSTANT': return asNode(node['value'])['is_null'] !== true;
    case 'CAST': return neverNull(node['child']);
    case 'OPERATOR': {
      const children = list(node, 'children');
      return node['type'] === 'OPERATOR_COALESCE' && children.length > 0 && neverNull(children[children.length - 1]);
    }
    case 'CASE': {
      const otherwise = node['else_expr'];
      return otherwise !== null && otherwise !== undefined && neverNull(otherwise) && list(node, 'case_checks').every((c) => neverNull(asNode(c)['then_expr']));
    }
    case 'FUNCTION': return str(node, 'function_name').toLowerCase() === 'concat';
    default: return false;
  }
}

/** The text of a VARCHAR constant, else undefined. */
export function stringConstant(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const node = asNode(value);
  if (node['class'] !== 'CONSTANT') return undefined;
  const v = asNode(node['value']);
  return v['is_null'] !== true && asNode(v['type'])['id'] === 'VARCHAR' && typeof v['value'] === 'string' ? v['value'] : undefined;
}

function positiveIntegerConstant(value: unknown): boolean {
  if (value === undefined) return false;
  const node = asNode(value);
  if (node['class'] !== 'CONSTANT') return false;
  const v = asNode(node['value'])['value'];
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
}

/**
 * Whether every match of RE2 pattern `p` ends at the end of the text: its last character is an
 * unescaped `$` outside any group or class, and it has no top-level `|`. Then replacing the first match
 * with '' equals replacing every match with '' (a later match could only be empty).
 */
function matchesOnlyAtEnd(p: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      if (p[i + 1] === '^') i++;
      if (p[i + 1] === ']') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return false;
  }
  return p.endsWith('$') && !p.endsWith('\\$') && depth === 0 && !inClass;
}
