// The scheduler on a real apply of the Discogs example over the real samples: the schedule recorded in
// the manifest obeys the same invariants as the simulator's (runtime/schedule/check-schedule.ts) —
// per-system concurrency and rate within the throttles, dependencies respected, no stage kept waiting
// while a worker and its systems were free, and under `focus` no non-critical stage started ahead of a
// ready critical one — and an operator's `lakec profile set` during the run takes effect mid-run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../compiler/index.js';
import { applyPlan } from '../../runtime/executor/apply-plan.js';
import type { ManifestSchedule } from '../../runtime/lake/manifest.js';
import { PROFILE_SETTING } from '../../runtime/meta/exchange-with-meta.js';
import { writeSetting } from '../../runtime/meta/settings.js';
import { lakeLayout } from '../../runtime/lake/lake-layout.js';
import {
  concurrencyViolations, coverageViolations, dependencyViolations, focusOrderViolations, idleWhileReadyViolations, rateViolations,
} from '../../runtime/schedule/check-schedule.js';
import { configureProject } from '../support/configure-project.js';
import { DISCOGS_SAMPLES } from '../support/paths.js';
import { copyProject } from '../support/project-copy.js';

/** Three workers over two throttled systems; the dumps system also rate-limited (bytes and rows). */
const SCHEDULE = [
  'schedule:',
  '  workers: 3',
  '  systems:',
  '    discogs-dumps: { max_concurrent: 1, bytes_per_second: 600KB, rows_per_second: 60000 }',
  '    lake: { max_concurrent: 3 }',
].join('\n');
/** A real apply's dispatch latency: a stage may wait this long after its last dependency ended. */
const TOLERANCE_MS = 150;

async function applyWith(profile: 'balanced' | 'focus', options: { switchTo?: 'balanced' | 'focus' } = {}) {
  const project = copyProject();
  configureProject(project, { root: `${SCHEDULE}\n  profile: ${profile}`, pipeline: '    stages:\n      release_facts: { priority: critical }' });
  const { plan } = await compileProject({ projectDir: project, vars: { discogs_dump_dir: DISCOGS_SAMPLES }, env: {} });
  const lakeDir = join(mkdtempSync(join(tmpdir(), 'lakec-sched-')), 'lake');
  let switched = false;
  const result = await applyPlan({
    plan: plan!, projectDir: project, lakeDir, pollIntervalMs: 100,
    onEvent: (e) => {
      if (options.switchTo && !switched && e.type === 'step-end') {
        switched = true;
        void writeSetting(lakeLayout(lakeDir).metaDb, PROFILE_SETTING, options.switchTo, 'test@host');
      }
    },
  });
  return { result, schedule: result.manifest.schedule! };
}

function checkInvariants(s: ManifestSchedule): void {
  expect(concurrencyViolations(s, s.throttles)).toEqual([]);
  expect(rateViolations(s, s.throttles)).toEqual([]);
  expect(dependencyViolations(s, s.tasks)).toEqual([]);
  expect(coverageViolations(s, s.tasks)).toEqual([]);
  expect(idleWhileReadyViolations(s, s.tasks, s.throttles, TOLERANCE_MS)).toEqual([]);
}

describe('the schedule of a real apply (Discogs samples, 3 workers, throttled systems)', () => {
  it('balanced: succeeds, and the recorded schedule keeps every invariant', async () => {
    const { result, schedule } = await applyWith('balanced');
    expect(result.status).toBe('succeeded');
    expect(schedule.profile).toBe('balanced');
    expect(schedule.entries).toHaveLength(result.manifest.steps.length);
    checkInvariants(schedule);
    // The rate limits were really in force: every dump byte went through the bucket, and it stayed within rate + burst.
    const bytes = schedule.rates.find((r) => r.system === 'discogs-dumps' && r.kind === 'bytes')!;
    expect(bytes.admitted).toBe(result.manifest.inputs.filter((i) => i.step.startsWith('discogs.')).reduce((n, i) => n + i.size, 0));
    expect(bytes.peakPerSecond).toBeLessThanOrEqual(bytes.ratePerSecond + bytes.capacity);
    // Stages really ran side by side.
    const overlapping = schedule.entries.some((a) => schedule.entries.some((b) => a !== b && a.startMs < b.endMs && b.startMs < a.endMs));
    expect(overlapping).toBe(true);
    console.log(`balanced: makespan ${schedule.makespanMs} ms, dumps peak ${bytes.peakPerSecond} B/s of ${bytes.ratePerSecond}`);
  }, 120_000);

  it('focus: no non-critical stage starts ahead of a ready critical-closure stage', async () => {
    const { result, schedule } = await applyWith('focus');
    expect(result.status).toBe('succeeded');
    checkInvariants(schedule);
    expect(focusOrderViolations(schedule, schedule.tasks, schedule.throttles)).toEqual([]);
    const facts = schedule.entries.find((e) => e.id === 'discogs.release_facts')!;
    console.log(`focus: release_facts done at ${facts.endMs} ms of ${schedule.makespanMs} ms`);
  }, 120_000);

  it('lakec profile set during the run: the next decisions use the new profile, and the manifest records the change', async () => {
    const { result, schedule } = await applyWith('balanced', { switchTo: 'focus' });
    expect(result.status).toBe('succeeded');
    expect(schedule.profile).toBe('balanced');
    expect(schedule.profileChanges.map((c) => c.profile)).toEqual(['focus']);
    checkInvariants(schedule);
  }, 120_000);
});
