// lake/: where things live in a lake. One place for every path so nothing else builds them by hand.
//   <lake>/active                      symlink -> _runs/<run_id> (relative), switched atomically
//   <lake>/_runs/<run_id>/<layer>/<dataset>/*.parquet
//   <lake>/_runs/<run_id>/_manifest.json, _plan.json, _reports/
//   <lake>/_promotions.jsonl           append-only log of promotions and rollbacks
//   <lake>/_meta/lakec.duckdb          the metadata store (runtime/meta/): catalog, control flags, audit log
//   <lake>/_lock                       the lake lock held by a running apply (lake-lock.ts)
import { join } from 'node:path';

/** Paths of one lake. All absolute when `root` is absolute. */
export interface LakeLayout {
  readonly root: string;
  readonly runsDir: string;
  readonly active: string;
  readonly promotionsLog: string;
  /** The metadata store database file. */
  readonly metaDb: string;
  /** The lake lock file. */
  readonly lockFile: string;
}

/** The layout of the lake at `root`. */
export function lakeLayout(root: string): LakeLayout {
  return { root, runsDir: join(root, '_runs'), active: join(root, 'active'), promotionsLog: join(root, '_promotions.jsonl'), metaDb: join(root, '_meta', 'lakec.duckdb'), lockFile: join(root, '_lock') };
}

/** Folder of a run. */
export function runDir(lake: LakeLayout, runId: string): string {
  return join(lake.runsDir, runId);
}

/** Folder of a dataset inside a run: `<run>/<layer>/<dataset>`. */
export function datasetDir(runPath: string, layer: string, dataset: string): string {
  return join(runPath, layer, dataset);
}

/** Manifest file name inside a run folder. */
export const MANIFEST_FILE = '_manifest.json';
/** The plan applied, copied into the run folder. */
export const RUN_PLAN_FILE = '_plan.json';
/** Reports folder inside a run folder. */
export const REPORTS_DIR = '_reports';

/** The symlink target stored in `active` for a run: relative, so the lake can be moved as a whole. */
export function activeTarget(runId: string): string {
  return `_runs/${runId}`;
}
