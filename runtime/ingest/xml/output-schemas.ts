// ingest/xml: the output schema of every table an XmlMapping produces. Pure and cheap: the compiler
// calls it to type bronze datasets, and the ingester writes exactly these columns.
import { InternalError } from '../../../compiler/diagnostics/diagnostic.js';
import type {
  ColumnSchema,
  SourceColumnType,
  SourceTableSchema,
  XmlChildMapping,
  XmlColumnMapping,
  XmlMapping,
} from '../../../compiler/types/xml-mapping.js';

/** The output columns of one mapped column: one, or four for PARTIAL_DATE (`d`, `d_year`, `d_month`, `d_day`). */
export function mappedColumnSchemas(column: XmlColumnMapping): ColumnSchema[] {
  if (column.type !== 'PARTIAL_DATE') return [{ name: column.name, type: engineType(column.type) }];
  return [
    { name: column.name, type: 'VARCHAR' },
    { name: `${column.name}_year`, type: 'INTEGER' },
    { name: `${column.name}_month`, type: 'INTEGER' },
    { name: `${column.name}_day`, type: 'INTEGER' },
  ];
}

/** DuckDB type of a non-PARTIAL_DATE source column type (PARTIAL_DATE's raw part is VARCHAR). */
export function engineType(type: SourceColumnType): string {
  return type === 'PARTIAL_DATE' ? 'VARCHAR' : type;
}

/**
 * Output schema of every table of `mapping`: the record table first, then child tables depth-first
 * in mapping order.
 * - Record table: its mapped columns in order (PARTIAL_DATE expanded to four).
 * - Child table: the record key column (name and type as in the record table), the `seq` column of
 *   every ancestor child table (outermost first), its own `seq`, all INTEGER; then its mapped columns.
 * @throws InternalError when `mapping.key` is not a record column (checkXmlMapping reports that as LK1007).
 * @example outputSchemas(m)[0] // { table: 'releases', columns: [{ name: 'release_id', type: 'BIGINT' }, …] }
 */
export function outputSchemas(mapping: XmlMapping): SourceTableSchema[] {
  const keyColumn = mapping.columns.find((c) => c.name === mapping.key);
  if (keyColumn === undefined) throw new InternalError(`XML mapping key "${mapping.key}" is not a column of "${mapping.table}"`);
  const key: ColumnSchema = { name: mapping.key, type: engineType(keyColumn.type) };
  const out: SourceTableSchema[] = [{ table: mapping.table, columns: mapping.columns.flatMap(mappedColumnSchemas) }];
  const visit = (child: XmlChildMapping, ancestorSeqs: readonly string[]): void => {
    const seqs = [...ancestorSeqs, child.seq];
    out.push({
      table: child.table,
      columns: [key, ...seqs.map((name) => ({ name, type: 'INTEGER' })), ...child.columns.flatMap(mappedColumnSchemas)],
    });
    for (const grandchild of child.children) visit(grandchild, seqs);
  };
  for (const child of mapping.children) visit(child, []);
  return out;
}
