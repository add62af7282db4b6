// cli/commands: `lakec plan`.
import { writeFile } from 'node:fs/promises';
import { emitPlan } from '../../../compiler/index.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CommonOptions } from '../main.js';
import { renderPlanText } from '../render-plan.js';
import { compileForCli } from './compile-for-cli.js';

/** Compiles, writes the plan to `out`, prints the DAG (or the plan JSON with --json). */
export async function runPlanCommand(opts: CommonOptions, args: { out: string }, io: CliIo): Promise<number> {
  const result = await compileForCli(opts, io);
  if (!result.ok || !result.plan) return EXIT.diagnostics;
  const text = emitPlan(result.plan);
  await writeFile(args.out, text);
  if (opts.json) io.stdout.write(text);
  else io.stdout.write(renderPlanText(result.plan) + `wrote ${args.out}\n`);
  return EXIT.ok;
}
