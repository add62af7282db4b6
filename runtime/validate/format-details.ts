// validate/: wording helpers for RuleResult.check and RuleResult.details. Pure; no engine.
import type { ExampleGroup } from './rule-sql.js';

/** Longest example value shown before it is cut with `…` (UTF-16 code units). */
const MAX_VALUE_CHARS = 60;

/** Values shown bare; anything else (spaces, commas, quotes, empty) is shown as a JSON string. */
const BARE_VALUE = /^[A-Za-z0-9_.:+\-/@]+$/;

/** Identifiers shown bare in labels; others are shown double-quoted (`"` doubled), as in SQL. */
const BARE_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An identifier for display: `title`, or `"release id"` when it is not a plain identifier. */
export function displayIdent(name: string): string {
  return BARE_IDENT.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** Columns for display: `title` for one, `(release_id, seq)` for a composite key. */
export function displayColumns(columns: readonly string[]): string {
  const names = columns.map(displayIdent);
  return names.length === 1 ? (names[0] ?? '') : `(${names.join(', ')})`;
}

/** `dataset.column` or `dataset.(a, b)`, as used in `RuleResult.check`. */
export function displayTarget(dataset: string, columns: readonly string[]): string {
  return `${displayIdent(dataset)}.${displayColumns(columns)}`;
}

/**
 * `part` as a percentage of `whole`, rounded to 2 decimals with trailing zeros dropped:
 * `1.2%`, `33.33%`, `100%`; `<0.01%` / `>99.99%` instead of rounding a non-zero/non-total part away.
 * A `whole` of 0 gives `0%`.
 */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0%';
  if (part >= whole) return '100%';
  const p = (part / whole) * 100;
  const rounded = Math.round(p * 100) / 100;
  if (rounded === 0) return '<0.01%';
  if (rounded === 100) return '>99.99%';
  return `${rounded}%`;
}

/** `n` followed by the singular or plural noun: `1 row`, `3 rows`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** One example value: bare when unambiguous, else a JSON string; long values cut with `…`. */
export function displayValue(value: string | null): string {
  if (value === null) return 'NULL';
  const cut = value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
  return BARE_VALUE.test(cut) ? cut : JSON.stringify(cut);
}

/** One example key: a bare value, or `(a, b)` for a composite key. */
export function displayKey(key: readonly (string | null)[]): string {
  const parts = key.map(displayValue);
  return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(', ')})`;
}

/**
 * `; examples (most frequent first): 7, 9` or '' when there are none.
 * With `withCounts`, each key is followed by its row count: `7 (3 rows)`.
 */
export function formatExamples(groups: readonly ExampleGroup[], withCounts = false): string {
  if (groups.length === 0) return '';
  const shown = groups.map((g) => (withCounts ? `${displayKey(g.key)} (${plural(g.rows, 'row')})` : displayKey(g.key)));
  return `; examples (most frequent first): ${shown.join(', ')}`;
}

/** An accepted-values list for display, at most `limit` entries: `[Vinyl, CD, … 3 more]`. */
export function displayValueList(values: readonly (string | number | boolean)[], limit = 10): string {
  const shown = values.slice(0, limit).map((v) => (typeof v === 'string' ? displayValue(v) : String(v)));
  const more = values.length > limit ? [`… ${values.length - limit} more`] : [];
  return `[${[...shown, ...more].join(', ')}]`;
}
