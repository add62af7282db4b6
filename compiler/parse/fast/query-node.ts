// parse/fast/: the parsed form of a query before it becomes DuckDB's QueryNode, mirroring the grammar's
// PGSelectStmt: a simple SELECT or a set operation, plus the ORDER BY / LIMIT / WITH the grammar attaches
// afterwards (insertSelectOptions). toQueryNode then does what DuckDB's TransformSelectNode does.
import { applyCopy } from './copy-effects.js';
import { decline } from './decline.js';
import { emptyRef, type CteEntry, type Expr, type OrderBy, type QueryNode, type TableRef } from './nodes.js';

/** A SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... QUALIFY block. */
export interface SimpleSelect {
  readonly kind: 'select';
  /** undefined: no DISTINCT; []: DISTINCT; otherwise DISTINCT ON (...). */
  readonly distinct: Expr[] | undefined;
  readonly targets: Expr[];
  readonly from: TableRef | null;
  readonly where: Expr | null;
  /** Distinct GROUP BY expressions, in first-appearance order. */
  readonly groups: Expr[];
  /** Grouping sets as ascending indexes into `groups`. */
  readonly groupSets: number[][];
  readonly groupAll: boolean;
  readonly having: Expr | null;
  readonly qualify: Expr | null;
}

/** `left UNION|EXCEPT|INTERSECT [ALL] right`, or UNION [ALL] BY NAME. */
export interface SetOperation {
  readonly kind: 'setop';
  readonly op: 'UNION' | 'UNION_BY_NAME' | 'EXCEPT' | 'INTERSECT';
  readonly all: boolean;
  readonly left: ParsedQuery;
  readonly right: ParsedQuery;
}

/** Options the grammar attaches to the outermost select of a query. */
export interface QueryOptions {
  sort?: OrderBy[];
  limit?: { readonly limit: Expr | null; readonly offset: Expr | null };
  ctes?: CteEntry[];
}

/** A parsed query of either kind, with the options attached to it. */
export type ParsedQuery = (SimpleSelect | SetOperation) & QueryOptions;

/** insertSelectOptions: attaches ORDER BY, LIMIT/OFFSET and WITH; a second one of any kind declines. */
export function attachOptions(q: ParsedQuery, options: QueryOptions): ParsedQuery {
  if (options.sort !== undefined) {
    if (q.sort !== undefined) decline();
    q.sort = options.sort;
  }
  if (options.limit !== undefined) {
    if (q.limit !== undefined) decline();
    q.limit = options.limit;
  }
  if (options.ctes !== undefined) {
    if (q.ctes !== undefined) decline();
    q.ctes = options.ctes;
  }
  return q;
}

/** The QueryNode DuckDB serializes for `q`. */
export function toQueryNode(q: ParsedQuery): QueryNode {
  const modifiers: unknown[] = [];
  if (q.kind === 'select' && q.distinct !== undefined) modifiers.push({ type: 'DISTINCT_MODIFIER', distinct_on_targets: q.distinct });
  if (q.sort !== undefined) modifiers.push({ type: 'ORDER_MODIFIER', orders: q.sort });
  if (q.limit !== undefined) modifiers.push({ type: 'LIMIT_MODIFIER', limit: q.limit.limit, offset: q.limit.offset });
  const cteMap = { map: q.ctes ?? [] };
  if (q.kind === 'setop') {
    if (q.op === 'EXCEPT' || q.op === 'INTERSECT') return setOpNode(q.op, q.all, modifiers, cteMap, toQueryNode(q.left), toQueryNode(q.right));
    const operands: ParsedQuery[] = [];
    collectUnion(q.left, q.op, q.all, operands);
    collectUnion(q.right, q.op, q.all, operands);
    const nodes = operands.map(toQueryNode);
    const right = nodes.length === 2 ? nodes[1]! : balancedUnion(nodes.slice(1), q.op, q.all);
    return setOpNode(q.op, q.all, modifiers, cteMap, nodes[0]!, right);
  }
  return {
    type: 'SELECT_NODE', modifiers, cte_map: cteMap, select_list: q.targets, from_table: q.from ?? emptyRef(),
    where_clause: q.where, group_expressions: q.groups, group_sets: q.groupSets,
    aggregate_handling: q.groupAll ? 'FORCE_AGGREGATES' : 'STANDARD_HANDLING', having: q.having, sample: null, qualify: q.qualify,
  };
}

/** A SET_OPERATION_NODE; its children are serialized through Copy() (copy-effects.ts). */
function setOpNode(op: string, all: boolean, modifiers: unknown[], cteMap: QueryNode['cte_map'], left: QueryNode, right: QueryNode): QueryNode {
  applyCopy(left);
  applyCopy(right);
  return { type: 'SET_OPERATION_NODE', modifiers, cte_map: cteMap, setop_type: op, left, right, setop_all: all };
}

/**
 * DuckDB keeps a chain of UNIONs of one kind (plain or BY NAME, ALL or not) as one n-ary node, absorbing
 * nested unions of the same kind that carry no ORDER BY, LIMIT or WITH of their own.
 */
function collectUnion(q: ParsedQuery, op: string, all: boolean, out: ParsedQuery[]): void {
  if (q.kind === 'setop' && q.op === op && q.all === all && q.sort === undefined && q.limit === undefined) {
    if (q.ctes !== undefined) decline();
    collectUnion(q.left, op, all, out);
    collectUnion(q.right, op, all, out);
  } else {
    out.push(q);
  }
}

/**
 * How DuckDB serializes the operands after the first of an n-ary UNION: paired up left to right, level by
 * level (an odd one out moves up unpaired), until two remain.
 */
function balancedUnion(nodes: QueryNode[], op: string, all: boolean): QueryNode {
  let level = nodes;
  while (level.length > 2) {
    const next: QueryNode[] = [];
    for (let k = 0; k < level.length; k += 2) {
      next.push(k + 1 === level.length ? level[k]! : setOpNode(op, all, [], { map: [] }, level[k]!, level[k + 1]!));
    }
    level = next;
  }
  return setOpNode(op, all, [], { map: [] }, level[0]!, level[1]!);
}
