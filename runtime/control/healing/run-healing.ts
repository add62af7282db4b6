// control/healing/: runs one healing action. `quarantine_rows` answers VALIDATION_FAILED and runs in
// the validation phase (runtime/validate/quarantine-rows.ts), not here.
import type { PlanHealingAction } from '../../../compiler/types/control.js';
import type { HealingContext, HealingResult } from './healing-types.js';
import { lowerParallelism, raiseMemoryLimit } from './engine-actions.js';
import { runCommandAction } from './run-command-action.js';
import { waitForLock } from './wait-for-lock.js';

/**
 * Runs `action` for `ctx.failure`. Never throws: an action that fails is reported as outcome `error`
 * with the reason.
 */
export async function runHealing(action: PlanHealingAction, ctx: HealingContext): Promise<HealingResult> {
  try {
    switch (action.action) {
      case 'command':
        return await runCommandAction(action.command ?? [], ctx, action.timeoutMs);
      case 'raise_memory_limit':
        return ctx.engine ? await raiseMemoryLimit(ctx.engine, action.maxMemory) : { outcome: 'not_healed', detail: 'no engine is running yet' };
      case 'lower_parallelism':
        return ctx.engine ? await lowerParallelism(ctx.engine) : { outcome: 'not_healed', detail: 'no engine is running yet' };
      case 'wait_for_lock':
        return await waitForLock(ctx.lake, action.timeoutMs, ctx.signal);
      case 'accept_added_columns': {
        const added = ctx.failure.details?.['added'];
        const broken = ctx.failure.details?.['missing'] ?? ctx.failure.details?.['changed'];
        if (!Array.isArray(added) || !added.length || (Array.isArray(broken) && broken.length)) {
          return { outcome: 'not_healed', detail: 'the drift is not only added columns: missing or retyped columns are never accepted' };
        }
        if (!ctx.acceptAddedColumns) return { outcome: 'not_healed', detail: 'this stage cannot accept added columns' };
        ctx.acceptAddedColumns();
        return { outcome: 'healed', detail: `accepting added column(s) ${added.join(', ')}: contracts allow extra columns` };
      }
      case 'quarantine_rows':
        return { outcome: 'not_healed', detail: 'quarantine_rows answers VALIDATION_FAILED in the validation phase only' };
    }
  } catch (e) {
    return { outcome: 'error', detail: `${action.action} failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}
