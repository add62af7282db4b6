// emit/trino/: prints a DuckDB expression node as Trino SQL. Structure that reads the same in both
// dialects is printed as is (column references, literals, comparisons, AND/OR/NOT, IS NULL, IN, BETWEEN,
// CASE, CAST, subqueries); calls go to print-function.ts and window functions to print-window.ts.
// Parentheses come from operator precedence, since the tree has none.
// @see https://trino.io/docs/current/functions/comparison.html
import { asNode, child, list, optNode, str, type Node } from './ast-node.js';
import { typeClassOf } from './expression-type.js';
import type { PrintContext } from './print-context.js';
import { printFunction, functionPrecedence } from './print-function.js';
import { printSubquery, subqueryPrecedence } from './print-subquery.js';
import { printWindow } from './print-window.js';
import { PREC } from './precedence.js';
import { quoteIdent, quoteString } from './trino-identifier.js';
import { refuse } from './trino-refusal.js';
import { trinoType } from './trino-type.js';


const COMPARISONS: Readonly<Record<string, string>> = {
  COMPARE_EQUAL: '=', COMPARE_NOTEQUAL: '<>', COMPARE_LESSTHAN: '<', COMPARE_GREATERTHAN: '>',
  COMPARE_LESSTHANOREQUALTO: '<=', COMPARE_GREATERTHANOREQUALTO: '>=',
  COMPARE_DISTINCT_FROM: 'IS DISTINCT FROM', COMPARE_NOT_DISTINCT_FROM: 'IS NOT DISTINCT FROM',
};

/**
 * Trino SQL for expression `value` (a json_serialize_sql expression object). A node in
 * `ctx.replacements` prints as its replacement (rewrites made by the enclosing SELECT).
 * @throws TrinoRefusal for a construct with no faithful Trino form.
 */
export function printExpr(value: unknown, ctx: PrintContext): string {
  const node = asNode(value);
  const replaced = ctx.replacements.get(node);
  if (replaced !== undefined) return replaced;
  switch (node['class']) {
    case 'COLUMN_REF': return printColumnRef(node);
    case 'CONSTANT': return printConstant(node);
    case 'CAST': return printCast(node, ctx);
    case 'COMPARISON': {
      const op = COMPARISONS[str(node, 'type')] ?? refuse(node, `comparison ${str(node, 'type')}`, 'no Trino operator is known for it');
      return `${operand(node['left'], PREC.compare, ctx, false)} ${op} ${operand(node['right'], PREC.compare, ctx, true)}`;
    }
    case 'CONJUNCTION': {
      const and = str(node, 'type') === 'CONJUNCTION_AND';
      const p = and ? PREC.and : PREC.or;
      return list(node, 'children').map((c) => operand(c, p, ctx, false)).join(and ? ' AND ' : ' OR ');
    }
    case 'BETWEEN':
      return `${operand(node['input'], PREC.compare, ctx, true)} BETWEEN ${operand(node['lower'], PREC.compare, ctx, true)} AND ${operand(node['upper'], PREC.compare, ctx, true)}`;
    case 'OPERATOR': return printOperator(node, ctx);
    case 'CASE': return printCase(node, ctx);
    case 'FUNCTION': return printFunction(node, ctx);
    case 'WINDOW': return printWindow(node, ctx);
    case 'SUBQUERY': return printSubquery(node, ctx);
    case 'STAR': return printStar(node);
    default: return refuse(node, `expression ${String(node['class'])}`, 'no Trino form is known for it');
  }
}

/** The precedence of expression `value` (see PREC). */
export function precedence(value: unknown, ctx: PrintContext): number {
  const node = asNode(value);
  if (ctx.replacements.has(node)) return PREC.primary;
  switch (node['class']) {
    case 'CONJUNCTION': return str(node, 'type') === 'CONJUNCTION_AND' ? PREC.and : PREC.or;
    case 'COMPARISON': case 'BETWEEN': return PREC.compare;
    case 'OPERATOR': return str(node, 'type') === 'OPERATOR_NOT' ? PREC.not : str(node, 'type') === 'OPERATOR_COALESCE' ? PREC.primary : PREC.compare;
    case 'FUNCTION': return functionPrecedence(node);
    case 'CONSTANT': return isNegativeNumber(node) ? PREC.unary : PREC.primary;
    case 'SUBQUERY': return subqueryPrecedence(node);
    default: return PREC.primary;
  }
}

/**
 * `value` printed as an operand of an operator of precedence `parent`, parenthesized when it binds
 * less tightly (or equally, on the right of a left-associative operator).
 */
export function operand(value: unknown, parent: number, ctx: PrintContext, right: boolean): string {
  const text = printExpr(value, ctx);
  const p = precedence(value, ctx);
  return p < parent || (right && p === parent) ? `(${text})` : text;
}

function printColumnRef(node: Node): string {
  const names = list(node, 'column_names');
  if (names.length === 0 || names.some((n) => typeof n !== 'string')) refuse(node, 'column reference', 'has no name');
  return (names as string[]).map(quoteIdent).join('.');
}

function isNegativeNumber(node: Node): boolean {
  const v = asNode(node['value'])['value'];
  return typeof v === 'number' && v < 0;
}

/** A literal: NULL, a string, a boolean, an integer, a DECIMAL (exact digits) or a DOUBLE (scientific notation). */
export function printConstant(node: Node): string {
  const value = child(node, 'value');
  if (value['is_null'] === true) return 'NULL';
  const type = child(value, 'type');
  const id = str(type, 'id');
  const v = value['value'];
  switch (id) {
    case 'VARCHAR': return quoteString(String(v));
    case 'BOOLEAN': return v ? 'TRUE' : 'FALSE';
    case 'TINYINT': case 'SMALLINT': case 'INTEGER': case 'BIGINT':
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) refuse(node, 'integer literal', 'it is beyond the integers this translator prints exactly');
      return String(v);
    case 'DECIMAL': {
      const info = child(type, 'type_info');
      const scale = info['scale'];
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || typeof scale !== 'number') return refuse(node, 'decimal literal', 'it has more digits than this translator prints exactly');
      const digits = String(Math.abs(v)).padStart(scale + 1, '0');
      const text = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
      return v < 0 ? `-${text}` : text;
    }
    case 'DOUBLE':
      if (typeof v !== 'number' || !Number.isFinite(v)) refuse(node, 'double literal', 'it is not a finite number');
      return v.toExponential().toUpperCase().replace('E+', 'E');
    default: return refuse(node, `literal of type ${id}`, 'no Trino literal is known to mean the same');
  }
}

/** The DuckDB spelling of a serialized LogicalType (`{id, type_info}`), for trinoType. */
export function astTypeText(value: unknown): string {
  const node = asNode(value);
  const id = str(node, 'id');
  const info = optNode(node, 'type_info');
  if (id === 'DECIMAL' && info) return `DECIMAL(${String(info['width'])},${String(info['scale'])})`;
  if (id === 'LIST' && info) return `${astTypeText(info['child_type'])}[]`;
  if (id === 'VARCHAR' && info && info['collation'] !== '') refuse(node, 'collated VARCHAR', 'Trino has no collations');
  if (info && id !== 'VARCHAR') refuse(node, `type ${id}`, 'its parameters have no Trino form this translator knows');
  return id;
}

const INTEGRAL_TARGETS = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT']);

function printCast(node: Node, ctx: PrintContext): string {
  const target = astTypeText(node['cast_type']);
  const inner = asNode(node['child']);
  // DuckDB parses TRUE and FALSE as CAST('t' AS BOOLEAN) and CAST('f' AS BOOLEAN).
  if (target === 'BOOLEAN' && inner['class'] === 'CONSTANT' && !ctx.replacements.has(inner)) {
    const v = asNode(inner['value']);
    if (v['is_null'] !== true && asNode(v['type'])['id'] === 'VARCHAR' && (v['value'] === 't' || v['value'] === 'f')) return v['value'] === 't' ? 'TRUE' : 'FALSE';
  }
  if (INTEGRAL_TARGETS.has(target) && typeClassOf(inner, ctx) === 'floating') {
    refuse(node, `CAST of a floating-point value to ${target}`, 'DuckDB rounds half to even, Trino half away from zero; round the value first');
  }
  const fn = node['try_cast'] === true ? 'TRY_CAST' : 'CAST';
  return `${fn}(${printExpr(inner, ctx)} AS ${trinoType(target)})`;
}

function printOperator(node: Node, ctx: PrintContext): string {
  const children = list(node, 'children');
  const type = str(node, 'type');
  switch (type) {
    case 'OPERATOR_NOT': return `NOT ${operand(children[0], PREC.not, ctx, true)}`;
    case 'OPERATOR_IS_NULL': return `${operand(children[0], PREC.compare, ctx, true)} IS NULL`;
    case 'OPERATOR_IS_NOT_NULL': return `${operand(children[0], PREC.compare, ctx, true)} IS NOT NULL`;
    case 'COMPARE_IN': case 'COMPARE_NOT_IN': {
      const [left, ...items] = children;
      return `${operand(left, PREC.compare, ctx, true)} ${type === 'COMPARE_IN' ? 'IN' : 'NOT IN'} (${items.map((c) => printExpr(c, ctx)).join(', ')})`;
    }
    case 'OPERATOR_COALESCE': return `coalesce(${children.map((c) => printExpr(c, ctx)).join(', ')})`;
    default: return refuse(node, `operator ${type}`, 'no Trino form is known for it');
  }
}

function printCase(node: Node, ctx: PrintContext): string {
  const parts = ['CASE'];
  for (const c of list(node, 'case_checks')) {
    const check = asNode(c);
    parts.push(`WHEN ${printExpr(check['when_expr'], ctx)} THEN ${printExpr(check['then_expr'], ctx)}`);
  }
  const otherwise = optNode(node, 'else_expr');
  // DuckDB fills a missing ELSE with a NULL constant; leaving it out means the same.
  if (otherwise && !(otherwise['class'] === 'CONSTANT' && asNode(otherwise['value'])['is_null'] === true)) parts.push(`ELSE ${printExpr(otherwise, ctx)}`);
  parts.push('END');
  return parts.join(' ');
}

function printStar(node: Node): string {
  for (const key of ['exclude_list', 'replace_list', 'rename_list', 'qualified_exclude_list']) {
    if (list(node, key).length) refuse(node, '* with EXCLUDE, REPLACE or RENAME', 'Trino selects all columns only as they are; list the columns instead');
  }
  if (node['columns'] === true || node['expr'] !== null && node['expr'] !== undefined) refuse(node, 'COLUMNS(…)', 'Trino has no column expressions; list the columns instead');
  const relation = node['relation_name'];
  return typeof relation === 'string' && relation !== '' ? `${quoteIdent(relation)}.*` : '*';
}
