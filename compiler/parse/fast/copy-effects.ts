// parse/fast/: side effects of DuckDB's Copy() on serialization. A set operation serializes its children
// through QueryNode::Copy(), and so does every level of an n-ary UNION, so a node nested under k set
// operations is copied k times. Two things change on a copy: JoinRef::Copy drops the join's
// query_location, and StarExpression::Copy re-inserts its REPLACE map into a new hash map (one more pass of
// star-order.ts's reordering). Everything else serializes unchanged.
import { NO_LOC, type Expr } from './nodes.js';
import { hashTableOrder } from './star-order.js';

/** Applies one Copy() to everything under `node` (mutating it in place; the parser builds it fresh). */
export function applyCopy(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) applyCopy(item);
    return;
  }
  const obj = node as Record<string, unknown>;
  if (obj['type'] === 'JOIN' && 'ref_type' in obj) obj['query_location'] = NO_LOC;
  if (obj['class'] === 'STAR') {
    const replace = obj['replace_list'] as { key: string; value: Expr }[];
    if (replace.length > 1) obj['replace_list'] = hashTableOrder(replace, (e) => e.key);
  }
  for (const key in obj) {
    const value = obj[key];
    if (value !== null && typeof value === 'object') applyCopy(value);
  }
}
