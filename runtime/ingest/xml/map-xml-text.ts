// ingest/xml: maps an XML document held in memory to CSV text per table, with the same tokenizer,
// mapper and CSV encoding as ingestXml but no files or engine. For tests and tools on small inputs.
import { LakecError } from '../../../compiler/diagnostics/diagnostic.js';
import type { XmlMapping } from '../../../compiler/types/xml-mapping.js';
import { checkXmlMapping } from './check-mapping.js';
import { CsvChunkWriter } from './csv-chunk-writer.js';
import { compileMapping } from './mapping-matcher.js';
import { RecordMapper } from './record-mapper.js';
import { resolveXmlLimits, type XmlLimits } from './xml-limits.js';
import { XmlTokenizer } from './xml-tokenizer.js';
import { Utf8ByteReader } from './utf8-byte-reader.js';
import type { XmlPos } from './xml-error.js';

/** CSV text of every table (outputSchemas order, no header), and the record count. */
export interface MappedText {
  readonly records: number;
  readonly csv: readonly string[];
}

/**
 * Maps the document given as `chunks` to CSV text per table. Byte chunks may be split anywhere (also
 * inside a multibyte character); a string chunk is encoded as UTF-8 on its own, so strings must not
 * split a surrogate pair.
 * @throws LakecError as ingestXml does for the same document (LK1007, LK6101, LK6103, LK6104, LK6106-LK6108)
 */
export function mapXmlChunks(mapping: XmlMapping, chunks: Iterable<string | Uint8Array>, options: {
  readonly displayPath?: string;
  readonly limits?: Partial<XmlLimits>;
} = {}): MappedText {
  const problems = checkXmlMapping(mapping);
  if (problems[0] !== undefined) throw new LakecError(problems[0]);
  const limits = resolveXmlLimits(options.limits);
  const compiled = compileMapping(mapping);
  const writers = compiled.tables.map((t) => new CsvChunkWriter(undefined, t.name, Infinity, () => undefined));
  const mapper = new RecordMapper(compiled, { table: (t) => writers[t] as CsvChunkWriter }, limits);
  const file = options.displayPath ?? 'input.xml';
  const tok = new XmlTokenizer(mapper, file, limits);
  const reader = new Utf8ByteReader(file);
  const where = (): XmlPos => tok.endPosition();
  for (const chunk of chunks) tok.write(reader.read(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk, where));
  reader.end(where);
  tok.end();
  for (const w of writers) w.finish();
  return { records: mapper.records, csv: writers.map((w) => w.memoryText()) };
}
