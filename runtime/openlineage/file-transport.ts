// openlineage/: the file transport: newline-delimited JSON, one RunEvent per line, appended in order
// to `<run>/_openlineage.jsonl` and fsynced when the transport closes. Appending to a file whose last
// line a kill tore (the ABORT of an interrupted run) first ends that line, so every later line parses.
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
        if (!this.handle) {
          this.handle = await open(this.path, 'a+');
          // A kill mid-append leaves a torn last line; start a new line so this event stays parseable.
          const { size } = await this.handle.stat();
          const last = Buffer.alloc(1);
          if (size && (await this.handle.read(last, 0, 1, size - 1)).bytesRead === 1 && last[0] !== 0x0a) await this.handle.appendFile('\n');
        }
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
