// meta/: the only way into the metadata store. Opens the database for the length of one callback and
// closes it again, so the running apply (polling ~4 times a second), `lakec disable` and an operator's
// duckdb shell can take turns: DuckDB admits one read-write process per file.
import { mkdir, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LakecError } from '../../compiler/index.js';
// DuckDB (~0.15 s to load) is imported on the first open, so commands that never open the store skip it.
import type { EngineAdapter } from '../engine/engine-adapter.js';
import { parseLockError, type LockHolder } from './lock-error.js';
import { ensureMetaSchema } from './meta-schema.js';
import { withPathMutex } from './path-mutex.js';

/** Options of every metadata-store call. */
export interface MetaStoreOptions {
  /**
   * How long to keep retrying while another process holds the file, milliseconds (default 5000).
   * 0 means one try. Time spent waiting for other calls of this process counts too.
   */
  readonly waitMs?: number;
}

/** Default of `MetaStoreOptions.waitMs`, milliseconds. */
export const DEFAULT_META_WAIT_MS = 5000;
const RETRY_MIN_MS = 25;
const RETRY_SPREAD_MS = 25;

/**
 * Opens the metadata store at `dbPath` (creating its folder, the file and the schema when absent),
 * runs `fn` with a connection, and closes the store whatever `fn` does. Calls for one file from one
 * process run one at a time (never two open handles on one file in a process); while another process
 * holds the file, the open is retried every 25–50 ms until `waitMs` has passed.
 * @param fn must not keep `engine` after it settles; keep it short, other processes are waiting.
 * @returns what `fn` returns.
 * @throws LakecError LK6405 when the file stayed locked by another process for `waitMs`;
 *   LK6404 when a newer lakec wrote the store; otherwise whatever `fn` or the engine throws.
 * @example
 *   const n = await withMetaStore(lakeLayout(lake).metaDb, async (db) => (await db.query('SELECT count(*) n FROM stages'))[0]!['n']);
 */
export async function withMetaStore<T>(dbPath: string, fn: (engine: EngineAdapter) => Promise<T>, options: MetaStoreOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_META_WAIT_MS);
  const file = await canonicalPath(dbPath);
  return withPathMutex(file, async () => {
    const engine = await openWithRetry(file, deadline);
    try {
      await ensureMetaSchema(engine, file);
      return await fn(engine);
    } finally {
      await engine.close();
    }
  });
}

/** True when `error` is the LK6405 "locked by another process" error of withMetaStore. */
export function isMetaStoreLocked(error: unknown): boolean {
  return error instanceof LakecError && error.diagnostic.code === 'LK6405';
}

async function openWithRetry(file: string, deadline: number): Promise<EngineAdapter> {
  for (;;) {
    try {
      return await (await import('../engine/duckdb-adapter.js')).openDuckDb({ path: file, threads: 1 });
    } catch (e) {
      const holder = parseLockError(e);
      if (!holder) throw e;
      if (Date.now() >= deadline) throw lockedError(file, holder, e);
      await sleep(Math.min(RETRY_MIN_MS + Math.random() * RETRY_SPREAD_MS, Math.max(1, deadline - Date.now())));
    }
  }
}

function lockedError(file: string, holder: LockHolder, cause: unknown): LakecError {
  const who = holder.pid !== undefined ? ` (PID ${holder.pid}${holder.program ? `, ${holder.program}` : ''})` : '';
  return new LakecError({
    code: 'LK6405', severity: 'error',
    message: `metadata store "${file}" is locked by another process${who}`,
    hint: 'close the other session holding the file (e.g. an interactive duckdb shell: .quit), then try again; a running lakec apply opens it only for moments',
  }, { cause });
}

/** Absolute path with the folder's symlinks resolved (so one file has one mutex key); creates the folder. */
async function canonicalPath(dbPath: string): Promise<string> {
  const dir = dirname(resolve(dbPath));
  await mkdir(dir, { recursive: true });
  return join(await realpath(dir), basename(dbPath));
}
