// cli/: what the CLI may touch of the outside world, injected so tests call `main` in process.
import type { Writable } from 'node:stream';

/** The CLI's I/O. `cwd` is absolute; `env` is used for `${ENV}` interpolation. */
export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes (documented in README.md). */
export const EXIT = {
  ok: 0,
  /** Diagnostics with errors: bad spec, SQL, plan file or input data. */
  diagnostics: 1,
  /** Bad command-line usage. */
  usage: 2,
  /** The run failed: a step failed or an `error` validation rule failed; nothing was promoted. */
  runFailed: 3,
  /** A bug in lakec. */
  internal: 4,
} as const;
