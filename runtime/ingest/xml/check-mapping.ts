// ingest/xml: checks the invariants the ingester relies on that the JSON schema cannot express.
import type { Diagnostic } from '../../../compiler/diagnostics/diagnostic.js';
import type { XmlChildMapping, XmlColumnMapping, XmlMapping } from '../../../compiler/types/xml-mapping.js';
import { parseChildPath, parseColumnPath } from './mapping-paths.js';
import { mappedColumnSchemas } from './output-schemas.js';

/**
 * Checks an XmlMapping: paths parse; the key is a record column and not a PARTIAL_DATE; table names
 * are unique; output column names (after PARTIAL_DATE expansion, with key and seq columns) are unique
 * per table. Pure.
 * @returns LK1007 diagnostics without spans (the caller knows where the mapping came from); [] when valid.
 */
export function checkXmlMapping(mapping: XmlMapping): Diagnostic[] {
  const problems: string[] = [];
  const key = mapping.columns.find((c) => c.name === mapping.key);
  if (key === undefined) problems.push(`key "${mapping.key}" is not a column of table "${mapping.table}"`);
  else if (key.type === 'PARTIAL_DATE') problems.push(`key "${mapping.key}" cannot be a PARTIAL_DATE`);
  const tables = new Set<string>([mapping.table]);
  checkColumns(mapping.table, [], mapping.columns, problems);
  const visit = (child: XmlChildMapping, seqs: readonly string[]): void => {
    if (tables.has(child.table)) problems.push(`table "${child.table}" is defined twice`);
    tables.add(child.table);
    if (parseChildPath(child.path) === undefined) problems.push(`table "${child.table}": invalid path "${child.path}"`);
    const own = [...seqs, child.seq];
    checkColumns(child.table, [mapping.key, ...own], child.columns, problems);
    for (const g of child.children) visit(g, own);
  };
  for (const child of mapping.children) visit(child, []);
  return problems.map((message) => ({
    code: 'LK1007',
    severity: 'error',
    message: `invalid XML mapping for "${mapping.table}": ${message}`,
  }));
}

function checkColumns(table: string, fixed: readonly string[], columns: readonly XmlColumnMapping[], problems: string[]): void {
  const seen = new Set<string>();
  const names = [...fixed, ...columns.flatMap((c) => mappedColumnSchemas(c).map((s) => s.name))];
  for (const name of names) {
    if (seen.has(name)) problems.push(`table "${table}": column "${name}" is defined twice`);
    seen.add(name);
  }
  for (const c of columns) {
    if (parseColumnPath(c.path) === undefined) problems.push(`table "${table}": column "${c.name}" has invalid path "${c.path}"`);
  }
}
