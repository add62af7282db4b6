// Test support: runs the CLI in process and captures its output.
import { PassThrough } from 'node:stream';
import { main } from '../../runtime/cli/main.js';
import type { CliIo } from '../../runtime/cli/cli-io.js';

/** Exit code and captured stdout/stderr of one `lakec` invocation. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `lakec <argv>` with `cwd` and an environment of `env` only (no inherited variables). */
export async function runCli(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  return captureCli((io) => main(argv, io), cwd, env);
}

/** Runs `command` (main, or one command's entry point) with captured stdout/stderr, `cwd` and `env`. */
export async function captureCli(command: (io: CliIo) => Promise<number>, cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await command({ stdout, stderr, cwd, env });
  return { code, stdout: out, stderr: err };
}
