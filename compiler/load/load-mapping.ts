// load/: reads and checks an XML mapping file (schemas/xml-mapping.schema.json) into an XmlMapping.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { XmlChildMapping, XmlColumnMapping, XmlMapping } from '../types/xml-mapping.js';
import { nodeAt, nodeSpan, readYaml } from './read-yaml.js';
import { readSpecText } from './read-spec-text.js';
import { validateAgainstSchema } from './validate-schema.js';
import { mappedColumnSchemas } from './xml-source-schema.js';

interface RawColumn { name: string; path: string; type?: XmlColumnMapping['type'] }
interface RawChild { table: string; path: string; seq?: string; columns: RawColumn[]; children?: RawChild[] }
interface RawMapping { root: string; record: string; table: string; key: string; columns: RawColumn[]; children?: RawChild[] }

/**
 * Loads `absPath` (shown as `displayPath`) as an XML mapping, filling defaults (`type: VARCHAR`,
 * `seq: seq`, `children: []`). Diagnostics: LK1006 unreadable file, LK1001 YAML, LK1002/LK1003 schema,
 * LK1008 duplicate output column names within a table (see xmlOutputSchemas: PARTIAL_DATE expansion, and a
 * child table's record key and seq columns) or a key column that is not mapped.
 */
export function loadMapping(absPath: string, displayPath: string): { value: XmlMapping | undefined; diagnostics: Diagnostic[] } {
  let read: ReturnType<typeof readSpecText>;
  try {
    read = readSpecText(absPath, displayPath, 'LK1001');
  } catch {
    return { value: undefined, diagnostics: [{ code: 'LK1006', severity: 'error', message: `cannot read mapping file "${displayPath}"` }] };
  }
  if (read.diagnostic) return { value: undefined, diagnostics: [read.diagnostic] };
  const parsed = readYaml(displayPath, read.text);
  if (!parsed.value) return { value: undefined, diagnostics: parsed.diagnostics };
  const { doc, source } = parsed.value;
  const raw = doc.toJS() as unknown;
  const schemaDiagnostics = validateAgainstSchema('xml-mapping.schema.json', raw, doc, source);
  if (schemaDiagnostics.length) return { value: undefined, diagnostics: schemaDiagnostics };
  const m = raw as RawMapping;
  const mapping: XmlMapping = {
    root: m.root, record: m.record, table: m.table, key: m.key,
    columns: m.columns.map(column), children: (m.children ?? []).map(child),
  };
  const diagnostics: Diagnostic[] = [];
  const at = (path: (string | number)[]) => nodeSpan(source, nodeAt(doc, path));
  if (!mapping.columns.some((c) => c.name === mapping.key)) {
    diagnostics.push({ code: 'LK1008', severity: 'error', message: `key column "${mapping.key}" is not among the record's columns`, span: at(['key']), hint: 'map the record id as a column and name it in `key`' });
  }
  checkDuplicates(mapping.columns.flatMap(outputNames), ['columns'], at, diagnostics, `table "${mapping.table}"`);
  mapping.children.forEach((c, i) => checkChild(c, ['children', i], [mapping.key], at, diagnostics));
  return { value: diagnostics.length ? undefined : mapping, diagnostics };
}

function column(c: RawColumn): XmlColumnMapping {
  return { name: c.name, path: c.path, type: c.type ?? 'VARCHAR' };
}

function child(c: RawChild): XmlChildMapping {
  return { table: c.table, path: c.path, seq: c.seq ?? 'seq', columns: c.columns.map(column), children: (c.children ?? []).map(child) };
}

/** Names of the output columns of a mapped column (a PARTIAL_DATE `d` also makes `d_year`, `d_month`, `d_day`). */
function outputNames(c: XmlColumnMapping): string[] {
  return mappedColumnSchemas(c).map((s) => s.name);
}

/** Checks a child table's output columns: `inherited` (the record key, ancestors' seq columns), its seq, its columns. */
function checkChild(c: XmlChildMapping, path: (string | number)[], inherited: readonly string[], at: (p: (string | number)[]) => Diagnostic['span'], out: Diagnostic[]): void {
  checkDuplicates([...inherited, c.seq, ...c.columns.flatMap(outputNames)], [...path, 'columns'], at, out, `table "${c.table}"`);
  c.children.forEach((g, i) => checkChild(g, [...path, 'children', i], [...inherited, c.seq], at, out));
}

function checkDuplicates(names: string[], path: (string | number)[], at: (p: (string | number)[]) => Diagnostic['span'], out: Diagnostic[], what: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      const span = at(path);
      out.push({ code: 'LK1008', severity: 'error', message: `duplicate column "${name}" in ${what}`, ...(span ? { span } : {}), hint: 'rename one of them (a child table also has the record key and the seq columns of its ancestors; a PARTIAL_DATE column d also makes d_year, d_month and d_day)' });
    }
    seen.add(name);
  }
}
