// parse/fast/: ORDER BY lists (statement, window and aggregate ORDER BY share the grammar's sortby_list).
import type { Cursor } from './cursor.js';
import { decline } from './decline.js';
import { parseExpr } from './expr-parser.js';
import { orderBy, type OrderBy } from './nodes.js';

/** `expr [ASC|DESC] [NULLS FIRST|LAST], ...` after ORDER BY, as OrderByNodes. */
export function parseSortList(p: Cursor): OrderBy[] {
  const out: OrderBy[] = [];
  do {
    const expression = parseExpr(p);
    const [type, nulls] = parseSortDirection(p);
    out.push(orderBy(type, nulls, expression));
  } while (p.acceptOp(','));
  return out;
}

/** `[ASC|DESC] [NULLS FIRST|LAST]` as DuckDB's (OrderType, OrderByNullType) names. */
export function parseSortDirection(p: Cursor): [string, string] {
  let type = 'ORDER_DEFAULT';
  if (p.acceptWord('asc')) type = 'ASCENDING';
  else if (p.acceptWord('desc')) type = 'DESCENDING';
  else if (p.isWord('using')) decline();
  let nulls = 'ORDER_DEFAULT';
  if (p.isWord('nulls') && p.isWord('first', 1)) nulls = 'NULLS FIRST';
  else if (p.isWord('nulls') && p.isWord('last', 1)) nulls = 'NULLS LAST';
  if (nulls !== 'ORDER_DEFAULT') p.i += 2;
  return [type, nulls];
}
