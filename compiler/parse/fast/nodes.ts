// parse/fast/: builders for the objects DuckDB's json_serialize_sql emits, one per serialized class, with
// the keys in DuckDB's serialization order (JSON.stringify keeps insertion order, and callers compare text).
// Shapes were read off DuckDB 1.5's output; see
// https://duckdb.org/docs/stable/data/json/sql_to_and_from_json

/** DuckDB's "no location" (uint64 max) after a JSON.parse round trip. */
export const NO_LOC = 18446744073709552000;

/** A serialized ParsedExpression: class, type, alias and query_location, then class-specific fields. */
export interface Expr {
  class: string;
  type: string;
  alias: string;
  query_location: number;
  [field: string]: unknown;
}

/** A serialized LogicalType. */
export interface LogicalType {
  readonly id: string;
  readonly type_info: unknown;
}

/** A serialized Value. */
export interface Value {
  readonly type: LogicalType;
  readonly is_null: boolean;
  readonly value?: unknown;
}

/** A serialized OrderByNode. */
export interface OrderBy {
  readonly type: string;
  readonly null_order: string;
  readonly expression: Expr;
}

/** A serialized TableRef: type, alias, sample, query_location, then type-specific fields. */
export interface TableRef {
  type: string;
  alias: string;
  sample: null;
  query_location: number;
  [field: string]: unknown;
}

/** A serialized QueryNode (SELECT_NODE or SET_OPERATION_NODE). */
export interface QueryNode {
  type: string;
  modifiers: unknown[];
  cte_map: { map: CteEntry[] };
  [field: string]: unknown;
}

/** One entry of a query node's cte_map. */
export interface CteEntry {
  readonly key: string;
  readonly value: { aliases: string[]; query: Statement; materialized: string; key_targets: unknown[] };
}

/** A serialized SelectStatement: what json_serialize_sql lists under `statements`. */
export interface Statement {
  readonly node: QueryNode;
  readonly named_param_map: unknown[];
}

/** A LogicalType without type info: `{id, type_info: null}` (INTEGER, VARCHAR, ...). */
export const simpleType = (id: string): LogicalType => ({ id, type_info: null });

/** DECIMAL(width, scale): `{id: 'DECIMAL', type_info: {type: 'DECIMAL_TYPE_INFO', alias, extension_info, width, scale}}`. */
export function decimalType(width: number, scale: number): LogicalType {
  return { id: 'DECIMAL', type_info: { type: 'DECIMAL_TYPE_INFO', alias: '', extension_info: null, width, scale } };
}

/** The NULL value: `{type: {id: 'NULL'}, is_null: true}` (no `value` key). */
export const NULL_VALUE: Value = { type: simpleType('NULL'), is_null: true };

/** ConstantExpression: `{class: 'CONSTANT', type: 'VALUE_CONSTANT', alias, query_location, value}`. */
export function constant(loc: number, value: Value): Expr {
  return { class: 'CONSTANT', type: 'VALUE_CONSTANT', alias: '', query_location: loc, value };
}

/** A VARCHAR constant. */
export function varchar(loc: number, text: string): Expr {
  return constant(loc, { type: simpleType('VARCHAR'), is_null: false, value: text });
}

/** ColumnRefExpression: `{class: 'COLUMN_REF', ..., column_names}` (names as written; quoted ones unescaped). */
export function columnRef(loc: number, names: string[]): Expr {
  return { class: 'COLUMN_REF', type: 'COLUMN_REF', alias: '', query_location: loc, column_names: names };
}

/** Optional parts of a FunctionExpression. */
export interface FunctionParts {
  readonly schema?: string;
  readonly catalog?: string;
  readonly filter?: Expr | null;
  readonly orders?: OrderBy[];
  readonly distinct?: boolean;
  readonly isOperator?: boolean;
}

/**
 * FunctionExpression: `{class: 'FUNCTION', ..., function_name, schema, children, filter, order_bys, distinct,
 * is_operator, export_state, catalog}`.
 */
export function func(loc: number, name: string, children: Expr[], parts: FunctionParts = {}): Expr {
  return {
    class: 'FUNCTION', type: 'FUNCTION', alias: '', query_location: loc,
    function_name: name, schema: parts.schema ?? '', children, filter: parts.filter ?? null,
    order_bys: { type: 'ORDER_MODIFIER', orders: parts.orders ?? [] },
    distinct: parts.distinct ?? false, is_operator: parts.isOperator ?? false, export_state: false, catalog: parts.catalog ?? '',
  };
}

/** An operator written as a function (`+`, `||`, `~~`, ...). */
export function operatorFunc(loc: number, name: string, children: Expr[]): Expr {
  return func(loc, name, children, { isOperator: true });
}

/** OperatorExpression: `{class: 'OPERATOR', type, ..., children}` (NOT, IS NULL, IN, COALESCE, ...). */
export function operator(type: string, loc: number, children: Expr[]): Expr {
  return { class: 'OPERATOR', type, alias: '', query_location: loc, children };
}

/** ComparisonExpression: `{class: 'COMPARISON', type: 'COMPARE_*', ..., left, right}`. */
export function comparison(type: string, loc: number, left: Expr, right: Expr): Expr {
  return { class: 'COMPARISON', type, alias: '', query_location: loc, left, right };
}

/** ConjunctionExpression: `{class: 'CONJUNCTION', type: 'CONJUNCTION_AND' | 'CONJUNCTION_OR', ..., children}`. */
export function conjunction(type: string, loc: number, children: Expr[]): Expr {
  return { class: 'CONJUNCTION', type, alias: '', query_location: loc, children };
}

/** CastExpression: `{class: 'CAST', type: 'OPERATOR_CAST', ..., child, cast_type, try_cast}`. */
export function cast(loc: number, child: Expr, castType: LogicalType, tryCast: boolean): Expr {
  return { class: 'CAST', type: 'OPERATOR_CAST', alias: '', query_location: loc, child, cast_type: castType, try_cast: tryCast };
}

/** One WHEN ... THEN ... of a CASE. */
export interface CaseCheck {
  readonly when_expr: Expr;
  readonly then_expr: Expr;
}

/** CaseExpression: `{class: 'CASE', type: 'CASE_EXPR', ..., case_checks, else_expr}`. */
export function caseExpr(loc: number, checks: CaseCheck[], elseExpr: Expr): Expr {
  return { class: 'CASE', type: 'CASE_EXPR', alias: '', query_location: loc, case_checks: checks, else_expr: elseExpr };
}

/** BetweenExpression: `{class: 'BETWEEN', type: 'COMPARE_BETWEEN', ..., input, lower, upper}`. */
export function between(loc: number, input: Expr, lower: Expr, upper: Expr): Expr {
  return { class: 'BETWEEN', type: 'COMPARE_BETWEEN', alias: '', query_location: loc, input, lower, upper };
}

/** A subquery expression: SCALAR, EXISTS or ANY (IN). */
export function subquery(loc: number, kind: string, stmt: Statement, child: Expr | null, comparisonType: string): Expr {
  return { class: 'SUBQUERY', type: 'SUBQUERY', alias: '', query_location: loc, subquery_type: kind, subquery: stmt, child, comparison_type: comparisonType };
}

/**
 * StarExpression (`*`, `rel.*`): `{class: 'STAR', ..., relation_name, exclude_list, replace_list, columns, expr,
 * qualified_exclude_list, rename_list}`; replace_list entries are `{key, value}`.
 */
export function star(loc: number, relation: string, exclude: string[], replace: { key: string; value: Expr }[]): Expr {
  return {
    class: 'STAR', type: 'STAR', alias: '', query_location: loc, relation_name: relation, exclude_list: exclude,
    replace_list: replace, columns: false, expr: null, qualified_exclude_list: [], rename_list: [],
  };
}

/** The parts of a WindowExpression after its function name. */
export interface WindowParts {
  readonly children: Expr[];
  readonly partitions: Expr[];
  readonly orders: OrderBy[];
  readonly start: string;
  readonly end: string;
  readonly startExpr: Expr | null;
  readonly endExpr: Expr | null;
  readonly offsetExpr: Expr | null;
  readonly defaultExpr: Expr | null;
  readonly ignoreNulls: boolean;
  readonly filter: Expr | null;
  readonly distinct: boolean;
}

/**
 * WindowExpression: `{class: 'WINDOW', type: 'WINDOW_*', ..., function_name, schema, catalog, children, partitions,
 * orders, start, end, start_expr, end_expr, offset_expr, default_expr, ignore_nulls, filter_expr, exclude_clause,
 * distinct, arg_orders}`.
 */
export function window(type: string, loc: number, name: string, w: WindowParts): Expr {
  return {
    class: 'WINDOW', type, alias: '', query_location: loc, function_name: name, schema: '', catalog: '',
    children: w.children, partitions: w.partitions, orders: w.orders, start: w.start, end: w.end,
    start_expr: w.startExpr, end_expr: w.endExpr, offset_expr: w.offsetExpr, default_expr: w.defaultExpr,
    ignore_nulls: w.ignoreNulls, filter_expr: w.filter, exclude_clause: 'NO_OTHER', distinct: w.distinct, arg_orders: [],
  };
}

/** OrderByNode: `{type: 'ASCENDING' | 'DESCENDING' | 'ORDER_DEFAULT', null_order, expression}`. */
export function orderBy(type: string, nullOrder: string, expression: Expr): OrderBy {
  return { type, null_order: nullOrder, expression };
}

/** BaseTableRef: `{type: 'BASE_TABLE', alias, sample, query_location, schema_name, table_name, column_name_alias, catalog_name, at_clause}`. */
export function baseTable(loc: number, catalog: string, schema: string, table: string, alias: string, columnAliases: string[]): TableRef {
  return {
    type: 'BASE_TABLE', alias, sample: null, query_location: loc, schema_name: schema, table_name: table,
    column_name_alias: columnAliases, catalog_name: catalog, at_clause: null,
  };
}

/** SubqueryRef (a query in FROM; DuckDB gives it no location): `{type: 'SUBQUERY', ..., subquery, column_name_alias}`. */
export function subqueryRef(stmt: Statement, alias: string, columnAliases: string[]): TableRef {
  return { type: 'SUBQUERY', alias, sample: null, query_location: NO_LOC, subquery: stmt, column_name_alias: columnAliases };
}

/**
 * JoinRef: `{type: 'JOIN', ..., left, right, condition, join_type, ref_type, using_columns, delim_flipped,
 * duplicate_eliminated_columns}`; ref_type is REGULAR, or CROSS for CROSS JOIN and comma lists.
 */
export function joinRef(loc: number, left: TableRef, right: TableRef, condition: Expr | null, joinType: string, refType: string, using: string[]): TableRef {
  return {
    type: 'JOIN', alias: '', sample: null, query_location: loc, left, right, condition, join_type: joinType,
    ref_type: refType, using_columns: using, delim_flipped: false, duplicate_eliminated_columns: [],
  };
}

/** The FROM of a SELECT without one: `{type: 'EMPTY', alias, sample, query_location: NO_LOC}`. */
export function emptyRef(): TableRef {
  return { type: 'EMPTY', alias: '', sample: null, query_location: NO_LOC };
}

/** A SelectStatement: `{node, named_param_map: []}`. */
export function statement(node: QueryNode): Statement {
  return { node, named_param_map: [] };
}
