// `lakec audit [RUN_ID] [--stage ID]` on a hand-built lake: the table, the stage filter, JSON, a torn
// last line skipped, and runs older than the audit log.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../runtime/control/audit-record.js';
import { readAuditFile } from '../../runtime/lake/read-audit-file.js';
import { runCli } from '../support/run-cli.js';
import { ACTIVE, ACTIVE_AUDIT, buildLake, HALTED } from './lake-fixture.js';

const lake = buildLake();
const audit = (...args: string[]) => runCli(['audit', ...args, '--lake', lake], lake);

describe('lakec audit', () => {
  it('prints one line per record in seq order, with error class, healing and retry delay', async () => {
    const r = await audit('active');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`run ${ACTIVE} (active): 3 audit record(s)`);
    expect(lines[1]).toMatch(/^SEQ\s+STAGE\s+TRY\s+STATUS\s+SECONDS\s+ROWS\s+ERROR\s+HEALING\s+RETRY\s+MESSAGE$/);
    expect(lines[2]).toMatch(/^\s+1\s+shop\.items\s+1\s+failed\s+0\.12\s+-\s+SOURCE_UNAVAILABLE transient\s+wait_for_lock→not_healed\s+2\.00s\s+source folder "dumps" does not exist$/);
    expect(lines[3]).toMatch(/^\s+2\s+shop\.items\s+2\s+succeeded\s+3\.40\s+1,234\s+-\s+-\s+-$/);
    expect(lines[4]).toMatch(/^\s+3\s+shop\.orders\s+1\s+succeeded/);
    expect(lines.slice(5)).toEqual(['']);
  });

  it('skips a torn last line and says so on stderr', async () => {
    const file = await readAuditFile(join(lake, '_runs', ACTIVE));
    expect(file?.records.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect(file?.skippedLines).toBe(1);
    const r = await audit(ACTIVE);
    expect(r.stderr).toBe('note: skipped 1 unreadable line(s) of _audit.jsonl (a write torn by a crash)\n');
  });

  it('--stage keeps only that stage', async () => {
    const r = await audit(ACTIVE, '--stage', 'shop.items');
    expect(r.stdout.split('\n')[0]).toBe(`run ${ACTIVE} (active): 2 audit record(s) of shop.items`);
    expect(r.stdout).not.toContain('shop.orders');
  });

  it('--stage with no records says so, with a did-you-mean', async () => {
    const r = await audit(ACTIVE, '--stage', 'shop.item');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`run ${ACTIVE}: no audit records for stage "shop.item"; did you mean "shop.items"?\n`);
  });

  it('--json prints the records as written, as a JSON array, filtered by --stage', async () => {
    const all = JSON.parse((await audit(ACTIVE, '--json')).stdout) as AuditRecord[];
    expect(all).toEqual(ACTIVE_AUDIT);
    const orders = JSON.parse((await audit(ACTIVE, '--json', '--stage', 'shop.orders')).stdout) as AuditRecord[];
    expect(orders).toEqual([ACTIVE_AUDIT[2]]);
    expect(orders[0]!.message).toBeNull();
  });

  it('a run without an audit log (older runs) says so and exits 0; --json prints []', async () => {
    const r = await audit(HALTED);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`run ${HALTED} has no audit log (_audit.jsonl): it predates audit logging\n`);
    const j = await audit(HALTED, '--json');
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toEqual([]);
    expect(j.stderr).toContain('has no audit log');
  });

  it('an unknown run is LK6401', async () => {
    const r = await audit('20990101T000000000Z-000000');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error LK6401: unknown run "20990101T000000000Z-000000"');
  });
});
