// `lakec disable` / `lakec enable` in process, against the shipped Discogs project and a temp lake.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lakeLayout } from '../../runtime/lake/lake-layout.js';
import { effectiveDisabled, readControl, withMetaStore } from '../../runtime/meta/meta-store.js';
import { REPO } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

describe('lakec disable / enable', () => {
  const lake = mkdtempSync(join(tmpdir(), 'lakec-ctl-'));
  const db = lakeLayout(lake).metaDb;
  const cli = (...argv: string[]) => runCli([...argv, '--project', REPO, '--lake', lake], REPO);

  it('disables a stage of a never-applied lake (filling the catalog first), then enables it', async () => {
    const off = await cli('disable', 'discogs.masters', '--reason', 'masters dump is truncated');
    expect(off.stderr).toBe('');
    expect(off.code).toBe(0);
    expect(off.stdout).toBe('disabled discogs.masters: masters dump is truncated (a running apply stops it within a second)\n');
    expect(await withMetaStore(db, async (e) => Number((await e.query('SELECT count(*) n FROM stages'))[0]!['n']))).toBe(40);
    let disabled = effectiveDisabled((await readControl(db)).flags);
    expect(disabled.get('discogs.masters')).toMatchObject({ reason: 'masters dump is truncated', origin: 'operator' });
    expect(disabled.get('discogs.masters')!.updatedBy).toMatch(/.+@.+/);

    const on = await cli('enable', 'discogs.masters', '--json');
    expect(on.code).toBe(0);
    const row = JSON.parse(on.stdout) as Record<string, unknown>;
    expect(row).toMatchObject({ scope: 'discogs.masters', origin: 'operator', disabled: false, reason: null });
    expect(row['updated_at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    disabled = effectiveDisabled((await readControl(db)).flags);
    expect(disabled.size).toBe(0);
  });

  it('notes when an enabled stage stays off because its pipeline is disabled', async () => {
    expect((await cli('disable', 'discogs', '--reason', 'maintenance')).code).toBe(0);
    const on = await cli('enable', 'discogs.labels');
    expect(on.code).toBe(0);
    expect(on.stdout).toContain('enabled discogs.labels\n');
    expect(on.stdout).toContain('note: discogs.labels stays disabled: pipeline discogs is disabled (operator: maintenance)');
    expect((await cli('enable', 'discogs', '--reason', 'done')).stdout).toBe('enabled discogs: done\n');
  });

  it('rejects an unknown scope with LK6411 and a suggestion', async () => {
    const r = await cli('disable', 'discogs.mastrs', '--reason', 'x');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error LK6411: unknown control scope "discogs.mastrs"');
    expect(r.stderr).toContain('did you mean "discogs.masters"?');
  });

  it('requires --reason to disable (usage error)', async () => {
    expect((await cli('disable', 'discogs.masters')).code).toBe(2);
  });
});
