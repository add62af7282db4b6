// schedule/: the parallel scheduling core of apply and `plan --schedule`: a pure, engine-free
// scheduler (balanced and focus profiles), a dependency-driven worker-pool runner, per-system
// throttles (concurrency slots, rows/bytes token buckets), the predicted schedule on a virtual
// clock, a text Gantt, and invariant checks over recorded schedules.
export * from './schedule-types.js';
export { systemClock, type Clock } from './clock.js';
export { VirtualClock } from './virtual-clock.js';
export { TokenBucket, type TokenBucketOptions } from './token-bucket.js';
export { SystemThrottles, bucketCapacity, type LeaseTake, type StageLease } from './system-throttles.js';
export { analyzeTasks, criticalPathLowerBound, soloLowerBoundMs, type TaskGraph } from './task-ranks.js';
export { ScheduleState, type PolicyInit, type TaskState } from './schedule-state.js';
export type { Decision, PolicyFactory, SchedulingPolicy } from './scheduling-policy.js';
export { Scheduler, PRIORITY_WEIGHT } from './scheduler.js';
export { runDag, type RunDagOptions, type RunTaskContext } from './run-dag.js';
export { simulateTask, type SimulateTaskOptions } from './simulate-task.js';
export { predictSchedule, type PredictOptions } from './predict-schedule.js';
export { renderGantt, formatMs, type GanttOptions } from './render-gantt.js';
export * from './check-schedule.js';
export { estimateCosts, median, ESTIMATE_WINDOW, type CostEstimate, type CostHistoryRecord } from './cost-estimates.js';
