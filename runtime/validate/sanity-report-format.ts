// validate/: renders rule results as the sanity report's CSV and JSON text. Pure; no fs.
import type { RuleResult } from '../../compiler/types/validation.js';
import { InternalError } from '../../compiler/diagnostics/diagnostic.js';
import { encodeCsv } from './csv-encode.js';

/** Counts over a set of results. A rule that could not be evaluated counts as failed. */
export interface SanitySummary {
  /** Results with severity `error` that are not ok (these block). */
  readonly errors_failed: number;
  /** Results with severity `warn` that are not ok. */
  readonly warnings_failed: number;
  /** Results with severity `info` that are not ok. */
  readonly info_failed: number;
  /** Results that are ok, whatever their severity. */
  readonly passed: number;
}

/** Extra summary entries a caller adds beside the counts, e.g. `{ xml_records: 1200 }`. */
export type SanitySummaryExtra = Readonly<Record<string, string | number | boolean | null>>;

/** The CSV columns, in order. The first five are the stable core; the rest were added after them. */
export const SANITY_CSV_COLUMNS = ['check', 'severity', 'value', 'ok', 'details', 'id', 'dataset', 'kind', 'error'] as const;

/** Counts failures by severity and passes. */
export function summarizeResults(results: readonly RuleResult[]): SanitySummary {
  const failed = (severity: RuleResult['severity']) => results.filter((r) => !r.ok && r.severity === severity).length;
  return {
    errors_failed: failed('error'),
    warnings_failed: failed('warn'),
    info_failed: failed('info'),
    passed: results.filter((r) => r.ok).length,
  };
}

/**
 * `sanity_report.csv`: RFC 4180 (CRLF record ends, quoted fields where needed), header
 * SANITY_CSV_COLUMNS, one record per result in the given order; `ok` is `true`/`false`,
 * `error` is empty for evaluated rules.
 */
export function renderSanityCsv(results: readonly RuleResult[]): string {
  const records = results.map((r) => [
    r.check, r.severity, String(r.value), String(r.ok), r.details, r.id, r.dataset, r.kind, r.error ?? '',
  ]);
  return encodeCsv([[...SANITY_CSV_COLUMNS], ...records]);
}

/**
 * `sanity_report.json`: `{ "checks": [...], "summary": {...} }`, 2-space indent, trailing newline.
 * Each check has the keys id, kind, dataset, severity, check, value, ok, details (and error when set), in
 * that order. The summary holds the SanitySummary counts, then `extra`'s entries sorted by key.
 * @throws InternalError when `extra` reuses a count's name (a caller bug).
 */
export function renderSanityJson(results: readonly RuleResult[], extra: SanitySummaryExtra = {}): string {
  const counts = summarizeResults(results);
  for (const key of Object.keys(extra)) {
    if (key in counts) throw new InternalError(`sanity summary entry "${key}" would overwrite a count`);
  }
  const sortedExtra = Object.fromEntries(Object.keys(extra).sort().map((k) => [k, extra[k]]));
  const checks = results.map((r) => ({
    id: r.id, kind: r.kind, dataset: r.dataset, severity: r.severity, check: r.check,
    value: r.value, ok: r.ok, details: r.details, ...(r.error === undefined ? {} : { error: r.error }),
  }));
  return `${JSON.stringify({ checks, summary: { ...counts, ...sortedExtra } }, null, 2)}\n`;
}
