// cli/: `lakec` — the only place that parses argv. A thin layer over compileProject / applyPlan:
// it reshapes flags, calls the library and renders results. Never calls process.exit.
import { Command, CommanderError, Option } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import { LakecError, InternalError, renderDiagnosticsText, type Diagnostic, type ScheduleProfile } from '../../compiler/index.js';
import { EXIT, type CliIo } from './cli-io.js';
import { durationMs } from '../../compiler/load/load-control.js';
// Command modules are imported when their command runs: `lakec plan` then never loads the engine.
const commands = {
  plan: () => import('./commands/plan-command.js'),
  planWatch: () => import('./commands/plan-watch.js'),
  apply: () => import('./commands/apply-command.js'),
  runs: () => import('./commands/runs-command.js'),
  rollback: () => import('./commands/rollback-command.js'),
  lineage: () => import('./commands/lineage-command.js'),
  profile: () => import('./commands/profile-command.js'),
  fetch: () => import('./commands/fetch-command.js'),
  catalog: () => import('./commands/catalog-command.js'),
  diff: () => import('./commands/diff-command.js'),
  control: () => import('./commands/control-command.js'),
  status: () => import('./commands/status-command.js'),
  audit: () => import('./commands/audit-command.js'),
  docs: () => import('./commands/docs-command.js'),
  bootstrap: () => import('./commands/bootstrap-command.js'),
};

/** Options shared by every command, after parsing. */
export interface CommonOptions {
  /** Absolute project folder. */
  readonly project: string;
  /** Absolute lake override, if given. */
  readonly lake?: string;
  readonly vars: Readonly<Record<string, string>>;
  readonly json: boolean;
  /** Use the compile cache in `<project>/.lakec/cache` (default true; `--no-cache`). */
  readonly cache: boolean;
}

/**
 * Runs the CLI with `argv` (arguments after the program name).
 * @returns the exit code (see EXIT in cli-io.ts). Never throws: bugs print as internal errors (exit 4).
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const setCode = (c: number) => {
    code = c;
  };
  const program = new Command('lakec')
    .description('Declarative lakehouse compiler: pipelines.yaml + SQL -> plan -> validated, atomically promoted run snapshots.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run lakec --help for usage)');

  const common = (cmd: Command): Command =>
    cmd
      .option('--project <dir>', 'project folder holding pipelines.yaml', '.')
      .option('--lake <dir>', 'lake root (overrides `lake:` in pipelines.yaml)')
      .addOption(new Option('--var <name=value>', 'set a project variable (repeatable)').argParser(collectVar).default({}))
      .option('--json', 'machine-readable output on stdout', false)
      .option('--no-cache', 'compile without reading or writing <project>/.lakec/cache');
  const wrap = (fn: (opts: CommonOptions, raw: Record<string, unknown>, args: string[]) => Promise<number>) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const raw = cmd.opts<Record<string, unknown>>();
      setCode(await fn(commonOptions(raw, io), raw, cmd.args));
    };

  common(program.command('plan').description('compile the project, print the DAG by layer and write plan.json'))
    .option('--out <file>', 'where to write the plan', 'plan.json')
    .option('--timings', 'print the time each compiler phase took to stderr', false)
    .option('--watch', 're-plan whenever a project file changes, reusing unchanged models from memory (Ctrl-C stops)', false)
    .option('--detailed-exitcode', 'exit 2 when the plan differs from the published run (0 no changes, 1 error)', false)
    .option('--schedule', 'also print the predicted schedule: a text Gantt per system from cost estimates of earlier runs', false)
    .addOption(new Option('--profile <profile>', 'with --schedule: the profile to predict (default: the one applies would use)').choices(['balanced', 'focus']))
    .action(wrap(async (opts, raw) => raw['watch'] === true
      ? (await commands.planWatch()).runPlanWatch(opts, { out: abs(io, String(raw['out'])), timings: raw['timings'] === true }, io)
      : (await commands.plan()).runPlanCommand(opts, { out: abs(io, String(raw['out'])), timings: raw['timings'] === true, detailedExitcode: raw['detailedExitcode'] === true,
        schedule: raw['schedule'] === true, ...(raw['profile'] ? { profile: raw['profile'] as ScheduleProfile } : {}) }, io)));
  common(program.command('diff').description('what changed between two plans: steps added, removed, modified (breaking or not), datasets, rules').argument('<old>', 'the base plan.json').argument('<new>', 'the new plan.json'))
    .option('--markdown', 'Markdown for a pull-request comment (at most 65,000 characters)', false)
    .option('--detailed-exitcode', 'exit 2 when the plans differ (0 no changes, 1 error)', false)
    .action(wrap(async (opts, raw, args) => {
      if (opts.json && raw['markdown'] === true) throw new UsageError('--json and --markdown cannot be combined');
      return (await commands.diff()).runDiffCommand(opts, {
        oldFile: abs(io, args[0]!), newFile: abs(io, args[1]!), format: opts.json ? 'json' : raw['markdown'] === true ? 'markdown' : 'text',
        detailedExitcode: raw['detailedExitcode'] === true,
      }, io);
    }));
  common(program.command('apply').description('compile (or read PLAN), execute into a new run snapshot, validate, promote').argument('[plan]', 'a plan.json written by lakec plan'))
    .option('--memory-limit <size>', "DuckDB memory limit, e.g. '4GB'")
    .option('--full', 'rebuild every dataset instead of reusing unchanged ones from the active run', false)
    .option('--workers <n>', 'stages run at once at most (default: schedule.workers, else the cores between 2 and 8)', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--workers ${v}: give a whole number from 1 to 64`);
      return n;
    })
    .option('--lock-wait <duration>', 'how long to wait while another apply holds the lake, e.g. 10m (0: fail at once with LK6406); default: the project\'s LOCK_CONFLICT policy', (v: string) => {
      if (!/^[0-9]+(\.[0-9]+)?(ms|s|m|h|d)?$/.test(v)) throw new UsageError(`--lock-wait ${v}: give a duration such as 0, 30s, 10m or 1h`);
      return durationMs(/[a-z]$/.test(v) ? v : Number(v));
    })
    .action(wrap(async (opts, raw, args) => (await commands.apply()).runApplyCommand(opts, {
      ...(args[0] ? { planFile: abs(io, args[0]) } : {}), ...(raw['memoryLimit'] ? { memoryLimit: String(raw['memoryLimit']) } : {}), full: raw['full'] === true,
      ...(typeof raw['workers'] === 'number' ? { workers: raw['workers'] } : {}), ...(typeof raw['lockWait'] === 'number' ? { lockWaitMs: raw['lockWait'] } : {}),
    }, io)));
  common(program.command('runs').description('list the runs of the lake, newest first'))
    .action(wrap(async (opts) => (await commands.runs()).runRunsCommand(opts, io)));
  common(program.command('rollback').description('point active back at the run promoted before the current one'))
    .action(wrap(async (opts) => (await commands.rollback()).runRollbackCommand(opts, io)));

  common(program.command('status').description('a run stage by stage (default: the newest run), and the kill switches in force').argument('[run_id]', 'a run id, or `active`'))
    .action(wrap(async (opts, _raw, args) => (await commands.status()).runStatusCommand(opts, { ...(args[0] ? { runId: args[0] } : {}) }, io)));
  common(program.command('audit').description('the audit log of a run (default: the newest run): every attempt of every stage, with error codes, healing and retries').argument('[run_id]', 'a run id, or `active`'))
    .option('--stage <id>', 'only this stage (<pipeline>.<stage>)')
    .action(wrap(async (opts, raw, args) => (await commands.audit()).runAuditCommand(opts, { ...(args[0] ? { runId: args[0] } : {}), ...(raw['stage'] ? { stage: String(raw['stage']) } : {}) }, io)));
  common(program.command('disable').description('kill switch: stop a pipeline or stage; a running apply honours it within a second').argument('<scope>', '<pipeline> or <pipeline>.<stage>'))
    .requiredOption('--reason <text>', 'why (recorded in the metadata store and the run)')
    .action(wrap(async (opts, raw, args) => (await commands.control()).runControlCommand(opts, { scope: args[0]!, disabled: true, reason: String(raw['reason']) }, io)));
  common(program.command('enable').description('lift a kill switch set with lakec disable (or in pipelines.yaml)').argument('<scope>', '<pipeline> or <pipeline>.<stage>'))
    .option('--reason <text>', 'why (recorded in the metadata store)')
    .action(wrap(async (opts, raw, args) => (await commands.control()).runControlCommand(opts, { scope: args[0]!, disabled: false, ...(raw['reason'] ? { reason: String(raw['reason']) } : {}) }, io)));

  common(program.command('profile').description('show the scheduling profile applies use; `profile set balanced|focus` sets the operator\'s choice (running applies use it from their next scheduling decision); `profile unset` goes back to pipelines.yaml\'s')
    .argument('[action]', 'set or unset').argument('[profile]', 'with set: balanced or focus'))
    .action(wrap(async (opts, _raw, args) => {
      const [action, name] = args;
      if (action === undefined) return (await commands.profile()).runProfileCommand(opts, { action: 'show' }, io);
      if (action === 'unset' && name === undefined) return (await commands.profile()).runProfileCommand(opts, { action: 'unset' }, io);
      if (action === 'set' && name !== undefined) return (await commands.profile()).runProfileCommand(opts, { action: 'set', profile: name }, io);
      throw new UsageError('usage: lakec profile [set balanced|focus | unset]');
    }));

  common(program.command('fetch').description('download a month\'s Discogs dumps idempotently (skip what is complete, .part then rename, verify the published checksums)').argument('<dataset>', 'discogs'))
    .requiredOption('--month <YYYY-MM>', 'the month whose last published dump to fetch')
    .option('--out <dir>', 'where to put the dumps (default: $DISCOGS_DUMP_DIR, else raw/discogs)')
    .option('--base-url <url>', 'the S3 endpoint serving the discogs-data-dumps bucket (default: AWS_ENDPOINT_URL, else Discogs\' own)')
    .action(wrap(async (opts, raw, args) => {
      if (args[0] !== 'discogs') throw new UsageError(`lakec fetch ${args[0] ?? ''}: only "discogs" can be fetched`);
      return (await commands.fetch()).runFetchCommand(opts, {
        dataset: 'discogs', month: String(raw['month']), ...(raw['out'] ? { out: abs(io, String(raw['out'])) } : {}), ...(raw['baseUrl'] ? { baseUrl: String(raw['baseUrl']) } : {}),
      }, io);
    }));

  common(program.command('lineage').description('column-level lineage: of a dataset or column in the project, or of one SQL file').argument('[target]', 'DATASET or DATASET.COLUMN'))
    .option('--upstream', 'only what feeds the target', false)
    .option('--downstream', 'only what the target feeds', false)
    .option('--indirect', 'also follow INDIRECT edges (joins, filters, grouping, sorting, windows, conditions)', false)
    .option('--sql <file>', 'lineage of one SQL file instead of the project')
    .option('--schema <file>', 'with --sql: {"table": {"column": "TYPE", ...}, ...}')
    .option('--routes', 'list the routes to the target dataset (primary locations and recovery routes) in preference order, with their availability now', false)
    .action(wrap(async (opts, raw, args) => (await commands.lineage()).runLineageCommand(opts, {
      routes: raw['routes'] === true,
      ...(args[0] ? { target: args[0] } : {}),
      ...(raw['sql'] ? { sqlFile: abs(io, String(raw['sql'])) } : {}),
      ...(raw['schema'] ? { schemaFile: abs(io, String(raw['schema'])) } : {}),
      upstream: raw['upstream'] === true, downstream: raw['downstream'] === true, indirect: raw['indirect'] === true,
    }, io)));

  common(program.command('catalog').description('fill the metadata catalog (pipelines, stages, sources, targets, rules, lineage) as JSON and DuckDB tables'))
    .option('--out <file>', 'also write the catalog as JSON')
    .option('--db <file>', 'DuckDB database to write (default <lake>/_meta/lakec.duckdb)')
    .action(wrap(async (opts, raw) => (await commands.catalog()).runCatalogCommand(opts, { ...(raw['out'] ? { out: abs(io, String(raw['out'])) } : {}), ...(raw['db'] ? { db: abs(io, String(raw['db'])) } : {}) }, io)));

  common(program.command('docs').description('write a static documentation site: lineage (datasets and columns), dataset pages, runs, control flags'))
    .option('--out <dir>', 'where to write the site (default <project>/lakec-docs)')
    .option('--serve', 'then serve it over HTTP until Ctrl-C')
    .option('--host <host>', 'address --serve binds (default 127.0.0.1)', '127.0.0.1')
    .option('--port <n>', 'port --serve listens on (default 8080; 0: any free port)', '8080')
    .action(wrap(async (opts, raw) => (await commands.docs()).runDocsCommand(opts, {
      ...(raw['out'] ? { out: abs(io, String(raw['out'])) } : {}),
      ...(raw['serve'] ? { serve: { host: String(raw['host']), port: Number(raw['port']) } } : {}),
    }, io)));
  common(program.command('bootstrap').description('write what a Trino cluster needs to query the lake: Hive-connector DDL for every dataset and every model as Trino SQL').argument('<engine>', 'trino'))
    .option('--out <dir>', 'output folder (default <project>/trino): ddl.sql and models/<layer>/<dataset>.sql')
    .option('--location <uri>', 'the lake root as the cluster reads it, e.g. s3://bucket/lake (default file://<absolute lake>)')
    .option('--catalog <name>', 'the Trino catalog of the Hive connector', 'hive')
    .action(wrap(async (opts, raw, args) => {
      if (args[0] !== 'trino') throw new UsageError(`lakec bootstrap ${args[0] ?? ''}: only "trino" is supported`);
      const catalog = String(raw['catalog']);
      if (!/^[a-z_][a-z0-9_]*$/.test(catalog)) throw new UsageError(`--catalog ${catalog}: give a lower-case identifier`);
      return (await commands.bootstrap()).runBootstrapCommand(opts, {
        engine: 'trino', catalog, ...(raw['out'] ? { out: abs(io, String(raw['out'])) } : {}), ...(raw['location'] ? { location: String(raw['location']) } : {}),
      }, io);
    }));

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof UsageError) {
      io.stderr.write(`error: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof LakecError) {
      io.stderr.write(renderDiagnosticsText([e.diagnostic]));
      return EXIT.diagnostics;
    }
    const kind = e instanceof InternalError ? 'internal error' : 'unexpected error';
    io.stderr.write(`lakec: ${kind} (a bug in lakec; please report it): ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return EXIT.internal;
  }
}

/** A command-line mistake (exit 2). */
export class UsageError extends Error {}

function collectVar(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UsageError(`--var expects NAME=VALUE, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function abs(io: CliIo, p: string): string {
  return isAbsolute(p) ? p : resolve(io.cwd, p);
}

function commonOptions(raw: Record<string, unknown>, io: CliIo): CommonOptions {
  return {
    project: abs(io, String(raw['project'] ?? '.')),
    ...(raw['lake'] ? { lake: abs(io, String(raw['lake'])) } : {}),
    vars: (raw['var'] as Record<string, string>) ?? {},
    json: raw['json'] === true,
    cache: raw['cache'] !== false,
  };
}

/** Prints diagnostics to stderr (text) and returns whether any is an error. */
export function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[]): boolean {
  if (diagnostics.length) io.stderr.write(renderDiagnosticsText(diagnostics));
  return diagnostics.some((d) => d.severity === 'error');
}
