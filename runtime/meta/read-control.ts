// meta/: reads the control tables: kill switches as stored, retry policies and healing actions merged.
import type { PlanHealingAction, PlanRetryPolicy } from '../../compiler/types/control.js';
import type { EngineAdapter } from '../engine/engine-adapter.js';
import { flagFromRow, healingFromRow, retryFromRow, type ControlFlagRow } from './control-rows.js';
import { healingActions, mergeRetryPolicies } from './merge-control.js';
import { isoColumn, jsonColumn } from './row-values.js';
import { withMetaStore, type MetaStoreOptions } from './with-meta-store.js';

/** The control state of a store. */
export interface MetaControl {
  /** Every control_flags row (both origins), by scope then origin; see effectiveDisabled. */
  readonly flags: ControlFlagRow[];
  /** Retry policies per scope, operator fields over spec fields (mergeRetryPolicies). */
  readonly retry: PlanRetryPolicy[];
  /** Healing actions in the order they are tried: operator rows, then spec rows, each by ord. */
  readonly healing: PlanHealingAction[];
}

/**
 * Reads the control tables of the store at `dbPath`.
 * @throws LakecError LK6405 when another process holds the store for `options.waitMs` (see withMetaStore).
 */
export async function readControl(dbPath: string, options?: MetaStoreOptions): Promise<MetaControl> {
  return withMetaStore(dbPath, async (engine) => {
    const flags = await queryControlFlags(engine);
    const retry = (await engine.query('SELECT * FROM retry_policies ORDER BY scope, origin')).map(retryFromRow);
    const healing = (await engine.query(`SELECT * EXCLUDE (command, updated_at), ${jsonColumn('command')} FROM healing_actions ORDER BY origin, ord`)).map(healingFromRow);
    return { flags, retry: mergeRetryPolicies(retry), healing: healingActions(healing) };
  }, options);
}

/** Every control_flags row of an open store, by scope then origin. */
export async function queryControlFlags(engine: EngineAdapter): Promise<ControlFlagRow[]> {
  const rows = await engine.query(`SELECT scope, origin, disabled, reason, updated_by, ${isoColumn('updated_at')} FROM control_flags ORDER BY scope, origin`);
  return rows.map(flagFromRow);
}
