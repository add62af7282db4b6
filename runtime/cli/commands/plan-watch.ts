// cli/commands: `lakec plan --watch` — re-plans whenever a file of the project changes, reusing the
// parse and type results of unchanged models from memory (one compile cache for the whole session).
import { watch, type FSWatcher } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { compileProject, openCompileCache, writePlanFile, type CompileResult } from '../../../compiler/index.js';
import { EXIT, type CliIo } from '../cli-io.js';
import { printDiagnostics, type CommonOptions } from '../main.js';
import { renderTimings } from './plan-command.js';

/** Options of a watch session. */
export interface PlanWatchArgs {
  /** Absolute path of the plan file to (re)write. */
  readonly out: string;
  /** Quiet period after the last file event before re-planning, ms (editors write a file in several steps). */
  readonly debounceMs?: number;
  /** Ends the session (Ctrl-C in the CLI; tests abort it). */
  readonly signal?: AbortSignal;
  /** Also print each compile's phase times (ms) to stderr. */
  readonly timings?: boolean;
  /** Called after every compile with its outcome and wall time (ms, from the first event of the batch to the plan written). */
  readonly onPlanned?: (result: CompileResult, ms: number) => void;
}

/**
 * Compiles the project, writes the plan, then watches the project folder (recursively, ignoring
 * `.lakec/`, the plan file itself and dot-folders) and re-plans after each burst of changes. Each
 * re-plan prints one line to stderr: `re-planned in N ms (M of K models re-typed)` or the diagnostics.
 * A compile with errors leaves the last good plan file as it was. The compile cache stays in memory
 * for the session and is written to `<project>/.lakec/cache` once, when the session ends.
 * @returns EXIT.ok when the signal ends the session. Uses fs.watch (inotify on Linux).
 */
export async function runPlanWatch(opts: CommonOptions, args: PlanWatchArgs, io: CliIo): Promise<number> {
  const cache = openCompileCache(opts.cache ? join(opts.project, '.lakec', 'cache') : undefined, { writeEachSave: false });
  const outRelative = relative(opts.project, resolve(args.out));
  const plan = async (started: number, initial: boolean): Promise<void> => {
    const result = await compileProject({
      projectDir: opts.project, vars: opts.vars, env: io.env, ...(opts.lake ? { lakeDir: opts.lake } : {}), cache,
    });
    const hasError = printDiagnostics(io, result.diagnostics);
    const emitStart = performance.now();
    if (!hasError && result.plan) writePlanFile(args.out, result.plan);
    if (args.timings) io.stderr.write(renderTimings({ ...result.timings, emit: performance.now() - emitStart }, result));
    const ms = performance.now() - started;
    args.onPlanned?.(result, ms);
    if (hasError || !result.plan) io.stderr.write(`plan not written: fix the errors above (watching for changes)\n`);
    else {
      const i = result.inference;
      const typed = i ? ` (${i.fast + i.engine} of ${i.fast + i.engine + i.cached} models re-typed)` : '';
      io.stderr.write(`${initial ? 'planned' : 're-planned'} in ${ms.toFixed(0)} ms${typed}; wrote ${args.out}\n`);
    }
  };
  await plan(performance.now(), true);
  if (args.signal?.aborted) {
    cache.flush();
    return EXIT.ok;
  }

  let timer: NodeJS.Timeout | undefined;
  let firstEvent = 0;
  let running: Promise<void> | undefined;
  let again = false;
  const fire = (): void => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    const started = firstEvent;
    firstEvent = 0;
    running = plan(started, false).finally(() => {
      running = undefined;
      if (again) {
        again = false;
        firstEvent ||= performance.now();
        fire();
      }
    });
  };
  const watcher: FSWatcher = watch(opts.project, { recursive: true }, (_event, name) => {
    if (name === null || ignored(String(name), outRelative)) return;
    firstEvent ||= performance.now();
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, args.debounceMs ?? 10);
  });
  io.stderr.write(`watching ${opts.project} for changes (Ctrl-C to stop)\n`);
  await new Promise<void>((done) => {
    if (args.signal) args.signal.addEventListener('abort', () => done(), { once: true });
    else process.once('SIGINT', () => done());
  });
  watcher.close();
  if (timer) clearTimeout(timer);
  await running;
  cache.flush();
  return EXIT.ok;
}

/** Paths whose changes never affect the plan: lakec's own cache, the plan file, dot-folders, editor temporaries. */
function ignored(name: string, outRelative: string): boolean {
  if (name === outRelative) return true;
  const parts = name.split(sep);
  return parts.some((p) => p.startsWith('.')) || /(~|\.swp|\.tmp)$/.test(name);
}
