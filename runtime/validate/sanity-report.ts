// validate/: writes the sanity report (CSV + JSON) for a set of rule results, and says what blocks.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuleResult } from '../../compiler/types/validation.js';
import { renderSanityCsv, renderSanityJson, type SanitySummaryExtra } from './sanity-report-format.js';
import { writeDurable } from '../lake/durable-write.js';

export type { SanitySummary, SanitySummaryExtra } from './sanity-report-format.js';
export { SANITY_CSV_COLUMNS, renderSanityCsv, renderSanityJson, summarizeResults } from './sanity-report-format.js';

/** File names the report uses inside its directory. */
export const SANITY_REPORT_CSV = 'sanity_report.csv';
export const SANITY_REPORT_JSON = 'sanity_report.json';

/**
 * Writes `sanity_report.csv` then `sanity_report.json` into `dir` (created if missing). Each file is
 * written to a temp file and renamed into place, so a crash never leaves a half-written report; the
 * JSON is written last, so its presence implies the CSV of the same run is complete.
 * See renderSanityCsv / renderSanityJson for the formats.
 * @param extra extra summary entries for the JSON (e.g. `{ xml_records: 1200, rows_written: 5400 }`).
 * @returns the absolute-or-as-given paths written.
 * @throws the fs error when `dir` cannot be created or written; InternalError when `extra` reuses a
 *         count's name.
 */
export async function writeSanityReport(
  dir: string,
  results: readonly RuleResult[],
  extra?: SanitySummaryExtra,
): Promise<{ readonly csvPath: string; readonly jsonPath: string }> {
  const json = renderSanityJson(results, extra);
  const csv = renderSanityCsv(results);
  await mkdir(dir, { recursive: true });
  const csvPath = join(dir, SANITY_REPORT_CSV);
  const jsonPath = join(dir, SANITY_REPORT_JSON);
  await writeDurable(csvPath, csv);
  await writeDurable(jsonPath, json);
  return { csvPath, jsonPath };
}

/**
 * The results that should stop promotion: severity `error` and not ok, including error rules that
 * could not be evaluated (their data was not shown to be good). Order is preserved.
 */
export function blockingFailures(results: readonly RuleResult[]): RuleResult[] {
  return results.filter((r) => r.severity === 'error' && !r.ok);
}
