// cli/commands: `lakec plan`.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffPlans, emitPlan, LakecError, writePlanFile, type CompileResult, type Plan, type PlanDiff, type ScheduleProfile } from '../../../compiler/index.js';
import { lakeLayout, runDir, RUN_PLAN_FILE } from '../../lake/lake-layout.js';
import { activeRunId } from '../../lake/promote.js';
import { readPlanFile } from '../../plan-reader/read-plan.js';
import { colorFor } from '../ansi.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CommonOptions } from '../main.js';
import { renderDiffText } from '../render-diff.js';
import { renderPlanText } from '../render-plan.js';
import { compileForCli } from './compile-for-cli.js';
import { EXIT_CHANGES, diffExitCode } from './diff-command.js';

/** Arguments of `lakec plan` (without --watch). */
export interface PlanArgs {
  /** Absolute path of the plan file to write. */
  readonly out: string;
  /** Print each phase's time (ms) to stderr. */
  readonly timings?: boolean;
  /** Exit EXIT_CHANGES (2) when the plan differs from the published run's (or nothing is published). */
  readonly detailedExitcode?: boolean;
  /** Also print the predicted schedule (text Gantt per system); to stderr with --json. */
  readonly schedule?: boolean;
  /** Profile for the predicted schedule (default: the operator's in the store, else the plan's). */
  readonly profile?: ScheduleProfile;
}

/**
 * Compiles, compares the plan with the one the lake's active run applied, writes the plan to `out`
 * (with `basedOn` set to that run) and prints the DAG and the diff; with --json the plan goes to stdout
 * and the diff to stderr. With `timings`, phase times (ms) to stderr.
 * @returns EXIT.diagnostics on compile errors; EXIT_CHANGES with `detailedExitcode` when anything
 * changed against the published run; else EXIT.ok.
 */
export async function runPlanCommand(opts: CommonOptions, args: PlanArgs, io: CliIo): Promise<number> {
  const result = await compileForCli(opts, io);
  if (!result.ok || !result.plan || !result.project) {
    if (args.timings) io.stderr.write(renderTimings(result.timings, result));
    return EXIT.diagnostics;
  }
  const diffStart = performance.now();
  const published = await readPublishedPlan(result.project.lakeDir);
  const diff = published.plan || !published.runId ? diffPlans(published.plan, result.plan) : undefined;
  const plan: Plan = published.runId && published.plan
    ? { ...result.plan, basedOn: { runId: published.runId, planFingerprint: published.plan.fingerprint } }
    : result.plan;
  const start = performance.now();
  // With --json the text is needed anyway: emit it once; otherwise stream it to the file.
  const text = opts.json ? emitPlan(plan) : undefined;
  if (text !== undefined) await writeFile(args.out, text);
  else writePlanFile(args.out, plan);
  if (args.timings) io.stderr.write(renderTimings({ ...result.timings, diff: start - diffStart, emit: performance.now() - start }, result));
  const diffOut = opts.json ? io.stderr : io.stdout;
  const report = renderAgainstPublished(published.runId, diff, colorFor(diffOut, io.env));
  if (published.error) io.stderr.write(`warning: the plan of published run ${published.runId} cannot be read, so this plan is not compared with it: ${published.error}\n`);
  if (text !== undefined) {
    io.stdout.write(text);
    io.stderr.write(report);
  } else io.stdout.write(renderPlanText(plan) + '\n' + report + `wrote ${args.out}\n`);
  if (args.schedule) {
    const { predictPlanSchedule } = await import('./plan-schedule.js');
    const predicted = await predictPlanSchedule(plan, result.project.projectDir, result.project.lakeDir, args.profile, io.env);
    (opts.json ? io.stderr : io.stdout).write('\n' + predicted.text);
  }
  // A published plan that cannot be read: changes cannot be ruled out.
  return diff ? diffExitCode(diff, args.detailedExitcode === true) : args.detailedExitcode ? EXIT_CHANGES : EXIT.ok;
}

/** The lake's active run and the plan it applied; `error` when that plan cannot be read (e.g. an older format). */
interface PublishedPlan {
  readonly runId?: string;
  readonly plan?: Plan;
  readonly error?: string;
}

/** Reads `<lake>/active`'s `_plan.json`; `{}` when nothing is published. Never throws on a bad file. */
async function readPublishedPlan(lakeDir: string): Promise<PublishedPlan> {
  const lake = lakeLayout(lakeDir);
  const runId = await activeRunId(lake);
  if (!runId) return {};
  try {
    return { runId, plan: await readPlanFile(join(runDir(lake, runId), RUN_PLAN_FILE)) };
  } catch (e) {
    if (!(e instanceof LakecError)) throw e;
    return { runId, error: `${e.diagnostic.code}: ${e.diagnostic.message}` };
  }
}

/** The diff against the published run as text; a note when nothing is published; '' when its plan was unreadable. */
function renderAgainstPublished(runId: string | undefined, diff: PlanDiff | undefined, color: boolean): string {
  if (!runId) return 'no published run: every model is new\n';
  return diff ? `against published run ${runId}:\n${renderDiffText(diff, { color })}` : '';
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
