// cli/commands: `lakec runs`.
import { listRuns } from '../../index.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CommonOptions } from '../main.js';
import { resolveLake } from './resolve-lake.js';

/** Lists runs newest first: id, status, active/promoted marks, datasets, rows, duration. */
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
  io.stdout.write(`${'RUN'.padEnd(28)} ${'STATUS'.padEnd(10)} ${'ACTIVE'.padEnd(7)} ${'DATASETS'.padStart(8)} ${'ROWS'.padStart(12)} ${'SECONDS'.padStart(8)}  ERROR\n`);
  for (const r of runs) {
    const mark = r.active ? '*' : r.promoted ? '(was)' : '';
    io.stdout.write(`${r.runId.padEnd(28)} ${r.status.padEnd(10)} ${mark.padEnd(7)} ${String(r.datasets).padStart(8)} ${r.rows.toLocaleString('en-US').padStart(12)} ${((r.durationMs ?? 0) / 1000).toFixed(1).padStart(8)}  ${r.error ?? ''}\n`);
  }
  return EXIT.ok;
}
