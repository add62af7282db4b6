// fuzz/: records of the real Discogs samples (/work/shared/data/discogs, read at run time and never copied
// into the repository), for XML fuzz cases built from small slices of real data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DISCOGS_SAMPLES } from '../support/paths.js';

/** The records of one sample dump: each `<record …>…</record>` exactly as in the file. */
export interface DumpRecords {
  /** Entity of the dump: artists, labels, masters or releases. */
  readonly entity: string;
  readonly root: string;
  readonly records: readonly string[];
}

/** Entities of the 2020-08-06 samples, in mapping-file order. */
export const DISCOGS_ENTITIES = ['artists', 'labels', 'masters', 'releases'] as const;

/**
 * Reads `discogs_20200806_<entity>.xml.gz` and splits it into its records. The samples start each record
 * on a new line (a record's text may hold line breaks; markup in text is escaped, so no text line starts
 * with `<record`).
 * @throws Error when the sample is missing or is not `<root>` records `</root>`.
 */
export function readDumpRecords(entity: string, root: string, record: string): DumpRecords {
  const text = gunzipSync(readFileSync(join(DISCOGS_SAMPLES, `discogs_20200806_${entity}.xml.gz`))).toString('utf8');
  const open = text.indexOf(`<${root}>\n`);
  const close = text.lastIndexOf(`\n</${root}>`);
  if (open < 0 || close < open) throw new Error(`the ${entity} sample is not <${root}> records </${root}>`);
  const records = text.slice(open + root.length + 3, close).split(new RegExp(`\n(?=<${record}[ >])`));
  return { entity, root, records };
}
