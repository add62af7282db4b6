// schedule/: every invariant check and measure of a recorded schedule, in one import. They need only
// the record (predicted, simulated or from a real apply's manifest), the tasks and the throttles.
export { concurrencyViolations, coverageViolations, dependencyViolations } from './check-concurrency.js';
export { rateViolations } from './check-rates.js';
export { idleWhileReadyViolations, imbalanceViolations, saturatedWhileIdleMs } from './check-idle.js';
export { focusOrderViolations } from './check-focus.js';
export { completionTimes, meanCompletion } from './completion-times.js';
export type { ScheduleViolation, ViolationCheck } from './schedule-violation.js';
