// The pure renderers of `lakec status` and `lakec audit`: kill switch sections and message fitting,
// checked without a lake.
import { describe, expect, it } from 'vitest';
import { renderAuditText } from '../../runtime/cli/render-audit.js';
import { renderStatusJson, renderStatusText, type RunStatusReport } from '../../runtime/cli/render-status.js';
import { auditRecord } from './lake-fixture.js';

const base: RunStatusReport = { runId: '20260101T000000000Z-abcdef', active: false, promoted: false, manifest: undefined, steps: [], stepsFromAudit: false, killSwitches: { kind: 'absent' } };

describe('renderStatusText: kill switches', () => {
  it.each([
    ['absent', { kind: 'absent' } as const, undefined],
    ['none set', { kind: 'read', switches: [] } as const, '\nkill switches\n  (no kill switches set)\n'],
    ['locked', { kind: 'locked', note: 'not shown: locked' } as const, '\nkill switches: not shown: locked\n'],
    ['set', {
      kind: 'read', switches: [
        { scope: 'shop', origin: 'spec', reason: null, updatedBy: null },
        { scope: 'shop.orders', origin: 'operator', reason: 'bad feed', updatedBy: 'alice' },
      ],
    } as const, '\nkill switches\n  shop         disabled in pipelines.yaml\n  shop.orders  disabled by alice: bad feed\n'],
  ])('%s', (_name, killSwitches, tail) => {
    const text = renderStatusText({ ...base, killSwitches });
    if (tail === undefined) expect(text).not.toContain('kill switches');
    else expect(text.endsWith(tail)).toBe(true);
  });

  it('a run without a manifest is shown as unknown', () => {
    expect(renderStatusText(base)).toContain('unknown  (not active, never promoted)\n  no readable manifest');
  });

  it('JSON: flags [] when absent, null with a note when locked', () => {
    expect(JSON.parse(renderStatusJson(base))).toMatchObject({ run: { status: 'unknown' }, steps: [], flags: [] });
    const locked = JSON.parse(renderStatusJson({ ...base, killSwitches: { kind: 'locked', note: 'n' } }));
    expect(locked).toMatchObject({ flags: null, flagsNote: 'n' });
  });
});

describe('renderAuditText', () => {
  const records = [auditRecord({ run_id: 'r', seq: 1, stage: 'p.s', status: 'failed', message: 'x'.repeat(200) + '\nsecond line' })];

  it('keeps the whole message on one line without a width', () => {
    const line = renderAuditText(records).split('\n')[1]!;
    expect(line.endsWith('x second line')).toBe(true);
  });

  it('cuts the message to the width with an ellipsis', () => {
    const lines = renderAuditText(records, { width: 100 }).split('\n');
    expect(lines[1]!.length).toBe(100);
    expect(lines[1]!.endsWith('x…')).toBe(true);
  });

  it('nothing for no records', () => {
    expect(renderAuditText([])).toBe('');
  });
});
