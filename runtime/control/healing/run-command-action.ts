// control/healing/: the `command` healing action: a user executable (no shell) is given the failure as
// JSON on stdin; exit status 0 means healed, anything else not healed. Its output is kept (first 2 KB)
// for the audit log. It runs in the project folder and is killed when it outlives its timeout.
import { spawn } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';
import type { HealingContext, HealingResult } from './healing-types.js';

const OUTPUT_LIMIT = 2048;
/** Default time a command may run, ms. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 60_000;

/**
 * Runs `argv` with the failure on stdin (`{"runId","stage","pipeline","attempt","code","transient","message","original","details"}`).
 * A first element containing `/` that is relative resolves against the project folder; a bare name is
 * looked up on PATH. Never throws: a command that cannot start is an `error` outcome.
 */
export function runCommandAction(argv: readonly string[], ctx: HealingContext, timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS): Promise<HealingResult> {
  const [exe, ...args] = argv;
  const file = exe!.includes('/') && !isAbsolute(exe!) ? resolve(ctx.projectDir, exe!) : exe!;
  return new Promise((done) => {
    let output = '';
    let settled = false;
    const finish = (r: HealingResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal?.removeEventListener('abort', onAbort);
      done(r);
    };
    const child = spawn(file, args, { cwd: ctx.projectDir, stdio: ['pipe', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      if (output.length < OUTPUT_LIMIT) output += chunk.toString('utf8').slice(0, OUTPUT_LIMIT - output.length);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ outcome: 'error', detail: `${exe} did not finish within ${timeoutMs} ms and was killed` });
    }, timeoutMs);
    const onAbort = () => {
      child.kill('SIGKILL');
      finish({ outcome: 'error', detail: `${exe} was stopped: the stage was cancelled` });
    };
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => finish({ outcome: 'error', detail: `${exe} could not run: ${e.message}` }));
    child.on('close', (code, signal) => {
      const said = output.trim().replace(/\s+/g, ' ');
      const status = signal ? `was killed by ${signal}` : `exited ${code}`;
      finish({ outcome: code === 0 ? 'healed' : 'not_healed', detail: `${exe} ${status}${said ? `: ${said}` : ''}` });
    });
    child.stdin.on('error', () => undefined); // a command that ignores stdin may close it early (EPIPE)
    child.stdin.end(JSON.stringify(ctx.failure) + '\n');
  });
}
