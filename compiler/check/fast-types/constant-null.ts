// check/fast-types/: spots arguments DuckDB may fold to a NULL constant at bind time. When a scalar
// function's argument is foldable (built from constants only) and evaluates to NULL, DuckDB replaces the
// whole call by a NULL constant, changing its type (`m + CASE WHEN false THEN 0 END` is INTEGER, not
// DECIMAL). We do not evaluate constants, so a call with such an argument is declined unless the argument
// is certainly not NULL: a constant, a cast of one, or a NULL-safe function of those (INTERVAL literals).
// Verified against the bundled DuckDB by test/fast-types (property test).
import type { AstNode } from './ast.js';
import { lookupFunction } from './signature-table.js';

const VOLATILE = new Set(['random', 'now', 'gen_random_uuid', 'uuid', 'current_date', 'today', 'get_current_timestamp']);

/** Functions that return non-NULL (or raise an error) for non-NULL arguments. */
const NULL_SAFE = new Set(['to_days', 'to_months', 'to_years', 'to_hours', 'to_minutes', 'to_seconds', 'to_microseconds', 'to_milliseconds', 'to_weeks', 'trunc', '+', '-', '*', 'upper', 'lower', 'length', 'abs']);

/** Whether `node` is foldable and might evaluate to NULL (so a call taking it might become a NULL constant). */
export function mayFoldToNull(node: AstNode): boolean {
  return isFoldable(node) && !isNonNullConstant(node);
}

function isNonNullConstant(node: AstNode): boolean {
  switch (node['class']) {
    case 'CONSTANT': return (node['value'] as AstNode)['is_null'] === false;
    case 'CAST': return node['try_cast'] === false && isNonNullConstant(node['child'] as AstNode);
    case 'FUNCTION': {
      const name = node['function_name'] as string;
      const children = node['children'] as readonly AstNode[];
      if (!children.length || !children.every(isNonNullConstant)) return false;
      // Division and modulo give NULL for a zero divisor; a non-zero constant divisor is safe.
      if (name === '/' || name === '//' || name === '%') return children.length === 2 && isNonZeroNumber(children[1]!);
      return NULL_SAFE.has(name);
    }
    default: return false;
  }
}

function isNonZeroNumber(node: AstNode): boolean {
  if (node['class'] !== 'CONSTANT') return false;
  const v = (node['value'] as AstNode)['value'];
  return typeof v === 'number' && v !== 0;
}

/** No column, aggregate, window, subquery, parameter or volatile call inside. */
function isFoldable(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isFoldable);
  const node = value as AstNode;
  switch (node['class']) {
    case 'COLUMN_REF': case 'WINDOW': case 'SUBQUERY': case 'PARAMETER': case 'STAR': case 'LAMBDA':
      return false;
    case 'OPERATOR':
      if (node['type'] === 'GROUPING_FUNCTION') return false;
      break;
    case 'FUNCTION': {
      const name = node['function_name'];
      if (typeof name !== 'string' || VOLATILE.has(name) || lookupFunction(name)?.kind === 'aggregate') return false;
      break;
    }
  }
  for (const key in node) if (key !== 'query_location' && !isFoldable(node[key])) return false;
  return true;
}
