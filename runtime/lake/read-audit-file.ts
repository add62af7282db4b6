// lake/: reads a run's audit log, `<run>/_audit.jsonl` (runtime/control/audit-record.ts). The run folder
// is the source of truth; the metadata store's audit_log table is a copy.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_FILE, type AuditRecord } from '../control/audit-record.js';

/** The records of one audit file. */
export interface AuditFile {
  /** Records sorted by `seq` (the order they were appended). */
  readonly records: readonly AuditRecord[];
  /** Lines that did not parse as a record and were skipped: a torn last line after a crash mid-append. */
  readonly skippedLines: number;
}

/**
 * Reads `<runPath>/_audit.jsonl`.
 * @returns undefined when the file does not exist (runs older than the audit log). Blank lines are
 *   ignored; a line that is not a JSON object with a numeric `seq` and a string `stage` is counted in
 *   `skippedLines` and left out. Never throws on file contents; rethrows I/O errors other than ENOENT.
 */
export async function readAuditFile(runPath: string): Promise<AuditFile | undefined> {
  let text: string;
  try {
    text = await readFile(join(runPath, AUDIT_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const records: AuditRecord[] = [];
  let skippedLines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const record = parseRecord(line);
    if (record) records.push(record);
    else skippedLines++;
  }
  records.sort((a, b) => a.seq - b.seq);
  return { records, skippedLines };
}

function parseRecord(line: string): AuditRecord | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return undefined;
    const r = value as Partial<AuditRecord>;
    return typeof r.seq === 'number' && typeof r.stage === 'string' ? (value as AuditRecord) : undefined;
  } catch {
    return undefined;
  }
}
