// cli/commands: `lakec profile` shows the scheduling profile applies use; `lakec profile set PROFILE`
// stores an operator's choice in the metadata store (settings.schedule_profile), which a running apply
// reads at its next poll and uses from its next scheduling decision; `lakec profile unset` goes back
// to the profile pipelines.yaml declares.
import { SCHEDULE_PROFILES, type ScheduleProfile } from '../../../compiler/index.js';
import { lakeLayout } from '../../lake/lake-layout.js';
import { PROFILE_SETTING } from '../../meta/exchange-with-meta.js';
import { readSetting, writeSetting } from '../../meta/settings.js';
import { EXIT, type CliIo } from '../cli-io.js';
import { operatorName } from '../operator-name.js';
import { UsageError, type CommonOptions } from '../main.js';
import { compileForCli } from './compile-for-cli.js';
import { resolveLake } from './resolve-lake.js';

/** What `lakec profile` was asked: show (no action), set a profile, or unset the operator's choice. */
export type ProfileArgs = { readonly action: 'show' } | { readonly action: 'set'; readonly profile: string } | { readonly action: 'unset' };

/**
 * Shows, sets or unsets the operator's scheduling profile.
 * @returns EXIT.ok; EXIT.diagnostics when the project does not compile (show needs the spec's default).
 * @throws UsageError for a profile that is not `balanced` or `focus`; LakecError LK6405 when another
 *   process holds the metadata store.
 */
export async function runProfileCommand(opts: CommonOptions, args: ProfileArgs, io: CliIo): Promise<number> {
  const lake = resolveLake(opts, io);
  if (!lake) return EXIT.diagnostics;
  const dbPath = lakeLayout(lake).metaDb;
  if (args.action === 'set') {
    if (!(SCHEDULE_PROFILES as readonly string[]).includes(args.profile)) throw new UsageError(`unknown profile "${args.profile}": choose ${SCHEDULE_PROFILES.join(' or ')}`);
    await writeSetting(dbPath, PROFILE_SETTING, args.profile, operatorName());
    if (opts.json) io.stdout.write(JSON.stringify({ profile: args.profile, origin: 'operator' }) + '\n');
    else io.stdout.write(`profile ${args.profile} (operator): a running apply uses it from its next scheduling decision\n`);
    return EXIT.ok;
  }
  if (args.action === 'unset') await writeSetting(dbPath, PROFILE_SETTING, null, operatorName());
  const operator = await readSetting(dbPath, PROFILE_SETTING);
  const compiled = await compileForCli(opts, io);
  if (!compiled.ok || !compiled.plan) return EXIT.diagnostics;
  const spec: ScheduleProfile = compiled.plan.schedule.profile;
  const effective = operator && (SCHEDULE_PROFILES as readonly string[]).includes(operator) ? operator : spec;
  const origin = effective === operator ? 'operator' : 'pipelines.yaml';
  if (opts.json) io.stdout.write(JSON.stringify({ profile: effective, origin, spec }) + '\n');
  else io.stdout.write(`profile ${effective} (${origin}${origin === 'operator' ? `; pipelines.yaml says ${spec}` : ''})\n`);
  return EXIT.ok;
}
