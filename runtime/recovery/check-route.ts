// recovery/: whether one route of an ingest step is available now, and if so what it yields. Reads the
// route's folder (location routes) or the active run's manifest (previous_run); never reads a dump.
import { locateDump } from '../sources/locate-dump.js';
import type { XmlIngestStep, Plan } from '../../compiler/index.js';
import { LakecError } from '../../compiler/index.js';
import { ingestEffectiveFingerprint } from '../executor/effective-fingerprint.js';
import type { ReuseBase } from '../executor/reuse-step.js';
import type { ManifestDataset, ManifestInput } from '../lake/manifest.js';
import { stageRoutes, type RouteOption } from './route-option.js';

/** What checking and choosing routes needs. */
export interface RouteContext {
  /** Absolute project folder: locations are relative to it. */
  readonly projectDir: string;
  /** Environment for object-store locations (AWS_* variables); default the process's. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The active run as a source of datasets (reuseBase(lake, activeRunId)); absent when there is none or
   * it cannot serve (not succeeded, manifest version 1). Pass it even for a `--full` apply:
   * `previous_run` routes need it.
   */
  readonly reuse?: ReuseBase;
  /** The clock staleness is measured with. */
  readonly now: () => Date;
}

/** A route that cannot be taken now, and why (one line, e.g. the LK6105 message). */
export interface UnavailableRoute {
  readonly option: RouteOption;
  readonly available: false;
  readonly reason: string;
  /** What the check caught (the primary's LakecError LK6105 is rethrown unchanged when a step has no routes). */
  readonly error: unknown;
}

/** A primary or location route with a file to read. */
export interface AvailableFileRoute {
  readonly option: RouteOption;
  readonly available: true;
  readonly kind: 'file';
  /** Absolute path of the newest matching file. */
  readonly file: string;
  /** The file as the manifest shows it: `<location>/<name>`. */
  readonly displayPath: string;
  /** Bytes on disk. */
  readonly size: number;
  /** Modification time, ms since the epoch. */
  readonly mtimeMs: number;
  /** The route's declared staleness, milliseconds (primary: 0). */
  readonly stalenessMs: number;
}

/** A previous_run route: the active run holds every output of the step, built from the same definition. */
export interface AvailableRunRoute {
  readonly option: RouteOption;
  readonly available: true;
  readonly kind: 'previous_run';
  /** The active run's datasets of the step, in the step's output order. */
  readonly datasets: readonly ManifestDataset[];
  /** The input the active run recorded for the step. */
  readonly input: ManifestInput;
  /** The active run's id. */
  readonly fromRun: string;
  /** Milliseconds: see checkRoute. */
  readonly stalenessMs: number;
}

/** The outcome of checking one route. */
export type RouteCheck = UnavailableRoute | AvailableFileRoute | AvailableRunRoute;

/**
 * Checks whether `option` can serve `step` now.
 * - primary/location: the folder (or s3:// prefix) holds a file matching the pattern (the newest in
 *   name order, see locateDump); unavailable with its LK6105 message otherwise.
 * - previous_run: `ctx.reuse` exists, holds every output dataset of the step and an input for it, and
 *   each dataset was built from the same definition: its fingerprint equals
 *   ingestEffectiveFingerprint(step.fingerprint.data, input). Staleness (ms) = now − the active run's
 *   finishedAt (else startedAt) + the staleness that run itself recorded for the step's route (data it
 *   took from an older run) + the declared staleness.
 * @throws nothing: every failure becomes an UnavailableRoute.
 */
export async function checkRoute(option: RouteOption, step: XmlIngestStep, ctx: RouteContext): Promise<RouteCheck> {
  if (option.kind === 'previous_run') return checkPreviousRun(option, step, ctx);
  const location = option.location ?? step.source.location;
  const pattern = option.pattern ?? step.source.pattern;
  try {
    const dump = await locateDump(location, pattern, ctx.projectDir, ctx.env);
    return { option, available: true, kind: 'file', file: dump.file, displayPath: dump.displayPath, size: dump.size, mtimeMs: dump.mtimeMs, stalenessMs: option.stalenessMs };
  } catch (error) {
    return { option, available: false, reason: reasonOf(error), error };
  }
}

/**
 * Checks every route of `step` (stageRoutes: the primary and the declared ones), concurrently.
 * @returns one RouteCheck per route, in preference order.
 */
export function checkStageRoutes(plan: Plan, step: XmlIngestStep, ctx: RouteContext): Promise<RouteCheck[]> {
  return Promise.all(stageRoutes(plan, step).map((option) => checkRoute(option, step, ctx)));
}

function checkPreviousRun(option: RouteOption, step: XmlIngestStep, ctx: RouteContext): RouteCheck {
  const unavailable = (reason: string): UnavailableRoute => ({ option, available: false, reason, error: new Error(reason) });
  const reuse = ctx.reuse;
  if (!reuse) return unavailable('no active run');
  const input = reuse.inputs.get(step.id);
  if (!input) return unavailable(`active run ${reuse.runId} recorded no input for ${step.id}`);
  const datasets: ManifestDataset[] = [];
  const expected = ingestEffectiveFingerprint(step.fingerprint.data, input);
  for (const name of step.outputs) {
    const d = reuse.datasets.get(name);
    if (!d) return unavailable(`active run ${reuse.runId} has no dataset "${name}"`);
    if (d.fingerprint !== expected) return unavailable(`active run ${reuse.runId} built "${name}" from another definition of the source`);
    datasets.push(d);
  }
  const finished = Date.parse(reuse.manifest.finishedAt ?? reuse.manifest.startedAt);
  const inherited = reuse.manifest.steps.find((s) => s.id === step.id)?.route?.stalenessMs ?? 0;
  const stalenessMs = Math.max(0, ctx.now().getTime() - finished) + inherited + option.stalenessMs;
  return { option, available: true, kind: 'previous_run', datasets, input, fromRun: reuse.runId, stalenessMs };
}

/** One line for a failed check: a lakec diagnostic's message, else the error's (with its errno code). */
function reasonOf(error: unknown): string {
  if (error instanceof LakecError) return error.diagnostic.message;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
