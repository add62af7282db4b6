// ingest/xml: public surface of streaming XML ingestion (XML dump -> typed tables -> Parquet).
export { ingestXml } from './ingest-xml.js';
export type { IngestProgress, IngestXmlOptions, IngestXmlResult } from './ingest-xml.js';
export type { IngestedTable } from './table-outputs.js';
export { outputSchemas } from './output-schemas.js';
export { checkXmlMapping } from './check-mapping.js';
export { mapXmlChunks, type MappedText } from './map-xml-text.js';
export { DEFAULT_XML_LIMITS, type XmlLimits } from './xml-limits.js';
