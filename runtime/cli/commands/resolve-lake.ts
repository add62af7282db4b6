// cli/commands: the lake root for commands that do not compile: --lake, else `lake:` of the project.
import { loadProject } from '../../../compiler/index.js';
import type { CliIo } from '../cli-io.js';
import { printDiagnostics, type CommonOptions } from '../main.js';

/** Absolute lake root, or undefined after printing why it could not be determined. */
export function resolveLake(opts: CommonOptions, io: CliIo): string | undefined {
  if (opts.lake) return opts.lake;
  const loaded = loadProject({ projectDir: opts.project, vars: opts.vars, env: io.env });
  if (printDiagnostics(io, loaded.diagnostics) || !loaded.value) return undefined;
  return loaded.value.lakeDir;
}
