// compiler/: lineage of one SQL text over a given schema, without a project (`lakec lineage --sql`).
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { makeSourceFile, spanAt } from './diagnostics/source-file.js';
import { openDuckDbSqlParser } from './parse/duckdb-sql-parser.js';
import { splitModelStatement } from './parse/model-statement.js';
import { openDuckDbSchemaInferrer } from './check/duckdb-schema-inferrer.js';
import { walkLineage } from './check/lineage/extract-lineage.js';
import { DUCKDB_AGGREGATE_FUNCTIONS } from './check/lineage/aggregate-functions.js';
import { buildQueryLineage } from './check/lineage/query-lineage.js';
import type { QueryLineage } from './types/lineage.js';
import type { ColumnSchema } from './types/xml-mapping.js';

/** Tables of a standalone schema: `{"table": {"column": "TYPE", …}, …}`, column order = declared order. */
export type SchemaJson = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * Computes the lineage of `sql` (a SELECT, CREATE … AS SELECT or INSERT INTO … SELECT) over `schema`.
 * Output names and types come from DuckDB's DESCRIBE; inputs from the lineage walker.
 * @returns lineage, or diagnostics (LK2001 syntax, LK4001/LK4002 binding) positioned in `file`.
 */
export async function lineageOfSql(sql: string, schema: SchemaJson, file = 'query.sql'): Promise<{ lineage?: QueryLineage; diagnostics: Diagnostic[] }> {
  const source = makeSourceFile(file, sql);
  const statement = splitModelStatement(sql);
  const parser = await openDuckDbSqlParser();
  const inferrer = await openDuckDbSchemaInferrer();
  try {
    const parsed = await parser.parseSelect(statement.body);
    if (!parsed.ok) {
      const at = statement.bodyOffset + (parsed.error.offset ?? 0);
      return { diagnostics: [{ code: 'LK2001', severity: 'error', message: parsed.error.message, span: spanAt(source, at, at + 1) }] };
    }
    const catalog = new Map<string, ColumnSchema[]>();
    for (const [table, cols] of Object.entries(schema)) {
      const columns = Object.entries(cols).map(([name, type]) => ({ name, type }));
      catalog.set(table.toLowerCase(), columns);
      await inferrer.declare(table, 'main', columns);
    }
    const body = statement.body.trim().replace(/;\s*$/, '');
    const described = await inferrer.infer(body);
    if (!described.ok) {
      return { diagnostics: [{ code: described.error.kind === 'unknown_column' ? 'LK4001' : 'LK4002', severity: 'error', message: described.error.message, span: spanAt(source, statement.bodyOffset, statement.bodyOffset + 1), ...(described.error.hint ? { hint: described.error.hint } : {}) }] };
    }
    const walk = walkLineage(parsed.value.statement(), catalog, DUCKDB_AGGREGATE_FUNCTIONS);
    const tables = parsed.value.tableRefs.map((r) => r.name.toLowerCase());
    const { lineage } = buildQueryLineage(walk, described.columns, tables, statement.target?.name ?? null);
    return { lineage, diagnostics: [] };
  } finally {
    await parser.close();
    await inferrer.close();
  }
}
