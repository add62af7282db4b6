// cli/commands: compile the project the way every command does, printing diagnostics.
import { join } from 'node:path';
import { compileProject, type CompileResult } from '../../../compiler/index.js';
import type { CliIo } from '../cli-io.js';
import { printDiagnostics, type CommonOptions } from '../main.js';

/** Compiles with the common options; prints diagnostics to stderr. `ok` is false when any is an error. */
export async function compileForCli(opts: CommonOptions, io: CliIo): Promise<CompileResult & { ok: boolean }> {
  const result = await compileProject({
    projectDir: opts.project, vars: opts.vars, env: io.env, ...(opts.lake ? { lakeDir: opts.lake } : {}),
    ...(opts.cache ? { cacheDir: join(opts.project, '.lakec', 'cache') } : {}),
  });
  const hasError = printDiagnostics(io, result.diagnostics);
  return { ...result, ok: !hasError && result.plan !== undefined };
}
