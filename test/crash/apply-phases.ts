// Crash harness: the phases of one `lakec apply`, as told by what it printed on stderr and what its run
// folder held. Used both to aim kills (milestones seen live) and to say where each kill landed (evidence
// read after the process died, so it is exactly the state at death).
//
// Phases, in order:
//   startup     compile, lake lock, marking interrupted runs aborted, metadata sync: no run folder yet
//   ingest      the run folder exists and some ingest step has not ended (models of pipelines whose
//               sources are done may run meanwhile; the run's setup before the first ingest counts here)
//   sql         every ingest ended, some model step has not
//   validation  every step ended, the `validation:` line is not printed yet
//   report      validation printed; sanity report, dataset checksums and the final manifest being written
//   promotion   the manifest says succeeded, `active` does not point at the run yet (fsync of the run's
//               files and folders, the symlink switch)
//   promoted    `active` points at the run (promotion log, lock release, exit)

/** Where a kill landed. */
export type ApplyPhase = 'startup' | 'ingest' | 'sql' | 'validation' | 'report' | 'promotion' | 'promoted';

/** Every phase, in the order an apply goes through them. */
export const APPLY_PHASES: readonly ApplyPhase[] = ['startup', 'ingest', 'sql', 'validation', 'report', 'promotion', 'promoted'];

/** The steps of the plan being applied: ids of the ingest steps and how many steps there are. */
export interface PlanSteps {
  readonly ingest: ReadonlySet<string>;
  readonly total: number;
}

/** What an apply's stderr said so far (plain, non-terminal progress output of `lakec apply`). */
export interface StderrProgress {
  runId?: string;
  readonly ingestEnded: Set<string>;
  readonly stepsEnded: Set<string>;
  validated: boolean;
}

/** An empty progress record. */
export function newProgress(): StderrProgress {
  return { ingestEnded: new Set(), stepsEnded: new Set(), validated: false };
}

const MODEL_END = /^ {2}(?:ok {2}|same|FAIL|SKIPPED|DISABLED|CANCELLED) (\S+)/;
const INGEST_END = /^(\S+): (?:done in|failed after) /;

/** Folds one stderr line of `lakec apply` into `p` (see runtime/cli/commands/apply-command.ts). */
export function readProgressLine(p: StderrProgress, line: string, steps: PlanSteps): void {
  const run = /^run (\S+)$/.exec(line);
  if (run) p.runId = run[1]!;
  const model = MODEL_END.exec(line);
  if (model) {
    p.stepsEnded.add(model[1]!);
    // A reused or skipped ingest has no progress line: it ends with a step line like a model.
    if (steps.ingest.has(model[1]!)) p.ingestEnded.add(model[1]!);
  }
  const ingest = INGEST_END.exec(line);
  if (ingest && steps.ingest.has(ingest[1]!)) {
    p.ingestEnded.add(ingest[1]!);
    p.stepsEnded.add(ingest[1]!);
  }
  if (line.startsWith('validation: ')) p.validated = true;
}

/** What the lake held when the apply died. */
export interface RunFolderState {
  /** The run folder the apply created, if any. */
  readonly runExists: boolean;
  /** Its manifest status, when readable. */
  readonly manifestStatus?: string;
  /** Whether `active` points at that run. */
  readonly isActive: boolean;
}

/** The phase the evidence shows (see the module header). */
export function phaseOf(p: StderrProgress, state: RunFolderState, steps: PlanSteps): ApplyPhase {
  if (!state.runExists) return 'startup';
  if (state.isActive) return 'promoted';
  if (state.manifestStatus === 'succeeded') return 'promotion';
  if (p.validated) return 'report';
  if (p.stepsEnded.size >= steps.total) return 'validation';
  if (p.ingestEnded.size >= steps.ingest.size) return 'sql';
  return 'ingest';
}
