// cli/commands: `lakec docs` — writes the static documentation site (runtime/docs/) of the project:
// lineage at dataset and column level, dataset pages, run history, control flags. `--serve` then serves it.
import { resolve } from 'node:path';
import { buildDocsData } from '../../docs/build-docs-data.js';
import { readDocsInputs } from '../../docs/read-docs-inputs.js';
import { writeDocsSite } from '../../docs/write-docs-site.js';
import { EXIT, type CliIo } from '../cli-io.js';
import { printDiagnostics, type CommonOptions } from '../main.js';
import { compileForCli } from './compile-for-cli.js';

/** Arguments of `lakec docs`. */
export interface DocsArgs {
  /** Absolute output folder; default `<project>/lakec-docs`. */
  readonly out?: string;
  /** After writing, serve the site over HTTP until interrupted (or `signal` aborts). */
  readonly serve?: { readonly host: string; readonly port: number; readonly signal?: AbortSignal };
}

/**
 * Compiles the project, reads the lake's runs and the metadata store (when there are), and writes the
 * site. Prints the path of index.html, the file count, data size and time taken (ms). Exit 1 on compile errors.
 */
export async function runDocsCommand(opts: CommonOptions, args: DocsArgs, io: CliIo): Promise<number> {
  const t0 = performance.now();
  const result = await compileForCli(opts, io);
  if (!result.ok || !result.plan) return EXIT.diagnostics;
  const out = args.out ?? resolve(opts.project, 'lakec-docs');
  const inputs = await readDocsInputs(result.plan, opts.project, result.project?.lakeDir ?? opts.lake);
  const { index, details } = buildDocsData(inputs);
  const stats = await writeDocsSite(out, index, details);
  const ms = Math.round(performance.now() - t0);
  if (opts.json) io.stdout.write(JSON.stringify({ index: resolve(out, 'index.html'), files: stats.files, dataBytes: stats.dataBytes, ms }) + '\n');
  else io.stdout.write(`docs written: ${resolve(out, 'index.html')} (${stats.files} files, ${(stats.dataBytes / 1e6).toFixed(2)} MB of data, ${ms} ms)\n`);
  if (!args.serve) return EXIT.ok;
  const { serveDocsSite } = await import('../../docs/serve-docs-site.js');
  let server;
  try {
    server = await serveDocsSite(out, args.serve);
  } catch (e) {
    printDiagnostics(io, [{ code: 'LK6501', severity: 'error', message: `cannot serve the docs on ${args.serve.host}:${args.serve.port}: ${(e as Error).message}`, hint: 'pick another --port (0 takes any free one)' }]);
    return EXIT.runFailed;
  }
  io.stdout.write(`serving ${server.url} (Ctrl-C to stop)\n`);
  const signal = args.serve.signal;
  await new Promise<void>((done) => {
    if (signal) signal.addEventListener('abort', () => done(), { once: true });
    else process.once('SIGINT', () => done());
  });
  await server.close();
  return EXIT.ok;
}
