// meta/: one transaction on an open store connection.
import type { EngineAdapter } from '../engine/engine-adapter.js';

/**
 * Runs `fn` inside BEGIN … COMMIT on `engine`, rolling back when it throws.
 * @returns what `fn` returns; rethrows its error after the rollback.
 */
export async function inTransaction<T>(engine: EngineAdapter, fn: () => Promise<T>): Promise<T> {
  await engine.run('BEGIN TRANSACTION');
  try {
    const result = await fn();
    await engine.run('COMMIT');
    return result;
  } catch (e) {
    await engine.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
