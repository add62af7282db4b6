// load/: the output schema of an XML-mapped source (see compiler/types/xml-mapping.ts for the rules).
import type { ColumnSchema, SourceTableSchema, XmlChildMapping, XmlColumnMapping, XmlMapping } from '../types/xml-mapping.js';

/**
 * Output tables of a mapping: the record table first, then child tables depth-first in mapping order.
 * Record table: its mapped columns (PARTIAL_DATE `d` expands to `d` VARCHAR, `d_year`, `d_month`, `d_day` INTEGER).
 * Child table: the record key column (its type from the record table), the `seq` columns of ancestor child
 * tables, its own `seq` (INTEGER), then its mapped columns. Pure and cheap.
 */
export function xmlOutputSchemas(mapping: XmlMapping): SourceTableSchema[] {
  const recordColumns = mapping.columns.flatMap(mappedColumnSchemas);
  const key = recordColumns.find((c) => c.name === mapping.key) ?? { name: mapping.key, type: 'BIGINT' };
  const out: SourceTableSchema[] = [{ table: mapping.table, columns: recordColumns }];
  const visit = (child: XmlChildMapping, inherited: readonly ColumnSchema[]): void => {
    const own: ColumnSchema = { name: child.seq, type: 'INTEGER' };
    out.push({ table: child.table, columns: [...inherited, own, ...child.columns.flatMap(mappedColumnSchemas)] });
    for (const grandchild of child.children) visit(grandchild, [...inherited, own]);
  };
  for (const child of mapping.children) visit(child, [key]);
  return out;
}

/** The output columns of one mapped column: one, or four for PARTIAL_DATE (`d`, `d_year`, `d_month`, `d_day`). */
export function mappedColumnSchemas(c: XmlColumnMapping): ColumnSchema[] {
  if (c.type !== 'PARTIAL_DATE') return [{ name: c.name, type: c.type }];
  return [
    { name: c.name, type: 'VARCHAR' },
    { name: `${c.name}_year`, type: 'INTEGER' },
    { name: `${c.name}_month`, type: 'INTEGER' },
    { name: `${c.name}_day`, type: 'INTEGER' },
  ];
}
