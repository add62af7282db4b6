// `lakec status [RUN_ID]` on a hand-built lake: which run it picks, the header and step lines of a halted
// run, the JSON shape, and that a lake without a metadata store prints nothing about kill switches.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { ACTIVE, buildLake, HALTED, OLD, RUNNING } from './lake-fixture.js';

const lake = buildLake();
const status = (...args: string[]) => runCli(['status', ...args, '--lake', lake], lake);

describe('lakec status: which run', () => {
  it('shows the newest run by default; an interrupted run lists its steps from the audit log', async () => {
    const r = await status();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^run ${RUNNING}  running  \\(not active, never promoted\\)\n`));
    expect(r.stdout).toContain('in progress, or interrupted');
    expect(r.stdout).toContain('steps (from the audit log');
    expect(r.stdout).toMatch(/ok\s+shop\.items\s+7\s+1\.0\n/);
  });

  it('`active` is the run active points to, with attempts shown when more than one', async () => {
    const r = await status('active');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^run ${ACTIVE}  succeeded  \\(active, promoted\\)\n`));
    expect(r.stdout).toContain(`previous  ${OLD}\n`);
    expect(r.stdout).toContain('plan      ffffffffffff\n');
    expect(r.stdout).toMatch(/ok\s+shop\.items\s+2\s+1,234\s+1\.5\n/);
    expect(r.stdout).toMatch(/same\s+shop\.orders\s+56\n/);
    expect(r.stdout).toContain('2 step(s): 1 ok, 1 same\n');
  });

  it('an unknown run id is LK6401 with a did-you-mean over the run ids', async () => {
    const r = await status(HALTED.slice(0, -2) + 'xx');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error LK6401: unknown run "${HALTED.slice(0, -2)}xx"`);
    expect(r.stderr).toContain(`hint: did you mean "${HALTED}"?`);
  });

  it('a path-like argument is an unknown run, never a folder outside _runs', async () => {
    const r = await status('../_runs');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('LK6401');
  });

  it('a lake without runs says so and exits 1; `active` in a lake where nothing is active too', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lakec-empty-'));
    const none = await runCli(['status', '--lake', empty], empty);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`error LK6401: no runs in lake ${empty}`);
    expect(none.stderr).toContain('hint: run lakec apply first');
    const other = buildLake();
    rmSync(join(other, 'active'));
    const noActive = await runCli(['status', 'active', '--lake', other], other);
    expect(noActive.code).toBe(1);
    expect(noActive.stderr).toContain('nothing is active in this lake');
    expect(noActive.stderr).toContain(`the newest run is "${RUNNING}"`);
  });
});

describe('lakec status: a halted run', () => {
  it('shows the halt reason and scopes, and the disabled, cancelled and skipped steps with their reasons', async () => {
    const r = await status(HALTED);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^run ${HALTED}  halted  \\(not active, never promoted\\)\n`));
    expect(r.stdout).toContain('  error     CANCELLED  LK6410: run halted by a kill switch\n');
    expect(r.stdout).toContain('  halted    by shop, shop.orders: bad feed\n');
    expect(r.stdout).toContain('  stopped   shop.orders, shop.totals\n');
    expect(r.stdout).toMatch(/disabled\s+shop\.orders\s+kill switch shop\.orders: bad feed\n/);
    expect(r.stdout).toMatch(/cancelled\s+shop\.totals\s+0\.8\s+CANCELLED: kill switch shop: maintenance\n/);
    expect(r.stdout).toMatch(/skipped\s+shop\.report\s+depends on shop\.totals \(cancelled\)\n/);
    expect(r.stdout).toContain('4 step(s): 1 ok, 1 cancelled, 1 disabled, 1 skipped\n');
  });

  it('without a metadata store says nothing about kill switches and does not create one', async () => {
    const r = await status(HALTED);
    expect(r.stdout).not.toContain('no kill switches set');
    expect(r.stdout).not.toMatch(/^kill switches/m);
    expect(existsSync(join(lake, '_meta'))).toBe(false);
  });

  it('--json is one object { run, steps, flags }', async () => {
    const r = await status(HALTED, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { run: Record<string, unknown>; steps: { id: string; status: string; reason?: string }[]; flags: unknown };
    expect(Object.keys(doc)).toEqual(['run', 'steps', 'flags']);
    expect(doc.run).toMatchObject({
      runId: HALTED, status: 'halted', active: false, promoted: false, previousActive: ACTIVE, errorCode: 'CANCELLED',
      error: { code: 'LK6410' }, halt: { scopes: ['shop', 'shop.orders'], reason: 'bad feed', stages: ['shop.orders', 'shop.totals'] },
      durationMs: 12_500, stepsFromAudit: false,
    });
    expect(doc.steps.map((s) => [s.id, s.status])).toEqual([
      ['shop.items', 'succeeded'], ['shop.orders', 'disabled'], ['shop.totals', 'cancelled'], ['shop.report', 'skipped'],
    ]);
    expect(doc.flags).toEqual([]);
  });

  it('an older run without errorCode still shows its diagnostic', async () => {
    const r = await status(OLD, '--json');
    const doc = JSON.parse(r.stdout) as { run: { promoted: boolean; errorCode: unknown; halt: unknown } };
    expect(doc.run).toMatchObject({ promoted: true, errorCode: null, halt: null });
  });
});
