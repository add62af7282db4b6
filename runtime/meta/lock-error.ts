// meta/: recognises DuckDB's "another process holds this database" error. DuckDB 1.5 reports it as
//   IO Error: Could not set lock on file "/lake/_meta/lakec.duckdb": Conflicting lock is held in
//   /usr/bin/node (PID 15719). See also https://duckdb.org/docs/stable/connect/concurrency
// (verified by test/meta/cross-process.test.ts against a child process holding the file open).

/** What DuckDB said about the process holding the lock; fields absent when it did not say. */
export interface LockHolder {
  /** Executable of the holder, e.g. `/usr/bin/node` or `/usr/local/bin/duckdb`. */
  readonly program?: string;
  readonly pid?: number;
}

/** The holder named in `error` when it is DuckDB's file-lock conflict, else undefined. */
export function parseLockError(error: unknown): LockHolder | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Could not set lock on file/i.test(message)) return undefined;
  const m = /Conflicting lock is held in (.+?) \(PID (\d+)\)/.exec(message);
  if (!m) return {};
  return { program: m[1]!, pid: Number(m[2]) };
}
