// meta/: the audit_log table: every attempt of every stage of every run, appended as runs go.
import type { AuditRecord } from '../control/audit-record.js';
import { AUDIT_LOG_COLUMNS } from '../control/audit-record.js';
import type { EngineAdapter, Row } from '../engine/engine-adapter.js';
import { quoteIdent, quoteLiteral } from '../engine/engine-adapter.js';
import { insertValues } from './insert-rows.js';
import { booleanOrNull, isoColumn, numberOrNull, textOrNull } from './row-values.js';
import { withMetaStore, type MetaStoreOptions } from './with-meta-store.js';

/** Which audit records to read; absent fields do not filter. */
export interface AuditFilter {
  readonly runId?: string;
  /** A stage id `<pipeline>.<stage>`. */
  readonly stage?: string;
}

/**
 * Appends `records` to audit_log in one statement. Idempotent: a record whose (run_id, seq) is
 * already stored is skipped, so a batch may be sent again after an uncertain failure.
 * @throws LakecError LK6405 when another process holds the store for `options.waitMs`.
 */
export async function appendAudit(dbPath: string, records: readonly AuditRecord[], options?: MetaStoreOptions): Promise<void> {
  if (records.length === 0) return;
  await withMetaStore(dbPath, (engine) => insertAudit(engine, records), options);
}

/** appendAudit on an open store. */
export async function insertAudit(engine: EngineAdapter, records: readonly AuditRecord[]): Promise<void> {
  await insertValues(engine, 'audit_log', AUDIT_LOG_COLUMNS, records as unknown as readonly Readonly<Record<string, unknown>>[], 'INSERT OR IGNORE');
}

/**
 * Reads audit records ordered by run_id, then seq. Timestamps come back as UTC ISO-8601 with
 * milliseconds and `Z`, BIGINT columns as numbers, NULL as null.
 * @throws LakecError LK6405 when another process holds the store for `options.waitMs`.
 */
export async function readAuditLog(dbPath: string, filter: AuditFilter = {}, options?: MetaStoreOptions): Promise<AuditRecord[]> {
  const where: string[] = [];
  if (filter.runId !== undefined) where.push(`run_id = ${quoteLiteral(filter.runId)}`);
  if (filter.stage !== undefined) where.push(`stage = ${quoteLiteral(filter.stage)}`);
  const columns = Object.entries(AUDIT_LOG_COLUMNS).map(([c, t]) => (t === 'TIMESTAMP' ? isoColumn(c) : quoteIdent(c)));
  const sql = `SELECT ${columns.join(', ')} FROM audit_log${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY run_id, seq`;
  return withMetaStore(dbPath, async (engine) => (await engine.query(sql)).map(auditFromRow), options);
}

function auditFromRow(r: Row): AuditRecord {
  const out: Record<string, unknown> = {};
  for (const [c, t] of Object.entries(AUDIT_LOG_COLUMNS)) {
    const v = r[c];
    out[c] = t === 'BOOLEAN' ? booleanOrNull(v) : t === 'INTEGER' || t === 'BIGINT' ? numberOrNull(v) : textOrNull(v);
  }
  return out as unknown as AuditRecord;
}
