// check/fast-types/: types function calls, window functions and subquery expressions. Calls are checked
// for where they may appear (no aggregate in WHERE, none nested in another, windows only in SELECT,
// QUALIFY and ORDER BY), then typed by function-binder.ts; the two built-in macros the corpus uses are
// expanded by hand.
// @see https://duckdb.org/docs/stable/sql/functions/aggregates
// @see https://duckdb.org/docs/stable/sql/functions/window_functions
// Verified against the bundled DuckDB by test/fast-types (oracle and property tests).
import { arr, asNode, child, optNode, str, type AstNode } from './ast.js';
import { implicitCastCost, isIntegral } from './cast-rules.js';
import { mayFoldToNull } from './constant-null.js';
import { decline } from './decline.js';
import type { ExprEnv } from './expr-env.js';
import { typeFunctionCall } from './function-binder.js';
import { BIGINT, BOOLEAN, DOUBLE, normalize, NULL_TYPE, VARCHAR, type LType } from './logical-type.js';
import { READS_LITERALS } from './literal-arguments.js';
import { Scope } from './scope.js';
import { lookupFunction } from './signature-table.js';
import { typeExpr, unify } from './type-expression.js';

/** A FUNCTION node: scalar function, aggregate or built-in macro. */
export function typeFunction(node: AstNode, env: ExprEnv): LType {
  const name = str(node, 'function_name');
  const schema = str(node, 'schema');
  if ((schema !== '' && schema !== 'main') || str(node, 'catalog') !== '' || node['export_state'] !== false) decline();
  const macro = MACROS[name];
  const entry = macro ? undefined : lookupFunction(name) ?? decline();
  const aggregate = entry?.kind === 'aggregate';
  if (aggregate) {
    if (!env.allowAggregates || env.aggregateDepth > 0) decline();
    env.sawAggregate = true;
    env.aggregateDepth++;
  } else if (node['distinct'] !== false || optNode(node, 'filter') || orderExpressions(node).length) {
    decline();
  }
  try {
    const children = arr(node, 'children');
    if (!aggregate && !macro) for (const c of children) if (mayFoldToNull(asNode(c))) decline();
    const args = children.map((c) => typeExpr(c, env));
    if (aggregate) {
      const filter = optNode(node, 'filter');
      if (filter) typeExpr(filter, env);
      for (const e of orderExpressions(node)) typeExpr(e, env);
    }
    return macro ? macro(args) : typeFunctionCall(name, args, literalsOf(name, children)).type;
  } finally {
    if (aggregate) env.aggregateDepth--;
  }
}

const NO_LITERALS: readonly (string | undefined)[] = [];

/** String constant arguments by position, read only for the functions whose bind step looks at them. */
function literalsOf(name: string, children: readonly unknown[]): readonly (string | undefined)[] {
  return READS_LITERALS.has(name) ? children.map(stringConstant) : NO_LITERALS;
}

/** The value of a string constant argument, else undefined. */
function stringConstant(value: unknown): string | undefined {
  const node = asNode(value);
  if (node['class'] !== 'CONSTANT') return undefined;
  const v = asNode(node['value']);
  return v['is_null'] === false && asNode(v['type'])['id'] === 'VARCHAR' && typeof v['value'] === 'string' ? v['value'] : undefined;
}

function orderExpressions(node: AstNode): unknown[] {
  const mod = optNode(node, 'order_bys');
  if (!mod) return [];
  return arr(mod, 'orders').map((o) => asNode(o)['expression']);
}

const isText = (t: LType): boolean => t.id === 'VARCHAR' || t.id === 'STRING_LITERAL';

/** DuckDB's built-in macros, expanded: nullif(a, b) = CASE WHEN a = b THEN NULL ELSE a END; split_part is text. */
const MACROS: Readonly<Record<string, (args: readonly LType[]) => LType>> = {
  nullif: (args) => {
    if (args.length !== 2) decline();
    unify(args);
    return unify([args[0]!, NULL_TYPE]);
  },
  split_part: (args) => {
    if (args.length !== 3 || !isText(args[0]!) || !isText(args[1]!)) decline();
    // The position indexes a list: it must cast implicitly to BIGINT.
    if (!isIntegral(args[2]!.base ?? args[2]!) || implicitCastCost(args[2]!, BIGINT) < 0) decline();
    return VARCHAR;
  },
};

/** Result types of the window-only functions, by WINDOW node type; undefined entries return their argument's type. */
const WINDOW_RESULTS: Readonly<Record<string, LType | undefined>> = {
  WINDOW_ROW_NUMBER: BIGINT, WINDOW_RANK: BIGINT, WINDOW_RANK_DENSE: BIGINT, WINDOW_NTILE: BIGINT,
  WINDOW_PERCENT_RANK: DOUBLE, WINDOW_CUME_DIST: DOUBLE,
  WINDOW_LAG: undefined, WINDOW_LEAD: undefined, WINDOW_FIRST_VALUE: undefined, WINDOW_LAST_VALUE: undefined, WINDOW_NTH_VALUE: undefined,
};

/** A WINDOW node: `f(args) OVER (PARTITION BY … ORDER BY … frame)`. */
export function typeWindow(node: AstNode, env: ExprEnv): LType {
  if (!env.allowWindows || env.windowDepth > 0 || env.aggregateDepth > 0) decline();
  if (str(node, 'schema') !== '' || str(node, 'catalog') !== '') decline();
  env.sawWindow = true;
  env.windowDepth++;
  try {
    const children = arr(node, 'children');
    const args = children.map((c) => typeExpr(c, env));
    for (const p of arr(node, 'partitions')) typeExpr(p, env);
    for (const o of arr(node, 'orders')) typeExpr(asNode(o)['expression'], env);
    for (const o of arr(node, 'arg_orders')) typeExpr(asNode(o)['expression'], env);
    for (const key of ['start_expr', 'end_expr', 'offset_expr', 'default_expr', 'filter_expr']) {
      const e = optNode(node, key);
      if (e) typeExpr(e, env);
    }
    const type = str(node, 'type');
    if (type === 'WINDOW_AGGREGATE') {
      const name = str(node, 'function_name');
      const call = typeFunctionCall(name, args, literalsOf(name, children));
      if (!call.aggregate) decline();
      return call.type;
    }
    if (!(type in WINDOW_RESULTS) || node['distinct'] !== false) decline();
    const fixed = WINDOW_RESULTS[type];
    if (fixed) return fixed;
    if (args.length !== 1) decline();
    return normalize(args[0]!);
  } finally {
    env.windowDepth--;
  }
}

/** A SUBQUERY expression: scalar (its one column's type), EXISTS, or `x IN (SELECT …)` / `x op ANY (…)`. */
export function typeSubquery(node: AstNode, env: ExprEnv): LType {
  const kind = str(node, 'subquery_type');
  const boundary = new Scope(env.scope, true);
  const cols = env.bindSubquery(child(node, 'subquery'), boundary);
  if (boundary.correlated) env.sawCorrelation = true;
  switch (kind) {
    case 'SCALAR':
      if (cols.length !== 1) decline();
      return cols[0]!.type;
    case 'EXISTS':
    case 'NOT_EXISTS':
      return BOOLEAN;
    case 'ANY':
    case 'ALL': {
      if (cols.length !== 1) decline();
      unify([typeExpr(node['child'], env), cols[0]!.type]);
      return BOOLEAN;
    }
    default:
      return decline();
  }
}
