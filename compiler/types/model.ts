// Data only: a parsed model, as parse/ hands it to bind/.
import type { Span } from '../diagnostics/diagnostic.js';
import type { StatementForm } from '../parse/model-statement.js';
import type { AstLogic } from '../parse/ast-logic.js';

/** A table reference in a model, with its span in the model file. */
export interface ModelTableRef {
  readonly name: string;
  readonly schema: string;
  readonly span: Span;
}

/** A model after parsing: what it writes, what it reads, and its normalized AST. */
export interface ParsedModel {
  readonly pipeline: string;
  readonly layer: string;
  /** Dataset written: the CREATE/INSERT target, else the file name. */
  readonly dataset: string;
  readonly path: string;
  readonly form: StatementForm;
  /** The SELECT text the runtime executes. */
  readonly sql: string;
  /** 0-based offset of `sql` in the file. */
  readonly sqlOffset: number;
  /** sha256 of the statement tree without positions (parse/ast-fingerprint.ts). */
  readonly astFingerprint: string;
  /** Row logic and select-item fingerprints (parse/ast-logic.ts), for column-aware plan fingerprints. */
  readonly logic: AstLogic;
  /** The parser's statement tree (see parse/sql-parser.ts `statement()`), possibly rebuilt per call: use it and let it go. */
  statement(): unknown;
  /** File offset that the AST's `query_location`s are relative to. */
  readonly astOffset: number;
  /** Header `unique_key=a+b`: the dataset's key, checked as unique and not null on every run. */
  readonly uniqueKey?: readonly string[];
  /** Where the header's unique_key value is, for diagnostics. */
  readonly uniqueKeySpan?: Span;
  readonly tableRefs: readonly ModelTableRef[];
  readonly description?: string;
  /** Span of the whole statement (for diagnostics about the model as a whole). */
  readonly span: Span;
}
