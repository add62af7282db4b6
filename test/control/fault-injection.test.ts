// Fault injection on the real Discogs samples: each failure is classified into its error code, healed
// or retried per the metadata, and the audit log (run folder and metadata store alike) tells the story
// attempt by attempt. A failure that is not healed leaves `active` and every earlier run untouched.
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../runtime/control/audit-record.js';
import { acquireLakeLock } from '../../runtime/lake/lake-lock.js';
import { lakeLayout } from '../../runtime/lake/lake-layout.js';
import { readAuditLog } from '../../runtime/meta/audit-log.js';
import { configureProject } from '../support/configure-project.js';
import { treeDigest } from '../support/lake-snapshot.js';
import { copyProject, copySamples } from '../support/project-copy.js';
import { runCli } from '../support/run-cli.js';

const FAST_RETRY = 'retry: { max_attempts: 3, backoff: exponential, delay: 20ms, jitter: 0 }';

function setup(yaml: { root?: string; pipeline?: string } = {}) {
  const project = copyProject();
  const dumps = copySamples();
  const lake = join(mkdtempSync(join(tmpdir(), 'lakec-ctl-')), 'lake');
  configureProject(project, yaml);
  const apply = (...extra: string[]) => runCli(['apply', '--project', project, '--lake', lake, '--var', `discogs_dump_dir=${dumps}`, ...extra], project);
  const audit = async (stage?: string): Promise<AuditRecord[]> => {
    const r = await runCli(['audit', '--lake', lake, '--json', ...(stage ? ['--stage', stage] : [])], project);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as AuditRecord[];
  };
  return { project, dumps, lake, apply, audit };
}

const story = (records: readonly AuditRecord[]) => records.map((r) => [r.attempt, r.status, r.error_code, r.transient, r.healing_action, r.healing_outcome]);
const runIds = (lake: string) => readdirSync(join(lake, '_runs')).sort();

describe('control plane fault injection (real Discogs samples)', () => {
  it('a source deleted before its stage is restored by a command healing action; the run promotes', async () => {
    const backup = mkdtempSync(join(tmpdir(), 'lakec-backup-'));
    const t = setup({
      root: FAST_RETRY,
      pipeline: '    healing:\n      - { on: SOURCE_UNAVAILABLE, stage: labels, action: command, command: [./restore-dump.sh], timeout: 10s }',
    });
    const dump = 'discogs_20200806_labels.xml.gz';
    renameSync(join(t.dumps, dump), join(backup, dump));
    const script = join(t.project, 'restore-dump.sh');
    writeFileSync(script, `#!/bin/sh\ncat > "${t.project}/heal-input.json"\ncp "${backup}/${dump}" "${t.dumps}/" && echo "restored ${dump}"\n`);
    chmodSync(script, 0o755);

    const r = await t.apply();
    expect(r.stderr).toMatch(/attempt 1 of discogs\.labels failed: SOURCE_UNAVAILABLE \(transient\).*-> command: healed \(.*restored discogs_20200806_labels\.xml\.gz\)/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/promoted: active -> _runs\//);

    const labels = await t.audit('discogs.labels');
    expect(story(labels)).toEqual([
      [1, 'failed', 'SOURCE_UNAVAILABLE', true, 'command', 'healed'],
      [2, 'succeeded', null, null, null, null],
    ]);
    expect(labels[0]!.message).toMatch(/no file matching "discogs_\*_labels\.xml\*"/);
    expect(labels[0]!.original_error).toMatch(/^LK6105: /);
    expect(labels[1]!.rows).toBeGreaterThan(0);
    // The command got the failure as JSON on stdin.
    const given = JSON.parse(readFileSync(join(t.project, 'heal-input.json'), 'utf8'));
    expect(given).toMatchObject({ stage: 'discogs.labels', pipeline: 'discogs', attempt: 1, code: 'SOURCE_UNAVAILABLE', transient: true });
    // Every other stage succeeded at the first attempt; the manifest counts the attempts.
    const all = await t.audit();
    expect(all.filter((a) => a.stage !== 'discogs.labels').every((a) => a.status === 'succeeded' && a.attempt === 1)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(t.lake, 'active', '_manifest.json'), 'utf8'));
    expect(manifest.steps.find((s: { id: string }) => s.id === 'discogs.labels')).toMatchObject({ status: 'succeeded', attempts: 2 });
    // The metadata store holds the same records as the run folder.
    const stored = await readAuditLog(lakeLayout(t.lake).metaDb, { runId: all[0]!.run_id });
    expect(stored).toEqual(all);
    const status = await runCli(['status', 'active', '--lake', t.lake], t.project);
    expect(status.stdout).toMatch(/discogs\.labels/);
  });

  it('a corrupt .gz is SOURCE_CORRUPT: permanent, not retried, the run fails and active is untouched', async () => {
    const t = setup({ root: FAST_RETRY });
    expect((await t.apply()).code).toBe(0);
    const active = readlinkSync(join(t.lake, 'active'));
    const before = treeDigest(t.lake);
    const file = join(t.dumps, 'discogs_20200806_releases.xml.gz');
    truncateSync(file, Math.floor(statSync(file).size / 2));

    const r = await t.apply();
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/failed \(SOURCE_CORRUPT\); active unchanged/);
    expect(r.stderr).toMatch(/LK6102/);
    expect(story(await t.audit('discogs.releases'))).toEqual([[1, 'failed', 'SOURCE_CORRUPT', false, null, null]]);
    expect((await t.audit('discogs.releases'))[0]!.retry_delay_ms).toBeNull();
    expect(readlinkSync(join(t.lake, 'active'))).toBe(active);
    const after = treeDigest(t.lake);
    for (const [path, digest] of Object.entries(before)) if (path !== '_promotions.jsonl') expect({ path, digest: after[path] }).toEqual({ path, digest });
    const runs = JSON.parse((await runCli(['runs', '--lake', t.lake, '--json'], t.project)).stdout) as { status: string; errorCode?: string }[];
    expect(runs[0]).toMatchObject({ status: 'failed', errorCode: 'SOURCE_CORRUPT' });
  });

  it('a tiny engine memory limit gives ENGINE_OUT_OF_MEMORY, which the built-in healing raises until the run succeeds', async () => {
    const t = setup();
    const r = await t.apply('--memory-limit', '16MB');
    expect(r.code).toBe(0);
    const all = await t.audit();
    const oom = all.filter((a) => a.error_code === 'ENGINE_OUT_OF_MEMORY');
    expect(oom.length).toBeGreaterThan(0);
    for (const a of oom) {
      expect(a).toMatchObject({ status: 'failed', transient: true, healing_action: 'raise_memory_limit', healing_outcome: 'healed' });
      expect(a.healing_detail).toMatch(/memory_limit raised from .+ to .+/);
    }
    // Each stage ends with a success, and no stage needed more than the action's 3 tries.
    const last = new Map(all.map((a) => [a.stage, a]));
    expect([...last.values()].every((a) => a.status === 'succeeded')).toBe(true);
    expect(Math.max(...all.map((a) => a.attempt))).toBeLessThanOrEqual(4);
  });

  it('a lake locked by another apply gives LOCK_CONFLICT: it waits per policy, then fails clearly; a released lock lets it through', async () => {
    const t = setup({
      root: 'retry: { max_attempts: 2, backoff: fixed, delay: 50ms, jitter: 0 }\nhealing:\n  - { on: LOCK_CONFLICT, action: wait_for_lock, timeout: 300ms }',
    });
    const held = await acquireLakeLock(lakeLayout(t.lake), { runId: null, command: 'lakec apply (the other one)' });
    const started = Date.now();
    const r = await t.apply();
    const waited = Date.now() - started;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/LK6406/);
    expect(r.stderr).toMatch(/lakec apply \(the other one\)/);
    expect(r.stderr).toMatch(/gave up after 2 attempts .*LOCK_CONFLICT/);
    expect(r.stderr).toMatch(/wait_for_lock: not_healed/);
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(existsSync(join(t.lake, '_runs'))).toBe(false);

    // Released while the second apply waits: wait_for_lock heals and the run goes ahead. The wait is
    // made long and the release late enough (3 s) that the apply has surely compiled and met the lock.
    const file = join(t.project, 'pipelines.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('timeout: 300ms', 'timeout: 30s'));
    setTimeout(() => void held.release(), 3000).unref();
    const t2 = await runCli(['apply', '--project', t.project, '--lake', t.lake, '--var', `discogs_dump_dir=${t.dumps}`], t.project);
    expect(t2.stderr).toMatch(/wait_for_lock: healed \(the lake lock was released after \d+ ms\)/);
    expect(t2.code).toBe(0);
    expect(runIds(t.lake)).toHaveLength(1);
    expect(existsSync(lakeLayout(t.lake).lockFile)).toBe(false);
  });

  describe('quarantine_rows answers VALIDATION_FAILED on a dataset no stage reads', () => {
    // 119 of the 1,000 sample releases have no release year: a strict error rule fails on them.
    const strictRule = '      - { id: release_facts_year_required, kind: not_null, dataset: release_facts, columns: [release_year], severity: error }\n';
    const quarantine = (ratio: number) => `    healing:\n      - { on: VALIDATION_FAILED, stage: release_facts, action: quarantine_rows, max_ratio: ${ratio} }`;

    it('under the threshold: failing rows move to release_facts__quarantine and the run promotes', async () => {
      const t = setup({ pipeline: quarantine(0.2) });
      appendFileSync(join(t.project, 'pipelines.yaml'), strictRule);
      const r = await t.apply();
      expect(r.code).toBe(0);
      const record = (await t.audit('discogs.release_facts')).find((a) => a.healing_action === 'quarantine_rows')!;
      expect(record).toMatchObject({ attempt: 0, status: 'failed', error_code: 'VALIDATION_FAILED', transient: false, healing_outcome: 'healed', rows: 881 });
      expect(record.healing_detail).toBe('moved 119 of 1000 rows of release_facts to release_facts__quarantine');
      const manifest = JSON.parse(readFileSync(join(t.lake, 'active', '_manifest.json'), 'utf8')) as { datasets: { name: string; rows: number }[]; validation: { results: { id: string; ok: boolean }[] } };
      expect(manifest.datasets.find((d) => d.name === 'release_facts')?.rows).toBe(881);
      expect(manifest.datasets.find((d) => d.name === 'release_facts__quarantine')?.rows).toBe(119);
      expect(manifest.validation.results.find((x) => x.id === 'release_facts_year_required')?.ok).toBe(true);
      const db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      const read = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjects();
      const gold = join(t.lake, 'active', 'gold');
      expect(await read(`SELECT count(*) AS n, count(*) FILTER (WHERE release_year IS NULL) AS missing FROM read_parquet('${gold}/release_facts/*.parquet')`)).toEqual([{ n: 881n, missing: 0n }]);
      expect(await read(`SELECT count(*) AS n, count(*) FILTER (WHERE release_year IS NULL AND _quarantine_rules = ['release_facts_year_required']) AS tagged FROM read_parquet('${gold}/release_facts__quarantine/*.parquet')`)).toEqual([{ n: 119n, tagged: 119n }]);
      c.closeSync();
      db.closeSync();
    });

    it('above the threshold: not healed, the run fails with VALIDATION_FAILED', async () => {
      const t = setup({ pipeline: quarantine(0.05) });
      appendFileSync(join(t.project, 'pipelines.yaml'), strictRule);
      const r = await t.apply();
      expect(r.code).toBe(3);
      expect(r.stdout).toMatch(/failed \(VALIDATION_FAILED\)/);
      const record = (await t.audit('discogs.release_facts')).find((a) => a.healing_action === 'quarantine_rows')!;
      expect(record).toMatchObject({ healing_outcome: 'not_healed' });
      expect(record.healing_detail).toMatch(/119 of 1000 rows of release_facts fail \(11\.9%\), above max_ratio 0\.05/);
      expect(existsSync(join(t.lake, 'active'))).toBe(false);
    });
  });
});
