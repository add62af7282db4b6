// load/: reads a tables file (schemas/tables.schema.json): the tables of a csv, jsonl, parquet or
// postgres source with their bronze dataset names and typed columns.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PlanTable } from '../types/table-source.js';
import { nodeAt, nodeSpan, readYaml } from './read-yaml.js';
import { isFileName } from './inside-project.js';
import { readSpecText } from './read-spec-text.js';
import { validateAgainstSchema } from './validate-schema.js';

interface RawTable { from?: string; query?: string; columns?: Record<string, string>; primary_key?: string[] }
interface RawTables { tables: Record<string, RawTable> }

/** Spellings of DuckDB types and their canonical names, as DESCRIBE prints them. */
const ALIASES: Readonly<Record<string, string>> = {
  INT: 'INTEGER', INT4: 'INTEGER', INTEGER: 'INTEGER', INT8: 'BIGINT', BIGINT: 'BIGINT', INT2: 'SMALLINT', SMALLINT: 'SMALLINT',
  TINYINT: 'TINYINT', HUGEINT: 'HUGEINT', TEXT: 'VARCHAR', STRING: 'VARCHAR', VARCHAR: 'VARCHAR', BOOL: 'BOOLEAN', BOOLEAN: 'BOOLEAN',
  REAL: 'FLOAT', FLOAT4: 'FLOAT', FLOAT: 'FLOAT', FLOAT8: 'DOUBLE', DOUBLE: 'DOUBLE', DATE: 'DATE', TIMESTAMP: 'TIMESTAMP',
  TIMESTAMPTZ: 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP WITH TIME ZONE': 'TIMESTAMP WITH TIME ZONE', TIME: 'TIME', BLOB: 'BLOB', UUID: 'UUID', JSON: 'JSON',
};

/**
 * The canonical DuckDB name of a declared column type (`int` → `INTEGER`, `numeric(10,2)` →
 * `DECIMAL(10,2)`, `varchar(40)` → `VARCHAR`), or undefined when the type is not one a tables file may use.
 */
export function canonicalColumnType(declared: string): string | undefined {
  const t = declared.trim().toUpperCase().replace(/\s+/g, ' ');
  const decimal = /^(?:DECIMAL|NUMERIC)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(t);
  if (decimal) {
    const [p, s] = [Number(decimal[1]), Number(decimal[2] ?? 0)];
    return p >= 1 && p <= 38 && s <= p ? `DECIMAL(${p},${s})` : undefined;
  }
  const sized = /^(VARCHAR|CHARACTER VARYING|CHAR)\s*\(\s*\d+\s*\)$/.exec(t);
  if (sized) return 'VARCHAR';
  return ALIASES[t];
}

/**
 * Loads the tables file `absPath` (shown as `displayPath`); `from` defaults to `defaultFrom(dataset)`.
 * A table without `columns` comes back with none: inferTableColumns fills them from its file.
 * Diagnostics: LK1006 unreadable file, LK1001 YAML, LK1002/LK1003 schema, LK1002 an unknown column type,
 * LK1002 a primary key column that is not a column; with `fromIsFileName` (file sources), LK1009 a `from`
 * that is not a plain file name (it would read outside the source location).
 */
export function loadTables(absPath: string, displayPath: string, defaultFrom: (dataset: string) => string, fromIsFileName = false): { value: PlanTable[] | undefined; diagnostics: Diagnostic[] } {
  let read: ReturnType<typeof readSpecText>;
  try {
    read = readSpecText(absPath, displayPath, 'LK1001');
  } catch {
    return { value: undefined, diagnostics: [{ code: 'LK1006', severity: 'error', message: `cannot read tables file "${displayPath}"` }] };
  }
  if (read.diagnostic) return { value: undefined, diagnostics: [read.diagnostic] };
  const parsed = readYaml(displayPath, read.text);
  if (!parsed.value) return { value: undefined, diagnostics: parsed.diagnostics };
  const { doc, source } = parsed.value;
  const raw = doc.toJS() as unknown;
  const schemaDiagnostics = validateAgainstSchema('tables.schema.json', raw, doc, source);
  if (schemaDiagnostics.length) return { value: undefined, diagnostics: schemaDiagnostics };
  const diagnostics: Diagnostic[] = [];
  const at = (path: (string | number)[]) => nodeSpan(source, nodeAt(doc, path));
  const tables: PlanTable[] = [];
  for (const [dataset, t] of Object.entries((raw as RawTables).tables)) {
    // Tables without declared columns get them from their file later (load/infer-table-columns.ts).
    const columns = Object.entries(t.columns ?? {}).map(([name, declared]) => {
      const type = canonicalColumnType(declared);
      if (!type) diagnostics.push({ code: 'LK1002', severity: 'error', message: `column "${dataset}.${name}" has type "${declared}", which a tables file cannot declare`, span: at(['tables', dataset, 'columns', name]), hint: 'use INTEGER, BIGINT, SMALLINT, VARCHAR, DECIMAL(p,s), DOUBLE, FLOAT, BOOLEAN, DATE, TIMESTAMP, TIME, UUID or BLOB' });
      return { name, type: type ?? declared };
    });
    for (const [i, key] of (t.primary_key ?? []).entries()) {
      if (t.columns && !(key in t.columns)) diagnostics.push({ code: 'LK1002', severity: 'error', message: `primary key column "${key}" is not a column of "${dataset}"`, span: at(['tables', dataset, 'primary_key', i]), hint: `columns: ${Object.keys(t.columns ?? {}).join(', ')}` });
    }
    if (fromIsFileName && t.from !== undefined && !isFileName(t.from)) {
      diagnostics.push({ code: 'LK1009', severity: 'error', message: `table "${dataset}" reads "${t.from}", outside the source location`, span: at(['tables', dataset, 'from']), hint: 'give a file name inside the source\'s `location` folder, without / or ..' });
    }
    tables.push({ dataset, from: t.from ?? defaultFrom(dataset), ...(t.query !== undefined ? { query: t.query } : {}), columns, ...(t.primary_key ? { primaryKey: t.primary_key } : {}) });
  }
  return { value: diagnostics.some((d) => d.severity === 'error') ? undefined : tables, diagnostics };
}
