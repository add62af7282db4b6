// executor/: the kill switches of a running apply: which stages are switched off now (from the
// metadata store poller), and the attempt or wait in progress per stage, aborted as soon as its stage
// or pipeline is disabled.
import { SCHEDULE_PROFILES, type PlanStep, type ScheduleProfile } from '../../compiler/index.js';
import { ControlPoller } from '../control/control-poller.js';
import type { ControlFlagRow } from '../meta/control-rows.js';
import type { DisabledScope } from '../meta/effective-disabled.js';
import { cancelledError } from './run-with-policy.js';

/** Kill-switch state of one apply. */
export class RunControl {
  readonly poller: ControlPoller;
  private readonly current = new Map<string, { step: PlanStep; controller: AbortController }>();
  /** Reasons of every scope seen disabled during the run (for the halt message). */
  private readonly reasons = new Map<string, string>();

  /** `dbPath`: the metadata store; `flags` and `initialProfile`: the control_flags rows and profile setting read when the apply started. */
  constructor(dbPath: string, flags: readonly ControlFlagRow[], intervalMs?: number, initialProfile?: string) {
    this.poller = new ControlPoller({
      dbPath, initialFlags: flags, ...(intervalMs !== undefined ? { intervalMs } : {}), ...(initialProfile !== undefined ? { initialProfile } : {}),
      onChange: () => this.cancelDisabled(),
    });
  }

  /** The scope switching `step` off now (its own, else its pipeline's), with why; undefined when it may run. */
  disabledScope(step: PlanStep): { scope: string; why: DisabledScope } | undefined {
    const d = this.poller.disabledScope(step.id, step.pipeline);
    if (d) this.reasons.set(d.scope, d.why.reason ?? 'no reason given');
    return d;
  }

  /** The scheduling profile for the next decision: the operator's from the store when valid, else `fallback` (the plan's). */
  profile(fallback: ScheduleProfile): ScheduleProfile {
    const set = this.poller.profile();
    return set !== undefined && (SCHEDULE_PROFILES as readonly string[]).includes(set) ? (set as ScheduleProfile) : fallback;
  }

  /** The reason recorded for `scope` when it was seen disabled. */
  reasonOf(scope: string): string | undefined {
    return this.reasons.get(scope);
  }

  /** Registers (or, with undefined, clears) the controller of `step`'s attempt or retry wait in progress. */
  setCurrent(step: PlanStep, controller: AbortController | undefined): void {
    if (controller) {
      this.current.set(step.id, { step, controller });
      // A flag may have been set between the stage's last check and now.
      this.cancelDisabled();
    } else this.current.delete(step.id);
  }

  private cancelDisabled(): void {
    for (const { step, controller } of this.current.values()) {
      const d = this.disabledScope(step);
      if (d && !controller.signal.aborted) controller.abort(cancelledError(step.id, d.scope, d.why.reason ?? 'no reason given'));
    }
  }
}
