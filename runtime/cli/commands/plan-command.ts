// cli/commands: `lakec plan`.
import { writeFile } from 'node:fs/promises';
import { emitPlan, writePlanFile, type CompileResult } from '../../../compiler/index.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CommonOptions } from '../main.js';
import { renderPlanText } from '../render-plan.js';
import { compileForCli } from './compile-for-cli.js';

/** Compiles, writes the plan to `out`, prints the DAG (or the plan JSON with --json); with `timings`, phase times (ms) to stderr. */
export async function runPlanCommand(opts: CommonOptions, args: { out: string; timings?: boolean }, io: CliIo): Promise<number> {
  const result = await compileForCli(opts, io);
  if (!result.ok || !result.plan) {
    if (args.timings) io.stderr.write(renderTimings(result.timings, result));
    return EXIT.diagnostics;
  }
  const start = performance.now();
  // With --json the text is needed anyway: emit it once; otherwise stream it to the file.
  const text = opts.json ? emitPlan(result.plan) : undefined;
  if (text !== undefined) await writeFile(args.out, text);
  else writePlanFile(args.out, result.plan);
  if (args.timings) io.stderr.write(renderTimings({ ...result.timings, emit: performance.now() - start }, result));
  if (text !== undefined) io.stdout.write(text);
  else io.stdout.write(renderPlanText(result.plan) + `wrote ${args.out}\n`);
  return EXIT.ok;
}

/** Renders `timings: load 12 ms, parse 40 ms, …` then how models were parsed and typed (fast path, cache, engine). */
export function renderTimings(timings: Readonly<Record<string, number>>, result: Pick<CompileResult, 'inference' | 'parsing'>): string {
  const phases = Object.entries(timings).map(([phase, ms]) => `${phase} ${ms.toFixed(0)} ms`).join(', ');
  const { inference: i, parsing: p } = result;
  const parsed = p ? `models parsed: ${p.fast} fast, ${p.engine} by the engine` : '';
  const typed = i ? `; typed: ${i.fast} fast, ${i.cached} cached, ${i.engine} by the engine in ${i.waves} wave${i.waves === 1 ? '' : 's'}` : '';
  const peak = `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;
  return `timings: ${phases}; ${peak}\n${parsed || typed ? `${parsed}${typed}\n` : ''}`;
}
