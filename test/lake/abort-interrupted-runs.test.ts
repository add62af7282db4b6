// abortInterruptedRuns on a lake built by hand: which runs it marks, what it writes, what it never touches.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abortInterruptedRuns } from '../../runtime/lake/abort-interrupted-runs.js';
import { lakeLayout, type LakeLayout } from '../../runtime/lake/lake-layout.js';
import type { RunManifest } from '../../runtime/lake/manifest.js';
import { listRuns } from '../../runtime/lake/list-runs.js';
import { treeDigest } from '../support/lake-snapshot.js';

const LEGACY = '20260101T080000000Z-111111'; // running, below a finished run: an older lakec's leftover
const PROMOTED = '20260101T090000000Z-222222';
const FAILED = '20260101T100000000Z-333333';
const KILLED = '20260101T110000000Z-444444';
const NO_MANIFEST = '20260101T120000000Z-555555';
const NOTHING = '20260101T130000005Z-666666';
const NOW = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

let root: string;
let lake: LakeLayout;

function manifest(runId: string, status: RunManifest['status']): RunManifest {
  return { manifestVersion: 2, runId, project: 'p', planFingerprint: 'f'.repeat(64), status, previousActive: null, startedAt: '2026-01-01T00:00:00.000Z', inputs: [], datasets: [], steps: [] };
}
function writeRun(runId: string, m: RunManifest | undefined, extra: Record<string, string> = {}): void {
  mkdirSync(join(lake.runsDir, runId, 'silver', 'x'), { recursive: true });
  if (m) writeFileSync(join(lake.runsDir, runId, '_manifest.json'), JSON.stringify(m, null, 2) + '\n');
  for (const [rel, text] of Object.entries(extra)) writeFileSync(join(lake.runsDir, runId, rel), text);
}
const read = (runId: string) => JSON.parse(readFileSync(join(lake.runsDir, runId, '_manifest.json'), 'utf8')) as RunManifest;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lakec-abort-'));
  lake = lakeLayout(root);
  writeRun(LEGACY, manifest(LEGACY, 'running'));
  writeRun(PROMOTED, manifest(PROMOTED, 'succeeded'), { 'silver/x/part-00000.parquet': 'data' });
  writeRun(FAILED, manifest(FAILED, 'failed'));
  writeRun(KILLED, { ...manifest(KILLED, 'running'), previousActive: PROMOTED }, { 'silver/x/part-00000.parquet': 'partial' });
  writeRun(NO_MANIFEST, undefined, { '_plan.json': JSON.stringify({ project: 'p', fingerprint: 'a'.repeat(64) }) });
  writeRun(NOTHING, undefined);
  symlinkSync(`_runs/${PROMOTED}`, lake.active);
  writeFileSync(lake.promotionsLog, JSON.stringify({ action: 'promote', runId: PROMOTED, previous: null, at: '2026-01-01T09:00:00.000Z' }) + '\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('abortInterruptedRuns', () => {
  it('marks the runs newer than the newest finished run aborted, durably, and nothing else', async () => {
    const before = treeDigest(root);
    expect(await abortInterruptedRuns(lake, NOW)).toEqual([KILLED, NO_MANIFEST, NOTHING]);

    const killed = read(KILLED);
    expect(killed).toMatchObject({ status: 'aborted', runId: KILLED, previousActive: PROMOTED, aborted: { at: '2026-01-02T03:04:05.000Z' }, error: { code: 'LK6412', severity: 'error' } });
    expect(read(NO_MANIFEST)).toMatchObject({ status: 'aborted', runId: NO_MANIFEST, project: 'p', planFingerprint: 'a'.repeat(64), startedAt: '2026-01-01T12:00:00.000Z', datasets: [] });
    expect(read(NOTHING)).toMatchObject({ status: 'aborted', project: '', planFingerprint: '', startedAt: '2026-01-01T13:00:00.005Z' });

    // Only those three manifests changed (written, not appended to; no temp file left); data files kept.
    const after = treeDigest(root);
    const changed = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]).sort();
    expect(changed).toEqual([`_runs/${KILLED}/_manifest.json`, `_runs/${NO_MANIFEST}/_manifest.json`, `_runs/${NOTHING}/_manifest.json`]);
    expect(readdirSync(join(lake.runsDir, KILLED)).sort()).toEqual(['_manifest.json', 'silver']);
    expect(read(LEGACY).status).toBe('running');

    // listRuns (lakec runs) shows them aborted with the diagnostic.
    const runs = await listRuns(root);
    expect(runs.find((r) => r.runId === KILLED)).toMatchObject({ status: 'aborted', error: expect.stringMatching(/^LK6412: /) as unknown });

    // Idempotent: nothing is running any more.
    expect(await abortInterruptedRuns(lake, NOW)).toEqual([]);
    expect(treeDigest(root)).toEqual(after);
  });

  it('never touches the active run or a promoted one, whatever its manifest says, and stops there', async () => {
    // A promoted run whose manifest says running cannot come from lakec; it is left alone all the same,
    // and so is everything older (it is finished).
    rmSync(join(lake.runsDir, FAILED), { recursive: true });
    writeFileSync(join(lake.runsDir, PROMOTED, '_manifest.json'), JSON.stringify(manifest(PROMOTED, 'running')));
    const promoted = treeDigest(join(lake.runsDir, PROMOTED));
    expect(await abortInterruptedRuns(lake, NOW)).toEqual([KILLED, NO_MANIFEST, NOTHING]);
    expect(treeDigest(join(lake.runsDir, PROMOTED))).toEqual(promoted);
    expect(read(LEGACY).status).toBe('running');
  });

  it('does nothing in a lake without runs', async () => {
    const empty = lakeLayout(join(root, 'empty'));
    expect(await abortInterruptedRuns(empty, NOW)).toEqual([]);
  });
});
