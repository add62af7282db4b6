// meta/: which scopes a set of control_flags rows disables. Pure.
import type { ControlFlagRow, ControlOrigin } from './control-rows.js';

/** Why a scope is disabled: the row in force. */
export interface DisabledScope {
  readonly reason: string | null;
  readonly origin: ControlOrigin;
  readonly updatedBy: string | null;
}

/**
 * The scopes whose effective flag is `disabled`. A scope's effective row is its operator row when there
 * is one, else its spec row, so an operator `enable` (disabled = false) lifts a spec `disabled`.
 * Scopes are returned as stored; that disabling a pipeline disables its stages is applied by
 * `stageDisabledBy`.
 * @returns scope -> why, for disabled scopes only; iteration order by scope.
 */
export function effectiveDisabled(rows: readonly ControlFlagRow[]): Map<string, DisabledScope> {
  const effective = new Map<string, ControlFlagRow>();
  for (const row of rows) {
    const seen = effective.get(row.scope);
    if (!seen || (seen.origin === 'spec' && row.origin === 'operator')) effective.set(row.scope, row);
  }
  const result = new Map<string, DisabledScope>();
  for (const scope of [...effective.keys()].sort()) {
    const row = effective.get(scope)!;
    if (row.disabled) result.set(scope, { reason: row.reason, origin: row.origin, updatedBy: row.updated_by });
  }
  return result;
}

/**
 * Whether the stage `stageId` (`<pipeline>.<stage>`) is disabled by `disabled` (from effectiveDisabled):
 * by its own scope first, else by its pipeline's scope.
 * @returns the scope that disables it and why, or undefined when it may run.
 */
export function stageDisabledBy(disabled: ReadonlyMap<string, DisabledScope>, stageId: string, pipeline: string): { scope: string; why: DisabledScope } | undefined {
  for (const scope of [stageId, pipeline]) {
    const why = disabled.get(scope);
    if (why) return { scope, why };
  }
  return undefined;
}
