// `npm run test:crash`: the full crash campaign (100 kills by default) against the built CLI; prints the
// summary and exits 1 on any violation.
//   node dist/test/crash/run-crash.js [--kills N] [--per-history N] [--recover-every N] [--seed N]
import { APPLY_PHASES } from './apply-phases.js';
import { formatSummary, runCrashCampaign } from './crash-campaign.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a whole number >= 1`);
  return n;
};

const options = {
  kills: arg('kills', 100), killsPerHistory: arg('per-history', 25), recoverEvery: arg('recover-every', 1),
  // Every phase in turn: the five the harness is for, plus startup and the moment after promotion.
  aims: APPLY_PHASES, seed: arg('seed', Date.now() % 1_000_000), editModel: true, pipelines: 'both' as const,
};
const summary = await runCrashCampaign({ ...options, log: (line) => process.stderr.write(line + '\n') });
process.stdout.write(formatSummary(summary, options.aims) + '\n');
process.exitCode = summary.violations.length ? 1 : 0;
