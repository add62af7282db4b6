// Test support: the built `lakec` as a real child process whose stderr can be awaited line
// by line (to act at a known point of an apply: while it holds the lock, while another one waits).
import { spawn, type ChildProcess } from 'node:child_process';
import { builtLakec } from './dist-bin.js';

/** A running `lakec`. */
export interface LakecProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the first stderr line matching `pattern` (seen so far or later); rejects if it exits first. */
  stderrLine(pattern: RegExp): Promise<string>;
  /** Resolves when the process has exited: exit code (null when killed), signal, and all its output. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `node dist/runtime/cli/bin.js <args>` in `cwd` with the test's environment and NO_COLOR. */
export function startLakec(args: readonly string[], cwd: string): LakecProcess {
  const child = spawn(process.execPath, [builtLakec(), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let closed = false;
  const waiters: { pattern: RegExp; resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      const line = stderr.split('\n').slice(0, -1).find((l) => w.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    check();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      closed = true;
      check();
      for (const w of waiters.splice(0)) w.reject(new Error(`lakec exited (${code ?? signal}) before printing ${w.pattern}; stderr:\n${stderr}`));
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child, pid: child.pid!, exited,
    stderrLine: (pattern) => new Promise<string>((resolve, reject) => {
      waiters.push({ pattern, resolve, reject });
      check();
      if (closed && waiters.some((w) => w.resolve === resolve)) reject(new Error(`lakec exited before printing ${pattern}; stderr:\n${stderr}`));
    }),
  };
}
