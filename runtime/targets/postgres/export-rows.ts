// targets/postgres: has DuckDB write a dataset's Parquet parts as the text the target loads: CSV for
// PostgreSQL's COPY, JSON lines for Redshift's INSERTs. One statement; DuckDB streams it.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InternalError } from '../../../compiler/diagnostics/diagnostic.js';
import { quoteIdent, quoteLiteral, type EngineAdapter } from '../../engine/engine-adapter.js';
import type { TargetColumn } from './target-types.js';

/** Every `*.parquet` directly in `dir`, sorted, as absolute paths. @throws InternalError when there is none. */
export async function parquetParts(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.parquet')).sort();
  if (names.length === 0) throw new InternalError(`dataset folder "${dir}" holds no Parquet part`);
  return names.map((n) => join(dir, n));
}

/**
 * `COPY (SELECT <exportExpr> AS "<name>", …) TO '<outPath>'`: CSV without header with every non-NULL
 * value quoted (FORCE_QUOTE *, so '' and NULL stay apart and no line reads as `\.`), or JSON lines with
 * every value a string or null.
 */
export function exportSql(parts: readonly string[], columns: readonly TargetColumn[], outPath: string, format: 'csv' | 'json'): string {
  const select = columns.map((c) => `${c.exportExpr} AS ${quoteIdent(c.name)}`).join(', ');
  const from = `read_parquet([${parts.map(quoteLiteral).join(', ')}])`;
  const options = format === 'csv' ? 'FORMAT csv, HEADER false, FORCE_QUOTE *' : 'FORMAT json';
  return `COPY (SELECT ${select} FROM ${from}) TO ${quoteLiteral(outPath)} (${options})`;
}

/** Rows in `parts`, from the Parquet footers. */
export async function parquetRowCount(engine: EngineAdapter, parts: readonly string[]): Promise<number> {
  const rows = await engine.query(`SELECT count(*) AS n FROM read_parquet([${parts.map(quoteLiteral).join(', ')}])`);
  return Number(rows[0]?.['n'] ?? 0);
}
