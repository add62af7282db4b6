// cli/commands: `lakec disable <scope> --reason TEXT` and `lakec enable <scope>`: an operator's kill
// switch, written to the metadata store (`control_flags`, origin 'operator'). A running apply polls the
// store and honours the change within a second.
import { suggestName, type Diagnostic } from '../../../compiler/index.js';
import { lakeLayout } from '../../lake/lake-layout.js';
import { effectiveDisabled, stageDisabledBy } from '../../meta/effective-disabled.js';
import { readCatalogScopes, type CatalogScopes } from '../../meta/read-catalog-scopes.js';
import { readControl } from '../../meta/read-control.js';
import { setControlFlag } from '../../meta/set-control-flag.js';
import { syncPlanToMeta } from '../../meta/sync-plan.js';
import { EXIT, type CliIo } from '../cli-io.js';
import { operatorName } from '../operator-name.js';
import { printDiagnostics, type CommonOptions } from '../main.js';
import { compileForCli } from './compile-for-cli.js';
import { resolveLake } from './resolve-lake.js';

/**
 * Sets (disabled = true) or lifts (false) the operator kill switch of `args.scope`, a pipeline name or
 * a stage id `<pipeline>.<stage>`. The scope is checked against the store's catalog; a store that was
 * never synced is filled from a fresh compile first.
 * @returns EXIT.ok; EXIT.diagnostics for an unknown scope (LK6411), a project that does not compile,
 *   or a store locked by another process (LK6405, thrown and rendered by main).
 */
export async function runControlCommand(opts: CommonOptions, args: { scope: string; disabled: boolean; reason?: string }, io: CliIo): Promise<number> {
  const lake = resolveLake(opts, io);
  if (!lake) return EXIT.diagnostics;
  const dbPath = lakeLayout(lake).metaDb;
  const scopes = await knownScopes(dbPath, opts, io);
  if (!scopes) return EXIT.diagnostics;
  if (!scopes.pipelines.includes(args.scope) && !scopes.stages.includes(args.scope)) {
    printDiagnostics(io, [unknownScope(args.scope, scopes)]);
    return EXIT.diagnostics;
  }
  const row = await setControlFlag(dbPath, { scope: args.scope, disabled: args.disabled, ...(args.reason !== undefined ? { reason: args.reason } : {}), by: operatorName() });
  if (opts.json) {
    io.stdout.write(JSON.stringify(row) + '\n');
    return EXIT.ok;
  }
  if (row.disabled) io.stdout.write(`disabled ${row.scope}: ${row.reason ?? ''} (a running apply stops it within a second)\n`);
  else io.stdout.write(`enabled ${row.scope}${row.reason ? `: ${row.reason}` : ''}\n`);
  if (!row.disabled) await noteStillDisabled(dbPath, row.scope, io);
  return EXIT.ok;
}

/** The store's scopes; when it has none (never applied), compiles the project and syncs the plan first. */
async function knownScopes(dbPath: string, opts: CommonOptions, io: CliIo): Promise<CatalogScopes | undefined> {
  const scopes = await readCatalogScopes(dbPath);
  if (scopes.pipelines.length || scopes.stages.length) return scopes;
  const compiled = await compileForCli(opts, io);
  if (!compiled.ok || !compiled.plan) return undefined;
  await syncPlanToMeta(dbPath, compiled.plan);
  return readCatalogScopes(dbPath);
}

function unknownScope(scope: string, scopes: CatalogScopes): Diagnostic {
  const hint = suggestName(scope, [...scopes.pipelines, ...scopes.stages], 'scope');
  return {
    code: 'LK6411', severity: 'error',
    message: `unknown control scope "${scope}": not a pipeline or stage (<pipeline>.<stage>) of the lake's catalog`,
    hint: `${hint ? `${hint}; ` : ''}the catalog is the one of the last apply or \`lakec catalog\``,
  };
}

/** After an enable: says so when the stage stays off because its pipeline is disabled. */
async function noteStillDisabled(dbPath: string, scope: string, io: CliIo): Promise<void> {
  const dot = scope.indexOf('.');
  if (dot < 0) return;
  const off = stageDisabledBy(effectiveDisabled((await readControl(dbPath)).flags), scope, scope.slice(0, dot));
  if (off) io.stdout.write(`note: ${scope} stays disabled: pipeline ${off.scope} is disabled (${off.why.origin}${off.why.reason ? `: ${off.why.reason}` : ''}); lakec enable ${off.scope} lifts it\n`);
}
