// validate/: the `quarantine_rows` healing action for VALIDATION_FAILED. The rows of a dataset that
// fail its row-level error rules (not_null, accepted_values, relationship, unique) move to
// `<dataset>__quarantine` in the same layer of the run, with the ids of the rules they fail, when they
// are at most `maxRatio` of the dataset's rows; the dataset keeps the rest and the rules are evaluated
// again. Only datasets no stage reads are quarantined: rebuilding downstream stages from the cleaned
// rows is not done, so a dataset that feeds others is refused with a reason.
import { mkdir, rename, rm } from 'node:fs/promises';
import type { PlanDataset } from '../../compiler/index.js';
import type { ValidationRule } from '../../compiler/types/validation.js';
import { quoteIdent, quoteLiteral, type EngineAdapter } from '../engine/engine-adapter.js';
import type { HealingResult } from '../control/healing/healing-types.js';
import { datasetDir } from '../lake/lake-layout.js';
import { registerDataset } from '../executor/register-dataset.js';
import { readCount } from './rule-sql.js';

/** Suffix of the dataset holding a dataset's quarantined rows. */
export const QUARANTINE_SUFFIX = '__quarantine';
/** Default largest share of rows that may be quarantined. */
export const DEFAULT_QUARANTINE_RATIO = 0.01;

/**
 * SQL condition true for the rows of `rule.dataset` (aliased `d`) that fail `rule`, with the same NULL
 * semantics as the rule's check (runtime/validate/rules/); undefined for rules about the whole
 * dataset (row_count_min, sums_match, and relationships with an orphan allowance).
 */
export function failingRowCondition(rule: ValidationRule, relationOf: (dataset: string) => string): string | undefined {
  const col = (c: string) => `d.${quoteIdent(c)}`;
  switch (rule.kind) {
    case 'not_null':
      return rule.columns.map((c) => `${col(c)} IS NULL`).join(' OR ');
    case 'accepted_values': {
      const c = col(rule.columns[0]);
      return rule.values.length ? `(${c} IS NOT NULL AND ${c} NOT IN (${rule.values.map((v) => quoteLiteral(String(v))).join(', ')}))` : `${c} IS NOT NULL`;
    }
    case 'relationship': {
      if (rule.max_orphans !== undefined || rule.max_orphan_ratio !== undefined) return undefined;
      const notNull = rule.columns.map((c) => `${col(c)} IS NOT NULL`).join(' AND ');
      const match = rule.columns.map((c, i) => `p.${quoteIdent(rule.to_columns[i]!)} = ${col(c)}`).join(' AND ');
      return `(${notNull} AND NOT EXISTS (SELECT 1 FROM ${relationOf(rule.to)} AS p WHERE ${match}))`;
    }
    case 'unique': {
      const cols = rule.columns.map(quoteIdent).join(', ');
      const notNull = rule.columns.map((c) => `${col(c)} IS NOT NULL`).join(' AND ');
      return `(${notNull} AND (${rule.columns.map(col).join(', ')}) IN (SELECT (${cols}) FROM ${relationOf(rule.dataset)} GROUP BY ${cols} HAVING count(*) > 1))`;
    }
    case 'row_count_min':
    case 'sums_match':
      return undefined;
  }
}

/**
 * Moves the rows of `dataset` failing `rules` to `<dataset>__quarantine` (Parquet, plus a
 * `_quarantine_rules` VARCHAR[] column naming the rules each row fails) and rewrites the dataset
 * without them, both in the run folder `run`; re-registers both as views.
 * @returns healed with the counts, or not_healed with the reason (some rule is not row-level, the
 * dataset feeds other stages, or too many rows fail).
 */
export async function quarantineRows(
  engine: EngineAdapter, run: string, dataset: PlanDataset, rules: readonly ValidationRule[], options: { maxRatio?: number; readers: readonly string[] },
): Promise<HealingResult & { moved?: number; kept?: number }> {
  const maxRatio = options.maxRatio ?? DEFAULT_QUARANTINE_RATIO;
  if (options.readers.length) {
    return { outcome: 'not_healed', detail: `${dataset.name} feeds ${options.readers.join(', ')}; quarantine applies only to datasets no stage reads` };
  }
  const relationOf = (name: string) => `main.${quoteIdent(name)}`;
  const conditions = rules.map((r) => ({ rule: r, cond: failingRowCondition(r, relationOf) }));
  const whole = conditions.filter((c) => c.cond === undefined).map((c) => c.rule.id);
  if (whole.length) return { outcome: 'not_healed', detail: `rule(s) ${whole.join(', ')} judge the dataset as a whole, not rows` };
  const source = relationOf(dataset.name);
  const failing = conditions.map((c) => `(${c.cond})`).join(' OR ');
  const tags = `list_filter([${conditions.map((c) => `CASE WHEN ${c.cond} THEN ${quoteLiteral(c.rule.id)} END`).join(', ')}], x -> x IS NOT NULL)`;
  const counts = await engine.query(`SELECT count(*) AS total, count(*) FILTER (WHERE ${failing}) AS bad FROM ${source} AS d`);
  const total = readCount(counts[0], 'total');
  const bad = readCount(counts[0], 'bad');
  if (bad === 0) return { outcome: 'not_healed', detail: `no row of ${dataset.name} fails ${rules.map((r) => r.id).join(', ')} row by row` };
  if (bad > total * maxRatio) {
    return { outcome: 'not_healed', detail: `${bad} of ${total} rows of ${dataset.name} fail (${((bad / total) * 100).toFixed(1)}%), above max_ratio ${maxRatio}` };
  }
  const dir = datasetDir(run, dataset.layer, dataset.name);
  const quarantineName = `${dataset.name}${QUARANTINE_SUFFIX}`;
  const quarantineDir = datasetDir(run, dataset.layer, quarantineName);
  const cleanDir = `${dir}.clean`;
  await rm(quarantineDir, { recursive: true, force: true });
  await rm(cleanDir, { recursive: true, force: true });
  await mkdir(quarantineDir, { recursive: true });
  await mkdir(cleanDir, { recursive: true });
  await engine.run(`COPY (SELECT d.*, ${tags} AS _quarantine_rules FROM ${source} AS d WHERE ${failing}) TO ${quoteLiteral(`${quarantineDir}/part-00000.parquet`)} (FORMAT parquet, COMPRESSION zstd)`);
  await engine.run(`COPY (SELECT d.* FROM ${source} AS d WHERE NOT coalesce(${failing}, false)) TO ${quoteLiteral(`${cleanDir}/part-00000.parquet`)} (FORMAT parquet, COMPRESSION zstd)`);
  // The dataset folder is replaced as a whole: its files may be hard links shared with earlier runs,
  // which keep their bytes (only this run's names go away).
  await rm(dir, { recursive: true, force: true });
  await rename(cleanDir, dir);
  await registerDataset(engine, dataset.name, dataset.layer, dir);
  await registerDataset(engine, quarantineName, dataset.layer, quarantineDir);
  return { outcome: 'healed', detail: `moved ${bad} of ${total} rows of ${dataset.name} to ${quarantineName}`, moved: bad, kept: total - bad };
}
