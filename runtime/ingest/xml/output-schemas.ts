// ingest/xml: the output schema of every table an XmlMapping produces. The compiler owns the rules
// (compiler/load/xml-source-schema.ts types the bronze datasets of the plan); the ingester writes
// exactly those columns, so it uses the same function rather than a copy.
import { InternalError } from '../../../compiler/diagnostics/diagnostic.js';
import { mappedColumnSchemas, xmlOutputSchemas } from '../../../compiler/load/xml-source-schema.js';
import type { SourceTableSchema, XmlMapping } from '../../../compiler/types/xml-mapping.js';

export { mappedColumnSchemas };

/**
 * Output schema of every table of `mapping`: the record table first, then child tables depth-first
 * in mapping order (see xmlOutputSchemas for the column rules).
 * @throws InternalError when `mapping.key` is not a record column (checkXmlMapping reports that as LK1007).
 */
export function outputSchemas(mapping: XmlMapping): SourceTableSchema[] {
  if (!mapping.columns.some((c) => c.name === mapping.key)) throw new InternalError(`XML mapping key "${mapping.key}" is not a column of "${mapping.table}"`);
  return xmlOutputSchemas(mapping);
}
