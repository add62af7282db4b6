// Data only: declarative data-validation rules over datasets, and the result of evaluating one.
// Evaluation lives in runtime/validate/; this file has no logic.

/**
 * How much a failing rule matters. Every rule computes `ok` whatever its severity;
 * only the caller decides what blocks (by default: `error` rules that are not ok,
 * see runtime/validate/sanity-report.ts `blockingFailures`).
 */
export type RuleSeverity = 'error' | 'warn' | 'info';

/** Fields every rule has. */
interface RuleBase {
  /** Stable rule id, unique within a project, e.g. `releases_pk`. Used in reports and diagnostics. */
  readonly id: string;
  /** The dataset the rule checks (a name the caller's `relationOf` resolves to an SQL relation). */
  readonly dataset: string;
  readonly severity: RuleSeverity;
  /** Free text for humans; never interpreted. */
  readonly description?: string;
}

/**
 * Passes when the dataset has at least `min` rows.
 * Measured value: the row count (rows).
 */
export interface RowCountMinRule extends RuleBase {
  readonly kind: 'row_count_min';
  /** Minimum row count, inclusive; a non-negative integer. */
  readonly min: number;
}

/**
 * Passes when no row has a NULL in any of `columns`.
 * Measured value: rows with a NULL in at least one of `columns` (rows).
 */
export interface NotNullRule extends RuleBase {
  readonly kind: 'not_null';
  /** Column names (case as stored); at least one. */
  readonly columns: readonly string[];
}

/**
 * Passes when no value of the composite key `columns` occurs in more than one row.
 * Rows with a NULL in any key column are ignored (SQL UNIQUE semantics; NULLs are `not_null`'s job).
 * Measured value: distinct key values that occur more than once (keys, not rows).
 */
export interface UniqueRule extends RuleBase {
  readonly kind: 'unique';
  /** The key, in order; at least one column. */
  readonly columns: readonly string[];
}

/**
 * Referential integrity: each row of `dataset` whose key `columns` is fully non-NULL must match a row of
 * `to` on `to_columns` (paired by position). Rows with no match are *orphans*. Rows with a NULL in any
 * key column are not orphans (NULLs are `not_null`'s job).
 *
 * Passes when `orphans <= max_orphans` AND `orphans / rows <= max_orphan_ratio`, where `rows` is the
 * total row count of `dataset` (NULL-key rows included) and the ratio of an empty dataset is 0.
 * With neither limit given, no orphan is allowed. Giving only `max_orphan_ratio` sets no count limit
 * (otherwise the ratio could never allow anything); give both to apply both.
 * Measured value: orphan rows (rows, not distinct keys).
 */
export interface RelationshipRule extends RuleBase {
  readonly kind: 'relationship';
  /** Referencing key columns of `dataset`; at least one. */
  readonly columns: readonly string[];
  /** The referenced dataset. */
  readonly to: string;
  /** Referenced key columns of `to`; same length as `columns`. */
  readonly to_columns: readonly string[];
  /** Most orphan rows allowed, a non-negative integer; default 0, or no limit when `max_orphan_ratio` is given. */
  readonly max_orphans?: number;
  /** Largest orphan fraction allowed, 0..1 (0.01 = 1%); default: no ratio limit. */
  readonly max_orphan_ratio?: number;
}

/**
 * Passes when every non-NULL value of the single column is one of `values` (NULLs are `not_null`'s job).
 * Values are compared in the column's own type: each value is given to the engine as a string literal
 * that it converts to the column type (`true`/`false` for booleans); a value that does not convert
 * makes the rule unevaluable. An empty `values` list accepts nothing but NULL.
 * Measured value: rows whose value is not accepted (rows).
 */
export interface AcceptedValuesRule extends RuleBase {
  readonly kind: 'accepted_values';
  /** Exactly one column. */
  readonly columns: readonly [string];
  /** The accepted values; numbers must be finite. */
  readonly values: readonly (string | number | boolean)[];
}

/**
 * Reconciles amounts between two datasets: the sum of `sum` per key `columns` of `dataset` must equal the
 * sum of `to_sum` per key `to_columns` of `to` (keys paired by position), within `tolerance`, for every
 * key. A key present on one side only is a mismatch whatever its amount. Unlike the other rules, a NULL
 * key is a key like any other (NULL matches NULL), so that every row's amount is accounted for; NULL
 * amounts count as 0. Amounts are summed in the columns' own types (exact for DECIMAL).
 * Example: invoice lines sum to their invoice's total.
 * Measured value: keys whose sums differ by more than `tolerance` or that are on one side only (keys).
 */
export interface SumsMatchRule extends RuleBase {
  readonly kind: 'sums_match';
  /** Grouping key columns of `dataset`; at least one. */
  readonly columns: readonly string[];
  /** The numeric column of `dataset` summed per key. */
  readonly sum: string;
  /** The dataset reconciled against. */
  readonly to: string;
  /** Grouping key columns of `to`; same length as `columns`. */
  readonly to_columns: readonly string[];
  /** The numeric column of `to` summed per key. */
  readonly to_sum: string;
  /** Largest absolute difference per key that still matches, a finite number >= 0 (units of the sums); default 0. */
  readonly tolerance?: number;
}

/** A declarative data-validation rule over one dataset (two for `relationship` and `sums_match`). */
export type ValidationRule = RowCountMinRule | NotNullRule | UniqueRule | RelationshipRule | AcceptedValuesRule | SumsMatchRule;

/** The rule kinds, e.g. `'unique'`. */
export type RuleKind = ValidationRule['kind'];

/**
 * The outcome of evaluating one rule. Results are plain data, safe to serialize as JSON.
 * Either the rule was evaluated (`error` absent; `value`, `ok`, `details` describe the data) or it could
 * not be (`error` present, `ok` false, `value` 0).
 */
export interface RuleResult {
  /** The rule's id. */
  readonly id: string;
  readonly kind: RuleKind;
  /** The rule's dataset (for `relationship`, the referencing side; for `sums_match`, the side summing `sum`). */
  readonly dataset: string;
  readonly severity: RuleSeverity;
  /**
   * What was checked, as one human line, e.g. `unique(releases.release_id)`,
   * `unique(tracks.(release_id, seq))`, `relationship(releases.master_id -> masters.master_id)`,
   * `row_count_min(releases) >= 1`. Display only: do not parse.
   */
  readonly check: string;
  /**
   * The measured figure, a non-negative integer whose unit depends on the kind: rows (`row_count_min`),
   * rows with a NULL (`not_null`), duplicated key values (`unique`), orphan rows (`relationship`),
   * rows with a value not accepted (`accepted_values`), keys whose sums differ (`sums_match`).
   * 0 when `error` is set.
   */
  readonly value: number;
  /** True when the rule passed. Always false when `error` is set. */
  readonly ok: boolean;
  /**
   * Explanation for humans, e.g. `12 of 1000 rows (1.2%) reference a master_id absent from
   * masters.master_id; examples (most frequent first): 1660109, 713738`. Up to 5 examples, in a
   * deterministic order. Display only: the wording may change.
   */
  readonly details: string;
  /** Present only when the rule could not be evaluated: the engine's or the checker's message. */
  readonly error?: string;
  /**
   * sha256 of the rule's definition and the effective fingerprints of the datasets it reads (set by
   * apply): a later run whose rule has the same fingerprint takes this result instead of evaluating it.
   */
  readonly fingerprint?: string;
  /** Set when the result was taken from an earlier run with the same fingerprint (the run's id). */
  readonly reusedFrom?: string;
}
