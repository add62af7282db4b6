// meta/: the running apply's poll of the store: hand over new audit records, pick up kill switches.
import type { AuditRecord } from '../control/audit-record.js';
import { insertAudit } from './audit-log.js';
import type { ControlFlagRow } from './control-rows.js';
import { queryControlFlags } from './read-control.js';
import { isMetaStoreLocked, withMetaStore } from './with-meta-store.js';

/**
 * In one open of the store: appends `records` to audit_log (idempotent per run_id and seq) and reads
 * every control_flags row. Meant to be called every ~250 ms by a running apply; one call costs one
 * open, one insert, one query and one close: about 15 ms without records, 45–60 ms with some (the
 * write is flushed to disk on close; see docs/metadata-store.md).
 * @param options.waitMs how long to retry while another process holds the store, ms; 0 = one try.
 * @returns the flag rows (feed them to effectiveDisabled), or undefined when the store stayed locked
 *   by another process; nothing was written then, so pass the same records again next time.
 * @throws the engine's error for anything but the lock conflict.
 */
export async function exchangeWithMeta(dbPath: string, records: readonly AuditRecord[], options: { readonly waitMs: number }): Promise<ControlFlagRow[] | undefined> {
  try {
    return await withMetaStore(dbPath, async (engine) => {
      await insertAudit(engine, records);
      return queryControlFlags(engine);
    }, options);
  } catch (e) {
    if (isMetaStoreLocked(e)) return undefined;
    throw e;
  }
}
