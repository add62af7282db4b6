// Test-only baseline: a FIFO list scheduler. Ready stages start in the order they became ready
// (ties: topological order), as many as free workers and max_concurrent allow (work-conserving,
// throttle-respecting). It ignores the profile, priorities, durations and systems' load.
import type { Decision, PolicyFactory, SchedulingPolicy } from '../../runtime/schedule/scheduling-policy.js';
import { ScheduleState } from '../../runtime/schedule/schedule-state.js';
import type { WaitingTask } from '../../runtime/schedule/schedule-types.js';

/** FIFO list scheduling over ScheduleState (see the file header). */
export class FifoPolicy extends ScheduleState implements SchedulingPolicy {
  decide(): Decision {
    const ready = this.ready().sort((a, b) => this.readyAt.get(a)! - this.readyAt.get(b)! || this.graph.topoIndex.get(a)! - this.graph.topoIndex.get(b)!);
    const start: string[] = [];
    const extra = new Map<string, number>();
    const waiting: WaitingTask[] = [];
    for (const id of ready) {
      const system = this.fullSystem(id, extra);
      if (this.startedAt.size + start.length >= this.workers) waiting.push({ id, reason: 'workers' });
      else if (system !== undefined) waiting.push({ id, reason: 'system', system });
      else {
        start.push(id);
        for (const s of this.systemsOf.get(id)!) extra.set(s, (extra.get(s) ?? 0) + 1);
      }
    }
    return { start, waiting };
  }
}

/** PolicyFactory for runDag / predictSchedule's `policy` option. */
export const fifoPolicy: PolicyFactory = (init) => new FifoPolicy(init);
