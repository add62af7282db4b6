// The crash campaign's reduced schedule (the full one is `npm run test:crash`): 20 SIGKILLs of a real
// `lakec apply --full` over the real Discogs samples, aimed in turn at ingestion, SQL, validation, report
// writing and promotion, each followed by the invariant checks of test/crash/lake-invariants.ts; a
// recovery apply after every 5 kills must succeed and mark the interrupted runs aborted.
import { describe, expect, it } from 'vitest';
import { formatSummary, runCrashCampaign } from './crash-campaign.js';
import type { ApplyPhase } from './apply-phases.js';

const AIMS: readonly ApplyPhase[] = ['ingest', 'sql', 'validation', 'report', 'promotion'];

describe('crash safety', () => {
  it('20 kills at random instants of every phase lose and change nothing published or earlier', async () => {
    const seed = Date.now() % 1_000_000;
    const summary = await runCrashCampaign({ kills: 20, killsPerHistory: 20, recoverEvery: 5, aims: AIMS, seed, editModel: false, pipelines: 'discogs' });
    process.stdout.write(formatSummary(summary, AIMS) + '\n');
    expect(summary.violations).toEqual([]);
    expect(summary.kills).toBeGreaterThanOrEqual(20);
    expect(summary.recoveries).toBeGreaterThanOrEqual(4);
    // Kills are aimed live from milestones, so they land where aimed unless the machine's speed changes
    // a lot between the timing apply and the kill; four of the five phases is the floor tolerated.
    const landed = new Set(summary.records.map((r) => r.landed));
    expect(AIMS.filter((p) => landed.has(p)).length).toBeGreaterThanOrEqual(4);
    // Every kill after the run folder existed and before promotion leaves a run that must end up aborted.
    expect(summary.abortedRuns).toBeGreaterThan(0);
  }, 300_000);
});
