// emit/trino/: DuckDB function calls (FUNCTION nodes): operators, aggregates and scalar functions.
// - `+ - * ||` and LIKE read the same (Trino rejects the operand types it does not share with DuckDB).
// - `/` divides integers and decimals as DOUBLE in DuckDB and exactly in Trino, so such a quotient is
//   printed as CAST(a AS DOUBLE) / b; `//` (integer division, truncating) is Trino's `/` on integers.
// - count(*), count, sum, min, max, array_agg keep their names, DISTINCT, ORDER BY and FILTER; avg of a
//   DECIMAL is DOUBLE in DuckDB, so its argument is CAST to DOUBLE; string_agg is in string-functions.ts.
// @see https://duckdb.org/docs/stable/sql/functions/numeric (operators)
// @see https://trino.io/docs/current/functions/aggregate.html
import { child, list, optNode, str, type Node } from './ast-node.js';
import { typeClassOf } from './expression-type.js';
import type { PrintContext } from './print-context.js';
import { operand, printExpr } from './print-expression.js';
import { PREC } from './precedence.js';
import { printOrderItems } from './print-order.js';
import { SCALAR_FUNCTIONS } from './scalar-functions.js';
import { printStringAgg } from './string-functions.js';
import { refuse } from './trino-refusal.js';

/** Binary operators printed as such, with their precedence. */
const BINARY: Readonly<Record<string, { readonly op: string; readonly prec: number }>> = {
  '+': { op: '+', prec: PREC.additive }, '-': { op: '-', prec: PREC.additive }, '*': { op: '*', prec: PREC.multiplicative },
  '/': { op: '/', prec: PREC.multiplicative }, '//': { op: '/', prec: PREC.multiplicative }, '%': { op: '%', prec: PREC.multiplicative },
  '||': { op: '||', prec: PREC.concat }, '~~': { op: 'LIKE', prec: PREC.compare }, '!~~': { op: 'NOT LIKE', prec: PREC.compare },
};

const AGGREGATES = new Set(['count', 'count_star', 'sum', 'min', 'max', 'avg', 'array_agg', 'list', 'string_agg']);

/** The precedence of a FUNCTION node as printed (see PREC). */
export function functionPrecedence(node: Node): number {
  const name = str(node, 'function_name').toLowerCase();
  if (node['is_operator'] === true) {
    const children = list(node, 'children');
    if (children.length === 1 && (name === '-' || name === '+')) return PREC.unary;
    return BINARY[name]?.prec ?? PREC.primary;
  }
  if (name === 'like_escape' || name === 'not_like_escape') return PREC.compare;
  return PREC.primary;
}

/**
 * Trino SQL for a FUNCTION node.
 * @throws TrinoRefusal for functions without a mapping, and for mapped ones used in a form that would not mean the same.
 */
export function printFunction(node: Node, ctx: PrintContext): string {
  const schema = node['schema'];
  if ((schema !== '' && schema !== 'main') || (node['catalog'] !== '' && node['catalog'] !== undefined)) refuse(node, `function ${String(schema)}.${str(node, 'function_name')}`, 'qualified functions are not translated');
  const name = str(node, 'function_name').toLowerCase();
  if (node['is_operator'] === true) return printOperatorCall(node, name, ctx);
  if (AGGREGATES.has(name)) return printAggregate(node, name, ctx);
  if (node['distinct'] === true || optNode(node, 'filter') || list(child(node, 'order_bys'), 'orders').length) {
    refuse(node, `DISTINCT, FILTER or ORDER BY on ${name}`, 'only aggregates take them');
  }
  const handler = SCALAR_FUNCTIONS[name];
  if (name === 'unnest' || name === 'unlist') refuse(node, 'unnest', 'only an unnest in the select list of a SELECT without aggregates is translated (to CROSS JOIN UNNEST)');
  if (!handler) refuse(node, `function "${name}"`, 'the translator knows no Trino function that computes the same result');
  return handler(node, list(node, 'children'), ctx);
}

function printOperatorCall(node: Node, name: string, ctx: PrintContext): string {
  const args = list(node, 'children');
  if (args.length === 1 && (name === '-' || name === '+')) {
    const text = operand(args[0], PREC.unary, ctx, false);
    return name === '-' ? (text.startsWith('-') ? `-(${text})` : `-${text}`) : text;
  }
  const binary = BINARY[name];
  if (!binary || args.length !== 2) return refuse(node, `operator ${name}`, 'no Trino operator is known to mean the same');
  const [left, right] = args;
  if (name === '/') return printDivision(node, left, right, ctx);
  if (name === '//' || name === '%') {
    const classes = [typeClassOf(left, ctx), typeClassOf(right, ctx)];
    const ok = name === '//' ? classes.every((c) => c === 'integral') : classes.every((c) => c === 'integral' || c === 'decimal');
    if (!ok) refuse(node, `operator ${name}`, `translated only for ${name === '//' ? 'integer' : 'integer and DECIMAL'} operands of known type`);
  }
  return `${operand(left, binary.prec, ctx, false)} ${binary.op} ${operand(right, binary.prec, ctx, true)}`;
}

function printDivision(node: Node, left: unknown, right: unknown, ctx: PrintContext): string {
  const l = typeClassOf(left, ctx);
  const r = typeClassOf(right, ctx);
  const plain = `${operand(left, PREC.multiplicative, ctx, false)} / ${operand(right, PREC.multiplicative, ctx, true)}`;
  if (l === 'floating' || r === 'floating') return plain;
  const exact = (c: string | undefined) => c === 'integral' || c === 'decimal' || c === 'null';
  if (exact(l) && exact(r)) return `CAST(${printExpr(left, ctx)} AS DOUBLE) / ${operand(right, PREC.multiplicative, ctx, true)}`;
  return refuse(node, 'operator /', l === undefined || r === undefined
    ? 'the type of an operand is unknown: DuckDB divides integers and decimals as DOUBLE, Trino exactly, so the translation depends on it'
    : `dividing ${l} by ${r} is not translated`);
}

function printAggregate(node: Node, name: string, ctx: PrintContext): string {
  if (name === 'string_agg') return printStringAgg(node, ctx);
  const args = list(node, 'children');
  const filter = optNode(node, 'filter');
  const filterText = filter ? ` FILTER (WHERE ${printExpr(filter, ctx)})` : '';
  if (name === 'count_star') return `count(*)${filterText}`;
  let printed = args.map((a) => printExpr(a, ctx));
  if (name === 'avg') {
    const cls = typeClassOf(args[0], ctx);
    if (cls === 'decimal') printed = [`CAST(${printed[0]} AS DOUBLE)`];
    else if (cls !== 'integral' && cls !== 'floating') refuse(node, 'avg', 'translated only for numbers of known type (DuckDB averages DECIMALs as DOUBLE)');
  }
  const orders = list(child(node, 'order_bys'), 'orders');
  const trinoName = name === 'list' ? 'array_agg' : name;
  return `${trinoName}(${node['distinct'] === true ? 'DISTINCT ' : ''}${printed.join(', ')}${orders.length ? ` ORDER BY ${printOrderItems(orders, ctx)}` : ''})${filterText}`;
}
