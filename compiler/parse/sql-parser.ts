// parse/: the SQL front-end seam. bind/ and later phases see only these shapes, so the parser
// (DuckDB's own today) can be swapped without touching them (sqlc's Parser pattern).

import type { AstLogic } from './ast-logic.js';

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
  /** sha256 of the statement tree without positions (parse/ast-fingerprint.ts): equal for whitespace/comment/keyword-case edits. */
  readonly astFingerprint: string;
  /** Row logic and select-item fingerprints (parse/ast-logic.ts). */
  readonly logic: AstLogic;
  /**
   * The statement tree in json_serialize_sql's shape (one element of its `statements`), for lineage and
   * types. Trees are large (~20× the SQL), so a parser may rebuild it on each call rather than keep it;
   * callers use it and let it go.
   */
  statement(): unknown;
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
  close(): Promise<void>;
}
