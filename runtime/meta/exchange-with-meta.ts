// meta/: the running apply's poll of the store: hand over new audit records, pick up kill switches and
// the scheduling profile an operator set.
import type { AuditRecord } from '../control/audit-record.js';
import { insertAudit } from './audit-log.js';
import type { ControlFlagRow } from './control-rows.js';
import { queryControlFlags } from './read-control.js';
import { isMetaStoreLocked, withMetaStore } from './with-meta-store.js';
import { quoteLiteral } from '../engine/engine-adapter.js';

/** The settings key holding the operator's scheduling profile (`lakec profile set`); absent = the plan's. */
export const PROFILE_SETTING = 'schedule_profile';

/** What one poll read: every control_flags row, and the profile setting (undefined when unset). */
export interface MetaExchange {
  readonly flags: ControlFlagRow[];
  readonly profile: string | undefined;
}

/**
 * In one open of the store: appends `records` to audit_log (idempotent per run_id and seq) and reads
 * every control_flags row and the profile setting. Meant to be called every ~250 ms by a running apply; one call costs one
 * open, one insert, one query and one close: about 15 ms without records, 45–60 ms with some (the
 * write is flushed to disk on close; see docs/metadata-store.md).
 * @param options.waitMs how long to retry while another process holds the store, ms; 0 = one try.
 * @returns the flag rows (feed them to effectiveDisabled) and the profile, or undefined when the store stayed locked
 *   by another process; nothing was written then, so pass the same records again next time.
 * @throws the engine's error for anything but the lock conflict.
 */
export async function exchangeWithMeta(dbPath: string, records: readonly AuditRecord[], options: { readonly waitMs: number }): Promise<MetaExchange | undefined> {
  try {
    return await withMetaStore(dbPath, async (engine) => {
      await insertAudit(engine, records);
      const flags = await queryControlFlags(engine);
      const rows = await engine.query(`SELECT value FROM settings WHERE key = ${quoteLiteral(PROFILE_SETTING)}`);
      const value = rows[0]?.['value'];
      return { flags, profile: typeof value === 'string' ? value : undefined };
    }, options);
  } catch (e) {
    if (isMetaStoreLocked(e)) return undefined;
    throw e;
  }
}
