// cli/commands: `lakec rollback`.
import { lakeLayout, rollback } from '../../index.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CommonOptions } from '../main.js';
import { resolveLake } from './resolve-lake.js';

/** Switches `active` back one promotion. LK6402 (exit 1) when there is nothing to roll back to. */
export async function runRollbackCommand(opts: CommonOptions, io: CliIo): Promise<number> {
  const lake = resolveLake(opts, io);
  if (!lake) return EXIT.diagnostics;
  const { from, to } = await rollback(lakeLayout(lake));
  if (opts.json) io.stdout.write(JSON.stringify({ from, to }) + '\n');
  else io.stdout.write(`rolled back: active -> _runs/${to} (was ${from})\n`);
  return EXIT.ok;
}
