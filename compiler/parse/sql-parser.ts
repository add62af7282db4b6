// parse/: the SQL front-end seam. bind/ and later phases see only these shapes, so the parser
// (DuckDB's own today) can be swapped without touching them (sqlc's Parser pattern).

/** A table referenced by a query, with its position in the text passed to the parser. */
export interface TableRef {
  /** Unquoted table name as written (case preserved). */
  readonly name: string;
  /** Schema qualifier as written, or '' when unqualified. */
  readonly schema: string;
  /** 0-based offset of the reference in the parsed text. */
  readonly offset: number;
}

/** A successfully parsed SELECT. */
export interface ParsedQuery {
  /** Base tables read, in order of appearance, excluding references to CTEs in scope. */
  readonly tableRefs: readonly TableRef[];
  /** Canonical JSON of the AST without positions: equal for whitespace/comment/case-only edits of keywords. */
  readonly normalizedAst: string;
  /** The parser's statement tree (DuckDB: one element of json_serialize_sql's `statements`), for lineage. */
  readonly ast: unknown;
}

/** A parse failure: message and, where the parser knows it, the 0-based offset. */
export interface SqlSyntaxError {
  readonly message: string;
  readonly offset?: number;
}

/** Parses exactly one SELECT statement (with CTEs, set operations, subqueries…). */
export interface SqlParser {
  parseSelect(sql: string): Promise<{ ok: true; value: ParsedQuery } | { ok: false; error: SqlSyntaxError }>;
  /** Parses many SELECTs at once (same results as parseSelect, in order); implementations batch and parallelize. */
  parseMany(sqls: readonly string[]): Promise<({ ok: true; value: ParsedQuery } | { ok: false; error: SqlSyntaxError })[]>;
  /** Lower-case names of the dialect's aggregate functions (lineage classifies their inputs as AGGREGATION). */
  aggregateFunctions(): Promise<ReadonlySet<string>>;
  close(): Promise<void>;
}
