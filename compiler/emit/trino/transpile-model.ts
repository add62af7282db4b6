// emit/trino/: a model's DuckDB SELECT as Trino SQL over the lake's tables. The model is parsed by the
// compiler's parser (DuckDB's grammar: the fast parser or DuckDB itself), typed by the compiler's type
// inferer where the translation depends on types, and printed from the tree (print-query.ts), so comments
// and layout are not kept. Every construct is either printed with DuckDB's meaning or refused.
import type { PlanDataset } from '../../types/plan.js';
import { inferExpressionTypes } from '../../check/fast-types/infer-fast.js';
import { openParser } from '../../parse/open-parser.js';
import type { SqlParser } from '../../parse/sql-parser.js';
import type { PrintContext, TrinoTable } from './print-context.js';
import { printStatement } from './print-query.js';
import { TrinoRefusal } from './trino-refusal.js';

/** Options of a translation. */
export interface TranspileOptions {
  /** Trino catalog the datasets are tables of (`<catalog>.<layer>.<dataset>`); default `hive`. */
  readonly catalog?: string;
  /**
   * Column names of the model's output, in order (the catalog's): an unaliased computed column of the
   * outermost SELECT is given its name, which Trino would otherwise call `_colN`.
   */
  readonly outputColumns?: readonly string[];
  /** Parser to use (opened by the caller for many models); default: the compiler's, opened and closed here. */
  readonly parser?: SqlParser;
}

/** A translation: the Trino SQL (no trailing `;`), or the first construct refused with its 0-based offset in `sql`. */
export type TranspileResult =
  | { readonly ok: true; readonly sql: string }
  | { readonly ok: false; readonly construct: string; readonly reason: string; readonly offset?: number };

/**
 * Translates model SELECT `sql` (DuckDB dialect; the body of a model file) to Trino, reading dataset
 * names as tables `<catalog>.<layer>.<name>` of `datasets` (the plan's datasets).
 * @example
 * const r = await transpileModelSql('SELECT a::INTEGER AS a FROM t', plan.datasets);
 * // { ok: true, sql: 'SELECT\n  CAST(a AS INTEGER) AS a\nFROM hive.bronze.t AS t' }
 * @returns `ok: false` with the refused construct for SQL that does not parse or has no faithful Trino
 * form; never throws on user input.
 */
export async function transpileModelSql(sql: string, datasets: readonly PlanDataset[], options: TranspileOptions = {}): Promise<TranspileResult> {
  const parser = options.parser ?? openParser();
  try {
    const parsed = await parser.parseSelect(sql);
    if (!parsed.ok) return { ok: false, construct: 'SQL', reason: `does not parse: ${parsed.error.message}`, ...(parsed.error.offset !== undefined ? { offset: parsed.error.offset } : {}) };
    return transpileStatement(parsed.value.statement(), datasets, options);
  } finally {
    if (!options.parser) await parser.close();
  }
}

/**
 * As transpileModelSql, over an already parsed statement (json_serialize_sql's `statements[0]`); pure.
 */
export function transpileStatement(statement: unknown, datasets: readonly PlanDataset[], options: Omit<TranspileOptions, 'parser'> = {}): TranspileResult {
  const tables = new Map<string, TrinoTable>(datasets.map((d) => [d.name.toLowerCase(), { name: d.name, layer: d.layer, columns: d.columns }]));
  const types = inferExpressionTypes(statement, (schema, name) => (schema === '' ? tables.get(name.toLowerCase())?.columns : undefined));
  const ctx: PrintContext = {
    catalog: options.catalog ?? 'hive', tables, typeOf: (node) => types.get(node), ctes: [], counter: { next: 1 }, replacements: new Map(),
  };
  try {
    return { ok: true, sql: printStatement(statement, ctx, options.outputColumns).join('\n') };
  } catch (e) {
    if (e instanceof TrinoRefusal) return { ok: false, construct: e.construct, reason: e.reason, ...(e.offset !== undefined ? { offset: e.offset } : {}) };
    throw e;
  }
}
