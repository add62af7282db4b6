// control/: appends audit records to `<run>/_audit.jsonl` as they happen (one JSON object per line, so
// a crash loses at most a torn last line) and hands each to a sink (the metadata store poller).
import { appendFile } from 'node:fs/promises';
import { syncFile } from '../lake/durable-write.js';
import { join } from 'node:path';
import { AUDIT_FILE, type AuditRecord } from './audit-record.js';

/** An audit record before the writer numbers it. */
export type AuditEntry = Omit<AuditRecord, 'run_id' | 'seq'>;

/** Numbers and writes a run's audit records. Calls are serialized: records land in `seq` order. */
export class AuditWriter {
  private seq = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly written: AuditRecord[] = [];
  readonly file: string;

  /** `runDir`: the run folder (absolute); `sink` receives every record after it is on disk. */
  constructor(runDir: string, private readonly runId: string, private readonly sink: (r: AuditRecord) => void = () => undefined) {
    this.file = join(runDir, AUDIT_FILE);
  }

  /** Writes one record; resolves with it once appended. @throws the file system's error. */
  record(entry: AuditEntry): Promise<AuditRecord> {
    const record: AuditRecord = { run_id: this.runId, seq: ++this.seq, ...entry };
    const write = this.tail.then(async () => {
      await appendFile(this.file, JSON.stringify(record) + '\n');
      this.written.push(record);
      this.sink(record);
      return record;
    });
    this.tail = write.catch(() => undefined);
    return write;
  }

  /** Every record written so far, in order. */
  records(): readonly AuditRecord[] {
    return this.written;
  }

  /** Waits for pending writes and fsyncs the file (when it exists). */
  async close(): Promise<void> {
    await this.tail;
    if (!this.seq) return;
    await syncFile(this.file);
  }
}

/** The fields of an attempt that did not fail: no error, healing or retry. */
export const NO_FAILURE = {
  error_code: null, transient: null, original_error: null, healing_action: null, healing_outcome: null, healing_detail: null, retry_delay_ms: null,
} as const;
