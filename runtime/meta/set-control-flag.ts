// meta/: an operator's kill switch: upserts the operator row of one scope in control_flags.
import type { EngineAdapter } from '../engine/engine-adapter.js';
import { quoteLiteral } from '../engine/engine-adapter.js';
import { flagFromRow, type ControlFlagRow } from './control-rows.js';
import { NOW_UTC } from './meta-schema.js';
import { isoColumn } from './row-values.js';
import { withMetaStore, type MetaStoreOptions } from './with-meta-store.js';

/** An operator's change of one flag. */
export interface ControlFlagChange {
  /** `<pipeline>` or `<pipeline>.<stage>`; not checked here (the CLI checks it against the catalog). */
  readonly scope: string;
  readonly disabled: boolean;
  readonly reason?: string;
  /** Who made the change, e.g. `alice@etl-01`. */
  readonly by: string;
}

/**
 * Writes the operator row of `change.scope` (insert or replace), stamping `updated_at` with the
 * store's clock (UTC). Enabling a scope the spec disables stores an operator row with disabled = false.
 * @returns the row as stored.
 * @throws LakecError LK6405 when another process holds the store for `options.waitMs`.
 */
export async function setControlFlag(dbPath: string, change: ControlFlagChange, options?: MetaStoreOptions): Promise<ControlFlagRow> {
  return withMetaStore(dbPath, (engine) => upsertOperatorFlag(engine, change), options);
}

async function upsertOperatorFlag(engine: EngineAdapter, change: ControlFlagChange): Promise<ControlFlagRow> {
  const reason = change.reason === undefined ? 'NULL' : quoteLiteral(change.reason);
  const rows = await engine.query(`
    INSERT INTO control_flags (scope, origin, disabled, reason, updated_by, updated_at)
    VALUES (${quoteLiteral(change.scope)}, 'operator', ${change.disabled ? 'TRUE' : 'FALSE'}, ${reason}, ${quoteLiteral(change.by)}, ${NOW_UTC})
    ON CONFLICT (scope, origin) DO UPDATE SET disabled = excluded.disabled, reason = excluded.reason, updated_by = excluded.updated_by, updated_at = excluded.updated_at
    RETURNING scope, origin, disabled, reason, updated_by, ${isoColumn('updated_at')}`);
  return flagFromRow(rows[0]!);
}
