// meta/: an in-process async mutex per key (a resolved file path). DuckDB's file lock is a POSIX
// record lock, which a process never conflicts with itself on, so two opens of one database file in
// one process would both succeed and could corrupt it; this queue makes them take turns instead.

const tails = new Map<string, Promise<void>>();

/**
 * Runs `fn` once every earlier `withPathMutex(key, …)` call of this process has settled; calls with
 * different keys do not wait for each other. First come, first served.
 * @returns what `fn` returns; rejects with what `fn` throws (the queue moves on either way).
 */
export async function withPathMutex<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  tails.set(key, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
