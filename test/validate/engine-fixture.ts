// Test helpers: an in-memory DuckDB with fixture tables, and an engine wrapper that records queries.
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import { quoteIdent, type EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import { evaluateRules } from '../../runtime/validate/evaluate-rules.js';
import type { RuleResult, ValidationRule } from '../../compiler/types/validation.js';

/** Opens an in-memory DuckDB and runs `setupSql` (CREATE TABLE … statements). */
export async function fixtureDb(setupSql: string): Promise<EngineAdapter> {
  const engine = await openDuckDb();
  await engine.run(setupSql);
  return engine;
}

/** Datasets are plain tables named like the dataset. */
export const tableOf = (dataset: string): string => quoteIdent(dataset);

/** Evaluates one rule against tables named like their datasets. */
export async function evaluateOne(engine: EngineAdapter, rule: ValidationRule): Promise<RuleResult> {
  const [result] = await evaluateRules(engine, [rule], tableOf);
  if (result === undefined) throw new Error('no result');
  return result;
}

/** Wraps an engine, recording every SQL string passed to `query` and `run`. */
export function recordingEngine(inner: EngineAdapter): { engine: EngineAdapter; queries: string[] } {
  const queries: string[] = [];
  const engine: EngineAdapter = {
    name: inner.name,
    run: (sql) => (queries.push(sql), inner.run(sql)),
    query: (sql) => (queries.push(sql), inner.query(sql)),
    interrupt: () => inner.interrupt(),
    connect: () => inner.connect(),
    close: () => inner.close(),
  };
  return { engine, queries };
}
