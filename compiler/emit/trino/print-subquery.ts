// emit/trino/: subquery expressions (SUBQUERY nodes): scalar, EXISTS, NOT EXISTS, and `x IN (…)` /
// `x op ANY (…)`. The query is printed on one line.
import { child, str, type Node } from './ast-node.js';
import type { PrintContext } from './print-context.js';
import { operand } from './print-expression.js';
import { PREC } from './precedence.js';
import { printStatement } from './print-query.js';
import { refuse } from './trino-refusal.js';

const ANY_OPERATORS: Readonly<Record<string, string>> = {
  COMPARE_NOTEQUAL: '<>', COMPARE_LESSTHAN: '<', COMPARE_GREATERTHAN: '>', COMPARE_LESSTHANOREQUALTO: '<=', COMPARE_GREATERTHANOREQUALTO: '>=',
};

/** Trino SQL for a SUBQUERY node. */
export function printSubquery(node: Node, ctx: PrintContext): string {
  const query = compactLines(printStatement(child(node, 'subquery'), ctx));
  const type = str(node, 'subquery_type');
  switch (type) {
    case 'SCALAR': return `(${query})`;
    case 'EXISTS': return `EXISTS (${query})`;
    case 'NOT_EXISTS': return `NOT EXISTS (${query})`;
    case 'ANY': {
      const comparison = str(node, 'comparison_type');
      const left = operand(node['child'], PREC.compare, ctx, true);
      if (comparison === 'COMPARE_EQUAL') return `${left} IN (${query})`;
      const op = ANY_OPERATORS[comparison] ?? refuse(node, `${comparison} ANY subquery`, 'not translated');
      return `${left} ${op} ANY (${query})`;
    }
    default: return refuse(node, `${type} subquery`, 'not translated');
  }
}

/** The precedence of a SUBQUERY node as printed. */
export function subqueryPrecedence(node: Node): number {
  const type = str(node, 'subquery_type');
  return type === 'ANY' ? PREC.compare : type === 'NOT_EXISTS' ? PREC.not : PREC.primary;
}

/** Printed lines as one line: each trimmed, joined by one space. */
export function compactLines(lines: readonly string[]): string {
  return lines.map((l) => l.trim()).join(' ');
}
