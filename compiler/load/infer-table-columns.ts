// load/: the columns of tables whose tables file declares none, read off their files by DuckDB's
// sniffers (CSV: https://duckdb.org/docs/stable/data/csv/auto_detection; JSON lines and Parquet: their
// own schemas) at compile time. The result is written into the plan like declared columns, so a change
// in a file's shape changes the plan and shows in `lakec plan`.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedProject, PipelineSpec, SourceSpec } from '../types/project.js';
import type { PlanTable } from '../types/table-source.js';
import { canonicalColumnType } from './load-tables.js';
import { projectAbsolute } from './project-paths.js';

/** An SQL string literal (`'` doubled). */
const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** Whether any table of `project` has no declared columns (only then is DuckDB started). */
export function needsColumnInference(project: LoadedProject): boolean {
  return project.pipelines.some((p) => p.sources.some((s) => s.type !== 'xml' && s.tables.some((t) => t.columns.length === 0)));
}

/**
 * `project` with every undeclared table's columns inferred from its file. Diagnostics: LK1006 when the
 * file cannot be read or sniffed; LK1002 for a table of a postgres source or an s3:// location without
 * declared columns (those are not read at compile time), or a sniffed type a tables file cannot hold.
 */
export async function inferTableColumns(project: LoadedProject): Promise<{ value: LoadedProject | undefined; diagnostics: Diagnostic[] }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const diagnostics: Diagnostic[] = [];
  let connection: Awaited<ReturnType<typeof instance.connect>> | undefined;
  const describe = async (sql: string): Promise<{ name: string; type: string }[]> =>
    ((await connection!.runAndReadAll(`DESCRIBE ${sql}`)).getRowObjects()).map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
  try {
    connection = await instance.connect();
    const pipelines: PipelineSpec[] = [];
    for (const p of project.pipelines) {
      const sources: SourceSpec[] = [];
      for (const s of p.sources) {
        if (s.type === 'xml' || s.tables.every((t) => t.columns.length > 0)) {
          sources.push(s);
          continue;
        }
        const tables: PlanTable[] = [];
        for (const t of s.tables) {
          if (t.columns.length > 0) {
            tables.push(t);
            continue;
          }
          if (s.type === 'postgres' || s.location.startsWith('s3://')) {
            diagnostics.push({ code: 'LK1002', severity: 'error', message: `table "${t.dataset}" of ${s.tablesFile} declares no columns, and a ${s.type === 'postgres' ? 'postgres source' : 's3:// location'} is not read at compile time`, span: s.span, hint: 'declare the table\'s columns in the tables file' });
            continue;
          }
          // The same CSV dialect the runtime reads with (ingest-table-files.ts); only the types are sniffed.
          const file = quoteLiteral(projectAbsolute(project.projectDir, `${s.location}/${t.from}`));
          const reader = s.type === 'csv' ? `read_csv(${file}, header = true, delim = ',', quote = '"', escape = '"', nullstr = '')` : s.type === 'jsonl' ? `read_json(${file}, format = 'newline_delimited')` : `read_parquet(${file})`;
          try {
            const sniffed = await describe(`SELECT * FROM ${reader}`);
            const odd = sniffed.find((c) => canonicalColumnType(c.type) === undefined);
            if (odd) {
              diagnostics.push({ code: 'LK1002', severity: 'error', message: `column "${t.dataset}.${odd.name}" was inferred as ${odd.type}, which a tables file cannot hold`, span: s.span, hint: 'declare the table\'s columns in the tables file' });
              continue;
            }
            tables.push({ ...t, columns: sniffed.map((c) => ({ name: c.name, type: canonicalColumnType(c.type)! })) });
          } catch (e) {
            diagnostics.push({ code: 'LK1006', severity: 'error', message: `cannot infer the columns of table "${t.dataset}" from "${s.location}/${t.from}": ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`, span: s.span, hint: 'put the file there, or declare the table\'s columns in the tables file' });
          }
        }
        sources.push({ ...s, tables });
      }
      pipelines.push({ ...p, sources });
    }
    return { value: diagnostics.length ? undefined : { ...project, pipelines }, diagnostics };
  } finally {
    connection?.closeSync();
    instance.closeSync();
  }
}
