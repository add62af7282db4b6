// openlineage/: the file transport: newline-delimited JSON, one RunEvent per line, appended in order
// to `<run>/_openlineage.jsonl` and fsynced when the transport closes.
import { open, type FileHandle } from 'node:fs/promises';
import type { OlRunEvent } from './ol-event.js';
import type { LineageTransport, TransportReport } from './lineage-transport.js';

/** File name of the events in a run folder. */
export const OPENLINEAGE_FILE = '_openlineage.jsonl';

/** Appends events to `path` (created on the first event). */
export class FileTransport implements LineageTransport {
  private chain: Promise<void> = Promise.resolve();
  private handle: FileHandle | undefined;
  private sent = 0;
  private failed = 0;
  private error: string | undefined;

  constructor(private readonly path: string) {}

  send(event: OlRunEvent): void {
    const line = JSON.stringify(event) + '\n';
    this.chain = this.chain.then(async () => {
      try {
        this.handle ??= await open(this.path, 'a');
        await this.handle.appendFile(line);
        this.sent++;
      } catch (e) {
        this.failed++;
        this.error ??= (e as Error).message;
      }
    });
  }

  async close(): Promise<TransportReport> {
    await this.chain;
    if (this.handle) {
      await this.handle.sync().catch(() => undefined);
      await this.handle.close().catch(() => undefined);
      this.handle = undefined;
    }
    return { transport: 'file', target: this.path, sent: this.sent, failed: this.failed, ...(this.error ? { error: this.error } : {}) };
  }
}
