// check/fast-types/: the type of an expression, as DuckDB's ExpressionBinder computes it. Column
// references resolve through the scope (then select-list aliases), constants keep their literal types
// while they are operands, operators and CASE unify with the max logical type, calls go to
// type-call.ts. Anything unrecognised declines.
// @see https://duckdb.org/docs/stable/sql/expressions/overview
// Verified against the bundled DuckDB by test/fast-types (oracle and property tests).
import { arr, asNode, optNode, str, strings, type AstNode } from './ast.js';
import { constantType, typeFromAst } from './ast-type.js';
import { decline } from './decline.js';
import type { ExprEnv } from './expr-env.js';
import { expressionKey } from './group-keys.js';
import { BIGINT, BOOLEAN, DATE, SCALAR, type LType } from './logical-type.js';
import { lowerName } from './lower-name.js';
import { maxLogicalType } from './max-logical-type.js';
import { columnOf, type ScopeColumn } from './scope.js';
import { typeFunction, typeSubquery, typeWindow } from './type-call.js';

/** Where typeExpr records each node's type while recordExpressionTypes runs; undefined otherwise. */
let recorder: Map<object, LType> | undefined;

/**
 * Runs `fn` (a binding of one statement) and records in `into` the type of every expression node typed
 * meanwhile, keyed by the node object of the AST that was bound. On a decline the nodes typed before it
 * stay recorded. For translators that need operand types (emit/trino/); binding itself is unchanged.
 */
export function recordExpressionTypes<T>(into: Map<object, LType>, fn: () => T): T {
  const previous = recorder;
  recorder = into;
  try {
    return fn();
  } finally {
    recorder = previous;
  }
}

/** The type of expression `value` in `env` (literal types included: callers normalize outputs). */
export function typeExpr(value: unknown, env: ExprEnv): LType {
  const node = asNode(value);
  let type: LType;
  if (env.groupExpressions && env.aggregateDepth === 0 && env.groupedDepth === 0 && node['class'] !== 'COLUMN_REF' && node['class'] !== 'CONSTANT' && env.groupExpressions.keys.has(expressionKey(node, env.scope))) {
    env.groupedDepth++;
    try {
      type = typeNode(node, env);
    } finally {
      env.groupedDepth--;
    }
  } else {
    type = typeNode(node, env);
  }
  recorder?.set(node, type);
  return type;
}

function typeNode(node: AstNode, env: ExprEnv): LType {
  switch (node['class']) {
    case 'COLUMN_REF': return columnRefType(node, env);
    case 'CONSTANT': return constantType(node);
    case 'CAST':
      typeExpr(node['child'], env);
      return typeFromAst(node['cast_type']);
    case 'COMPARISON':
      unify([typeExpr(node['left'], env), typeExpr(node['right'], env)]);
      return BOOLEAN;
    case 'CONJUNCTION':
      for (const c of arr(node, 'children')) typeExpr(c, env);
      return BOOLEAN;
    case 'BETWEEN':
      unify([typeExpr(node['input'], env), typeExpr(node['lower'], env), typeExpr(node['upper'], env)]);
      return BOOLEAN;
    case 'OPERATOR': return operatorType(node, env);
    case 'CASE': return caseType(node, env);
    case 'FUNCTION': return typeFunction(node, env);
    case 'WINDOW': return typeWindow(node, env);
    case 'SUBQUERY': return typeSubquery(node, env);
    default: return decline();
  }
}

/** The max logical type of `types` in order; declines when DuckDB would require an explicit cast. */
export function unify(types: readonly LType[]): LType {
  let t = types[0] ?? decline();
  for (let i = 1; i < types.length; i++) t = maxLogicalType(t, types[i]!) ?? decline();
  return t;
}

function operatorType(node: AstNode, env: ExprEnv): LType {
  const children = arr(node, 'children');
  switch (str(node, 'type')) {
    case 'OPERATOR_NOT':
    case 'OPERATOR_IS_NULL':
    case 'OPERATOR_IS_NOT_NULL':
      for (const c of children) typeExpr(c, env);
      return BOOLEAN;
    case 'COMPARE_IN':
    case 'COMPARE_NOT_IN':
      unify(children.map((c) => typeExpr(c, env)));
      return BOOLEAN;
    case 'GROUPING_FUNCTION':
      // grouping(a, …) is a bit mask of the grouping set; only valid in an aggregate query, which the caller checks.
      if (!env.allowAggregates || env.aggregateDepth > 0) decline();
      env.sawAggregate = true;
      env.aggregateDepth++;
      try {
        for (const c of children) typeExpr(c, env);
      } finally {
        env.aggregateDepth--;
      }
      return BIGINT;
    case 'OPERATOR_COALESCE': {
      const t = unify(children.map((c) => typeExpr(c, env)));
      return t.id === 'INTEGER_LITERAL' ? t.base! : t.id === 'STRING_LITERAL' ? decline() : t;
    }
    default: return decline();
  }
}

/** CASE: the ELSE type (NULL when absent) unified with each THEN type in order; WHEN conditions are cast to BOOLEAN. */
function caseType(node: AstNode, env: ExprEnv): LType {
  const elseExpr = optNode(node, 'else_expr');
  const types: LType[] = [];
  const checks = arr(node, 'case_checks');
  if (checks.length === 0) decline();
  const thenTypes: LType[] = [];
  for (const c of checks) {
    const check = asNode(c);
    typeExpr(check['when_expr'], env);
    thenTypes.push(typeExpr(check['then_expr'], env));
  }
  if (!elseExpr) decline();
  types.push(typeExpr(elseExpr, env), ...thenTypes);
  return unify(types);
}

/** The column a COLUMN_REF names, or undefined when it names a select-list alias instead. */
export function resolveColumnRef(node: AstNode, env: ExprEnv): ScopeColumn | undefined {
  const names = strings(node, 'column_names');
  if (names.length === 1) {
    const col = env.scope.resolve(names[0]!);
    if (col) return col;
    const key = lowerName(names[0]!);
    if (env.aliases?.has(key) || SPECIAL_VALUES[key]) return undefined;
    return decline();
  }
  if (names.length === 2) {
    const binding = env.scope.findBinding(names[0]!);
    if (!binding) decline();
    return columnOf(binding, names[1]!);
  }
  return decline();
}

/** Names that, when no column or alias has them, are DuckDB's parameterless special functions. */
const SPECIAL_VALUES: Readonly<Record<string, LType>> = {
  current_date: DATE,
  current_timestamp: SCALAR['TIMESTAMP WITH TIME ZONE']!,
};

function columnRefType(node: AstNode, env: ExprEnv): LType {
  const col = resolveColumnRef(node, env);
  if (col) {
    if (env.aggregateDepth === 0 && env.groupedDepth === 0) env.outsideRefs.push(col);
    return col.type;
  }
  const key = lowerName(strings(node, 'column_names')[0]!);
  const alias = env.aliases?.get(key);
  if (!alias) return SPECIAL_VALUES[key] ?? decline();
  if (alias.aggregate) {
    if (!env.allowAggregates || env.aggregateDepth > 0) decline();
    env.sawAggregate = true;
  }
  if (alias.window) {
    if (!env.allowWindows || env.windowDepth > 0 || env.aggregateDepth > 0) decline();
    env.sawWindow = true;
  }
  return alias.type;
}
