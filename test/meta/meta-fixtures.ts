// Test support for test/meta: temp store paths, a small hand-made plan, audit records, a holder process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '../../compiler/index.js';
import type { PlanControl } from '../../compiler/types/control.js';
import type { AuditRecord } from '../../runtime/control/audit-record.js';

/** A store path inside a fresh temp folder (the `_meta` folder does not exist yet). */
export function tempStore(): string {
  return join(mkdtempSync(join(tmpdir(), 'lakec-meta-')), '_meta', 'lakec.duckdb');
}

const fp = { data: 'd', definition: 'f', metadata: 'm', rows: 'r' };

/** A two-stage plan (`shop.orders` ingest, `shop.order_totals` model) with `control`; only what buildCatalog reads. */
export function tinyPlan(control?: PlanControl): Plan {
  const plan = {
    formatVersion: 1, project: 'tiny', fingerprint: 'f0',
    pipelines: [{ name: 'shop', steps: ['shop.orders', 'shop.order_totals'] }],
    steps: [
      { kind: 'ingest', id: 'shop.orders', pipeline: 'shop', layer: 'bronze', source: { type: 'xml', location: 'dumps', pattern: '*.xml', mappingFile: 'orders.yaml' }, outputs: ['orders'], dependsOn: [], fingerprint: fp },
      {
        kind: 'model', id: 'shop.order_totals', pipeline: 'shop', layer: 'gold', dataset: 'order_totals', file: 'models/gold/order_totals.sql', inputs: ['orders'], dependsOn: ['shop.orders'],
        columns: [{ name: 'total', type: 'DOUBLE', edges: [{ source: 'orders.amount', type: 'DIRECT', subtype: 'AGGREGATION' }] }], rowEdges: [], fingerprint: fp,
      },
    ],
    datasets: [
      { name: 'orders', layer: 'bronze', pipeline: 'shop', step: 'shop.orders', columns: [{ name: 'amount', type: 'DOUBLE' }] },
      { name: 'order_totals', layer: 'gold', pipeline: 'shop', step: 'shop.order_totals', columns: [{ name: 'total', type: 'DOUBLE' }] },
    ],
    validations: [],
    ...(control ? { control } : {}),
  };
  return plan as unknown as Plan;
}

/** An audit record of run `runId` with every optional field null unless overridden. */
export function auditRecord(runId: string, seq: number, over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    run_id: runId, seq, stage: 'shop.orders', pipeline: 'shop', attempt: 1, status: 'succeeded',
    started_at: '2025-03-04T05:06:07.089Z', ended_at: '2025-03-04T05:06:08.123Z', duration_ms: 1034,
    rows: null, bytes: null, error_code: null, transient: null, message: null, original_error: null,
    healing_action: null, healing_outcome: null, healing_detail: null, retry_delay_ms: null, ...over,
  };
}

const HOLDER = new URL('./hold-meta-store.mjs', import.meta.url).pathname;

/** Starts hold-meta-store.mjs on `file` for `holdMs`; resolves once the child has the file open. */
export async function holdStore(file: string, holdMs: number): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [HOLDER, file, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('"ready"')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`holder exited (${code}) before it was ready`)));
  });
  return { child, exited };
}
