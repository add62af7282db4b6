// Test support for test/cli-status: a lake built by hand (manifests, audit logs, `active`, promotions),
// no engine involved. Run ids sort by time: FAILED < OLD < ACTIVE < HALTED < RUNNING (the newest).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditRecord } from '../../runtime/control/audit-record.js';
import type { ManifestStep, RunManifest } from '../../runtime/lake/manifest.js';

export const FAILED = '20260101T090000000Z-0f0f0f';
export const OLD = '20260101T100000000Z-aaaaaa';
export const ACTIVE = '20260102T100000000Z-bbbbbb';
export const HALTED = '20260103T100000000Z-cccccc';
export const RUNNING = '20260104T100000000Z-dddddd';

const FP = 'f'.repeat(12) + '0'.repeat(52);

function manifest(runId: string, status: RunManifest['status'], steps: ManifestStep[], extra: Partial<RunManifest> = {}): RunManifest {
  return {
    manifestVersion: 2, runId, project: 'shop_project', planFingerprint: FP, status, previousActive: null,
    startedAt: '2026-01-01T10:00:00.000Z', ...(status === 'running' ? {} : { finishedAt: '2026-01-01T10:00:12.500Z', durationMs: 12_500 }),
    inputs: [], datasets: [], steps, ...extra,
  };
}

/** An audit record with defaults for every field not given. */
export function auditRecord(r: Partial<AuditRecord> & Pick<AuditRecord, 'run_id' | 'seq' | 'stage'>): AuditRecord {
  return {
    pipeline: r.stage.split('.')[0]!, attempt: 1, status: 'succeeded', started_at: '2026-01-02T10:00:00.000Z',
    ended_at: '2026-01-02T10:00:01.000Z', duration_ms: 1000, rows: null, bytes: null, error_code: null, transient: null,
    message: null, original_error: null, healing_action: null, healing_outcome: null, healing_detail: null, retry_delay_ms: null, ...r,
  };
}

/** The audit log of ACTIVE: shop.items failed once (transient, healed, retried), then four successes. */
export const ACTIVE_AUDIT: readonly AuditRecord[] = [
  auditRecord({
    run_id: ACTIVE, seq: 1, stage: 'shop.items', status: 'failed', error_code: 'SOURCE_UNAVAILABLE', transient: true,
    message: 'source folder "dumps" does not exist', healing_action: 'wait_for_lock', healing_outcome: 'not_healed', retry_delay_ms: 2000, duration_ms: 120,
  }),
  auditRecord({ run_id: ACTIVE, seq: 2, stage: 'shop.items', attempt: 2, rows: 1234, duration_ms: 3400 }),
  auditRecord({ run_id: ACTIVE, seq: 3, stage: 'shop.orders', rows: 56 }),
];

/** Writes the lake into a new temp folder and returns its root. */
export function buildLake(): string {
  const lake = mkdtempSync(join(tmpdir(), 'lakec-status-'));
  const runs = join(lake, '_runs');
  const write = (runId: string, m: RunManifest, audit?: string) => {
    mkdirSync(join(runs, runId), { recursive: true });
    writeFileSync(join(runs, runId, '_manifest.json'), JSON.stringify(m, null, 2) + '\n');
    if (audit !== undefined) writeFileSync(join(runs, runId, '_audit.jsonl'), audit);
  };
  const ok = (id: string, rows: number, extra: Partial<ManifestStep> = {}): ManifestStep => ({ id, kind: 'model', status: 'succeeded', rows, durationMs: 1500, attempts: 1, ...extra });
  write(FAILED, manifest(FAILED, 'failed', [ok('shop.items', 10), { id: 'shop.orders', kind: 'model', status: 'failed', errorCode: 'ENGINE_ERROR', error: { code: 'LK6201', severity: 'error', message: 'conversion error' } }], {
    errorCode: 'VALIDATION_FAILED', error: { code: 'LK6301', severity: 'error', message: '1 validation rule(s) with severity error failed: orders_not_null' },
  }));
  write(OLD, manifest(OLD, 'succeeded', [ok('shop.items', 10), ok('shop.orders', 5)]));
  write(ACTIVE, manifest(ACTIVE, 'succeeded', [ok('shop.items', 1234, { kind: 'ingest', attempts: 2 }), { id: 'shop.orders', kind: 'model', status: 'reused', rows: 56 }], { previousActive: OLD }),
    ACTIVE_AUDIT.map((r) => JSON.stringify(r)).join('\n') + '\n{"run_id":"' + ACTIVE + '","seq":4,"sta');
  write(HALTED, manifest(HALTED, 'halted', [
    ok('shop.items', 1234),
    { id: 'shop.orders', kind: 'model', status: 'disabled', reason: 'kill switch shop.orders: bad feed' },
    { id: 'shop.totals', kind: 'model', status: 'cancelled', attempts: 1, durationMs: 800, errorCode: 'CANCELLED', reason: 'kill switch shop: maintenance' },
    { id: 'shop.report', kind: 'model', status: 'skipped', reason: 'depends on shop.totals (cancelled)' },
  ], {
    previousActive: ACTIVE, errorCode: 'CANCELLED', error: { code: 'LK6410', severity: 'error', message: 'run halted by a kill switch' },
    halt: { scopes: ['shop', 'shop.orders'], reason: 'bad feed', stages: ['shop.orders', 'shop.totals'] },
  }));
  write(RUNNING, manifest(RUNNING, 'running', [], { previousActive: ACTIVE }),
    JSON.stringify(auditRecord({ run_id: RUNNING, seq: 1, stage: 'shop.items', rows: 7 })) + '\n');
  symlinkSync(`_runs/${ACTIVE}`, join(lake, 'active'));
  const promotions = [
    { action: 'promote', runId: OLD, previous: null, at: '2026-01-01T10:00:13.000Z' },
    { action: 'promote', runId: ACTIVE, previous: OLD, at: '2026-01-02T10:00:13.000Z' },
  ];
  writeFileSync(join(lake, '_promotions.jsonl'), promotions.map((p) => JSON.stringify(p)).join('\n') + '\n');
  return lake;
}
