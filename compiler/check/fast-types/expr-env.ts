// check/fast-types/: what typing an expression needs to know about where it sits: the scope, whether
// aggregates and window functions are allowed there, the select-list aliases it may fall back to, and the
// GROUP BY state it must respect. Also records what it saw (aggregates, windows, ungrouped columns).
import type { AstNode } from './ast.js';
import type { LType } from './logical-type.js';
import type { Scope, ScopeColumn } from './scope.js';

/**
 * The name of an unaliased computed column. DuckDB names it after the expression's SQL text, which we do
 * not reproduce: fine inside a query (nothing can reference it), declined in the final output.
 */
export const UNNAMED = '\u0000unnamed';

/** An output column of a query: DESCRIBE's column_name and type. */
export interface OutputColumn {
  readonly name: string;
  readonly type: LType;
}

/** Binds a subquery (a `{node: …}` statement) whose outer scope is `scope`, returning its output columns. */
export type SubqueryBinder = (statement: AstNode, scope: Scope) => readonly OutputColumn[];

/**
 * A select-list alias an unqualified name may refer to when no FROM column has that name. DuckDB binds such
 * a reference as a copy of the aliased expression, so it carries the expression's type (literal types
 * included) and its aggregates and windows.
 */
export interface AliasTarget {
  readonly type: LType;
  readonly aggregate: boolean;
  readonly window: boolean;
}

/** GROUP BY expressions that are not plain column references, by structural key (see group-keys.ts). */
export interface GroupExpressions {
  readonly keys: ReadonlySet<string>;
}

/** Mutable typing state for one clause of one query block. */
export interface ExprEnv {
  readonly scope: Scope;
  readonly allowAggregates: boolean;
  readonly allowWindows: boolean;
  readonly aliases: ReadonlyMap<string, AliasTarget> | undefined;
  readonly groupExpressions: GroupExpressions | undefined;
  readonly bindSubquery: SubqueryBinder;
  /** >0 while typing inside an aggregate's arguments (or FILTER/ORDER BY). */
  aggregateDepth: number;
  /** >0 while typing inside a window function. */
  windowDepth: number;
  /** >0 while typing inside an expression that equals a GROUP BY expression. */
  groupedDepth: number;
  sawAggregate: boolean;
  sawWindow: boolean;
  /** A subquery referenced this query's columns (DuckDB then requires them grouped; we do not check, so aggregate queries decline). */
  sawCorrelation: boolean;
  /** Columns referenced outside any aggregate (must be grouped if the query aggregates). */
  readonly outsideRefs: ScopeColumn[];
}

/** A fresh environment. */
export function makeEnv(scope: Scope, bindSubquery: SubqueryBinder, opts: { aggregates: boolean; windows: boolean; aliases?: ReadonlyMap<string, AliasTarget>; groupExpressions?: GroupExpressions }): ExprEnv {
  return {
    scope, bindSubquery, allowAggregates: opts.aggregates, allowWindows: opts.windows, aliases: opts.aliases, groupExpressions: opts.groupExpressions,
    aggregateDepth: 0, windowDepth: 0, groupedDepth: 0, sawAggregate: false, sawWindow: false, sawCorrelation: false, outsideRefs: [],
  };
}
