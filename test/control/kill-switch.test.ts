// Kill switches across processes, as operators use them: `lakec apply` runs in its own process on the
// Discogs samples with a 60x masters dump (real records, ids shifted, by ../shared/tools/make_big_discogs);
// while masters is being ingested, `lakec disable` switches off that stage and a later one. The running
// apply must cancel masters within a second (partial output removed), skip the later stage and
// everything downstream of either, finish the rest, end `halted` and promote nothing; after
// `lakec enable`, an apply completes. One worker and `focus` with masters critical make the order
// fixed: masters runs first and every other stage waits for it, so the later stage is still pending.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../runtime/control/audit-record.js';
import type { RunManifest } from '../../runtime/lake/manifest.js';
import { builtLakec } from '../support/dist-bin.js';
import { DISCOGS_SAMPLES, REPO } from '../support/paths.js';
import { configureProject } from '../support/configure-project.js';
import { copyProject, copySamples } from '../support/project-copy.js';
import { runCli } from '../support/run-cli.js';

const COPIES = 60;

describe('kill switches honoured by a running apply (separate processes)', () => {
  const project = copyProject();
  configureProject(project, { root: 'schedule:\n  profile: focus\n  workers: 1', pipeline: '    stages:\n      masters: { priority: critical }' });
  const dumps = copySamples();
  const lake = join(mkdtempSync(join(tmpdir(), 'lakec-kill-')), 'lake');
  const cli = (...args: string[]) => runCli([...args, '--project', project, '--lake', lake, '--var', `discogs_dump_dir=${dumps}`], project);

  beforeAll(() => {
    const big = mkdtempSync(join(tmpdir(), 'lakec-big-'));
    execFileSync(join(REPO, '..', 'shared', 'tools', 'make_big_discogs'), [
      '--src-dir', DISCOGS_SAMPLES, '--out-dir', big, '--copies', String(COPIES), '--entities', 'masters', '--no-plain', '--gzip-level', '1',
    ], { stdio: 'ignore' });
    rmSync(join(dumps, 'discogs_20200806_masters.xml.gz'));
    for (const f of readdirSync(big)) cpSync(join(big, f), join(dumps, f));
  }, 120_000);

  it('disable mid-run: the stage in flight is cancelled within 1 s, a later one is skipped, the rest finishes, the run halts', async () => {
    const bin = builtLakec();
    const child = spawn(process.execPath, [bin, 'apply', '--project', project, '--lake', lake, '--var', `discogs_dump_dir=${dumps}`], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', done));
    for (let i = 0; i < 600 && !stderr.includes('start discogs.masters'); i++) await sleep(50);
    expect(stderr).toMatch(/start discogs\.masters/);
    await sleep(300);

    const off = await cli('disable', 'discogs.masters', '--reason', 'upstream dump is bad');
    expect(off.code).toBe(0);
    const flagSetAt = Date.now();
    expect((await cli('disable', 'discogs.release_genre_xref', '--reason', 'genre model under review')).code).toBe(0);
    const code = await exited;
    expect({ code, stdout }).toMatchObject({ code: 3 });
    expect(stdout).toMatch(/halted by kill switch/);

    const run = readdirSync(join(lake, '_runs'))[0]!;
    const runPath = join(lake, '_runs', run);
    const manifest = JSON.parse(readFileSync(join(runPath, '_manifest.json'), 'utf8')) as RunManifest;
    const audit = readFileSync(join(runPath, '_audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord);
    const cancelled = audit.find((a) => a.stage === 'discogs.masters')!;
    expect(cancelled).toMatchObject({ status: 'cancelled', error_code: 'CANCELLED' });
    const latency = Date.parse(cancelled.ended_at) - flagSetAt;
    console.log(`kill switch honoured ${latency} ms after lakec disable returned`);
    expect(latency).toBeLessThan(1000);

    const status = new Map(manifest.steps.map((s) => [s.id, s.status]));
    expect(manifest.status).toBe('halted');
    expect(manifest.halt?.scopes).toEqual(['discogs.masters', 'discogs.release_genre_xref']);
    expect(status.get('discogs.masters')).toBe('cancelled');
    expect(status.get('discogs.release_genre_xref')).toBe('disabled');
    // Downstream of either: skipped. Independent of both (releases and its other models): finished.
    for (const id of ['discogs.release_facts', 'discogs.genre_release_counts']) expect({ id, s: status.get(id) }).toEqual({ id, s: 'skipped' });
    for (const id of ['discogs.artists', 'discogs.labels', 'discogs.releases', 'discogs.releases_clean', 'discogs.release_label_xref', 'discogs.label_release_counts', 'discogs.artist_release_counts']) {
      expect({ id, s: status.get(id) }).toEqual({ id, s: 'succeeded' });
    }
    // Never promoted; the cancelled stage's partial output is gone.
    expect(existsSync(join(lake, 'active'))).toBe(false);
    expect(existsSync(join(runPath, 'bronze', 'masters'))).toBe(false);
    const shown = await cli('status', run);
    expect(shown.stdout).toMatch(/halted/);
    expect(shown.stdout).toMatch(/upstream dump is bad/);
  }, 120_000);

  it('after lakec enable, apply completes and promotes', async () => {
    expect((await cli('enable', 'discogs.masters')).code).toBe(0);
    expect((await cli('enable', 'discogs.release_genre_xref')).code).toBe(0);
    const r = await cli('apply');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/promoted: active -> _runs\//);
  }, 120_000);
});
