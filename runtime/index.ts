// runtime/: the public entry point of the runtime: apply a plan, list runs, roll back.
export { applyPlan, type ApplyOptions, type ApplyResult, type ApplyEvent } from './executor/apply-plan.js';
export { listRuns, type RunSummary } from './lake/list-runs.js';
export { rollback, activeRunId, readPromotions, type PromotionRecord } from './lake/promote.js';
export { lakeLayout, runDir, type LakeLayout } from './lake/lake-layout.js';
export { readManifest, type RunManifest, type ManifestDataset, type ManifestStep } from './lake/manifest.js';
export { readPlanFile } from './plan-reader/read-plan.js';
