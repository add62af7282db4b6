// validate/: the contract each rule kind implements. One file per kind under rules/.
import type { Row } from '../engine/engine-adapter.js';
import type { ValidationRule } from '../../compiler/types/validation.js';

/** What evaluating one rule found: the measured figure, the verdict and a human explanation. */
export interface RuleOutcome {
  /** See `RuleResult.value` for the unit per kind. */
  readonly value: number;
  readonly ok: boolean;
  readonly details: string;
}

/**
 * One rule kind, split into pure halves so the SQL can be inspected without an engine.
 * `sql` builds exactly one query; `read` interprets the rows that query returned.
 */
export interface RuleCheck<R extends ValidationRule> {
  /** The one-line `RuleResult.check` text, e.g. `unique(releases.release_id)`. */
  label(rule: R): string;
  /**
   * The single SQL query for `rule`. `relationOf` maps a dataset name to an SQL relation expression.
   * @throws whatever `relationOf` throws (the caller reports it as an unevaluable rule).
   */
  sql(rule: R, relationOf: (dataset: string) => string): string;
  /**
   * Interprets the rows returned by `sql`.
   * @throws InternalError when the rows do not have the expected shape.
   */
  read(rule: R, rows: readonly Row[]): RuleOutcome;
}
