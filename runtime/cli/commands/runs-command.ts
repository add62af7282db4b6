// cli/commands: `lakec runs`.
import { listRuns, type RunSummary } from '../../index.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CommonOptions } from '../main.js';
import { resolveLake } from './resolve-lake.js';

/**
 * Lists runs newest first: id, status (`halted`, `aborted`, and `running` for a run in progress or
 * interrupted, included), active/promoted marks, datasets, rows, duration, the classified error code, and a note: the
 * halt reason, or the error text of runs older than error codes. `--json`: the RunSummary array.
 */
export async function runRunsCommand(opts: CommonOptions, io: CliIo): Promise<number> {
  const lake = resolveLake(opts, io);
  if (!lake) return EXIT.diagnostics;
  const runs = await listRuns(lake);
  if (opts.json) {
    io.stdout.write(JSON.stringify(runs, null, 2) + '\n');
    return EXIT.ok;
  }
  if (!runs.length) {
    io.stdout.write(`no runs in ${lake}\n`);
    return EXIT.ok;
  }
  const codeWidth = Math.max(4, ...runs.map((r) => r.errorCode?.length ?? 0));
  io.stdout.write(`${'RUN'.padEnd(28)} ${'STATUS'.padEnd(10)} ${'ACTIVE'.padEnd(7)} ${'DATASETS'.padStart(8)} ${'ROWS'.padStart(12)} ${'SECONDS'.padStart(8)}  ${'CODE'.padEnd(codeWidth)}  NOTE\n`);
  for (const r of runs) {
    const mark = r.active ? '*' : r.promoted ? '(was)' : '';
    const seconds = r.durationMs === undefined ? '-' : (r.durationMs / 1000).toFixed(1);
    io.stdout.write(`${r.runId.padEnd(28)} ${r.status.padEnd(10)} ${mark.padEnd(7)} ${String(r.datasets).padStart(8)} ${r.rows.toLocaleString('en-US').padStart(12)} ${seconds.padStart(8)}  ${(r.errorCode ?? '').padEnd(codeWidth)}  ${note(r)}`.trimEnd() + '\n');
  }
  if (runs.some((r) => r.status === 'running')) io.stdout.write('running: in progress, or interrupted if no apply is running\n');
  return EXIT.ok;
}

/** The halt reason of a halted run; the error text when the run has no error code (older runs). */
function note(r: RunSummary): string {
  if (r.halt) return `halted by ${r.halt.scopes.join(', ')}: ${r.halt.reason}`;
  return r.errorCode ? '' : r.error ?? '';
}
