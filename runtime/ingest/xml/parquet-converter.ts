// ingest/xml: runs CSV->Parquet COPY statements one after another on the engine while the caller keeps
// parsing: DuckDB works on its own threads, the main thread only waits when too many chunks queue up.
import { rm } from 'node:fs/promises';
import { InternalError } from '../../../compiler/diagnostics/diagnostic.js';
import type { EngineAdapter } from '../../engine/engine-adapter.js';

/**
 * A FIFO of COPY jobs on one engine connection, bounded by the CSV bytes it holds (statements run
 * sequentially; DuckDB parallelizes inside each). The first failure stops later jobs and is rethrown
 * by `waitForRoom`/`drain`. Each job's CSV chunk is deleted once its job is settled.
 */
export class ParquetConverter {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private queuedBytes = 0;
  private failure: { error: unknown } | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  /** @param maxQueuedBytes CSV bytes allowed to wait or be converted before `waitForRoom` blocks */
  constructor(
    private readonly engine: EngineAdapter,
    private readonly maxQueuedBytes: number,
  ) {}

  /** Queues `sql`; `csvPath` (if given, `bytes` long) is deleted after the job ran or was skipped. */
  enqueue(sql: string, csvPath?: string, bytes = 0): void {
    this.queued++;
    this.queuedBytes += bytes;
    this.tail = this.tail.then(() => this.runJob(sql, csvPath, bytes));
  }

  /** True when parsing may go on without waiting. */
  get hasRoom(): boolean {
    return this.queuedBytes <= this.maxQueuedBytes || this.failure !== undefined;
  }

  /** Waits until at most `maxQueuedBytes` are queued; rejects with the first job failure or the abort reason. */
  async waitForRoom(signal?: AbortSignal): Promise<void> {
    while (this.queuedBytes > this.maxQueuedBytes && this.failure === undefined) {
      await this.nextSettle(signal);
    }
    if (this.failure !== undefined) throw this.failure.error;
  }

  /** Waits for every queued job; rejects with the first failure or the abort reason. */
  async drain(signal?: AbortSignal): Promise<void> {
    while (this.queued > 0 && this.failure === undefined) await this.nextSettle(signal);
    if (this.failure !== undefined) throw this.failure.error;
  }

  /** Skips queued jobs, interrupts the running one and waits until all have settled. Never rejects. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.queued > 0) {
      try {
        this.engine.interrupt();
      } catch {
        // Nothing to interrupt, or the engine is closing: waiting below is enough.
      }
    }
    await this.tail;
  }

  private async runJob(sql: string, csvPath: string | undefined, bytes: number): Promise<void> {
    try {
      if (!this.stopped && this.failure === undefined) await this.engine.run(sql);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      this.failure ??= { error: new InternalError(`CSV to Parquet conversion failed: ${message}`, { cause }) };
    } finally {
      if (csvPath !== undefined) await rm(csvPath, { force: true }).catch(() => undefined);
      this.queued--;
      this.queuedBytes -= bytes;
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    }
  }

  private nextSettle(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const prev = this.wake;
      this.wake = () => {
        signal?.removeEventListener('abort', onAbort);
        prev?.();
        resolve();
      };
    });
  }
}
