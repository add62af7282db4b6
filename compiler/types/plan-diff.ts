// Data only: the difference between two plans (plan/diff-plans.ts computes it; the CLI renders it).
// Like a plan, a diff is a pure function of its inputs: no timestamps, paths or hostnames.

/** A section of a plan besides steps, datasets and rules. */
export type PlanSection = 'control' | 'schedule' | 'recovery' | 'targets' | 'openlineage';

/** What happened to a step, dataset or rule between the old plan and the new one. */
export type ChangeKind = 'added' | 'removed' | 'modified';

/**
 * Whether a modified step's consumers may need to change or rebuild:
 * - `breaking`: a column was removed, renamed or retyped, the values of an existing column can change,
 *   or the set of rows can change (filter, join, grouping logic, or the same upstream);
 * - `non-breaking`: only columns were added, or only metadata (descriptions, rule severities) changed.
 */
export type ChangeCategory = 'breaking' | 'non-breaking';

/** How the output columns of a model changed, by name (empty lists when nothing changed). */
export interface ColumnChanges {
  /** New column names, in new column order (excluding rename targets). */
  readonly added: readonly string[];
  /** Column names gone, in old column order (excluding rename sources). */
  readonly removed: readonly string[];
  /** A removed and an added column at the same position, in column order. */
  readonly renamed: readonly { readonly from: string; readonly to: string }[];
  /** Same name, different DuckDB type, in new column order. */
  readonly typeChanged: readonly { readonly name: string; readonly from: string; readonly to: string }[];
  /** Same name and type, but the column fingerprint changed: its values can differ. New column order. */
  readonly valuesChanged: readonly string[];
}

/** Fields every step entry of a diff has. */
interface StepRef {
  /** Step id (`<pipeline>.<dataset>` or `<pipeline>.<source>`). */
  readonly id: string;
  readonly kind: 'ingest' | 'model';
  readonly pipeline: string;
  /** Layer in the new plan (in the old one for a removed step). */
  readonly layer: string;
}

/** A step only in the new plan, only in the old one, or with equal data and metadata fingerprints. */
export interface StepPresence extends StepRef {
  readonly change: 'added' | 'removed' | 'unchanged';
}

/** A step in both plans whose data or metadata fingerprint (or layer) differs. */
export interface ModifiedStep extends StepRef {
  readonly change: 'modified';
  /**
   * True when the step itself was edited: its `fingerprint.definition` changed (or, with data
   * unchanged, its metadata: descriptions and rule severities belong to the step itself). False when
   * it changed only because of what it reads upstream.
   */
  readonly direct: boolean;
  /** False when only metadata changed (the step would not be rebuilt). */
  readonly dataChanged: boolean;
  readonly category: ChangeCategory;
  /**
   * Why, for humans, e.g. `column removed: amount`, `row logic changed`, `upstream rows changed`.
   * In a fixed order (schema, rows, values, metadata). Display only: the wording may change.
   */
  readonly reasons: readonly string[];
  /** Column detail; all lists empty for ingest steps (compared by fingerprint only). */
  readonly columns: ColumnChanges;
  /**
   * For a directly modified step: the steps downstream of it (transitively over `dependsOn` in the new
   * plan, walking only through steps whose data changed) whose data fingerprint changed, sorted. Since
   * fingerprints are column-aware, a step reading none of the changed columns is not listed. Empty for
   * an indirectly modified step.
   */
  readonly affectedDownstream: readonly string[];
}

/** One step of the diff. */
export type StepDiff = StepPresence | ModifiedStep;

/** A dataset added, removed or changed (layer, producing step, pipeline or columns). */
export interface DatasetDiff {
  readonly name: string;
  readonly change: ChangeKind;
  /** For `modified`: what differs, e.g. `columns`, `layer silver -> gold`. Display only. */
  readonly details: readonly string[];
}

/** A validation rule added, removed or changed (compared as canonical JSON of `{pipeline, rule}`). */
export interface RuleDiff {
  readonly id: string;
  readonly change: ChangeKind;
  /** For `modified`: the rule fields that differ (`severity`, `columns`, `pipeline`, …), sorted. */
  readonly fields: readonly string[];
}

/** Counts over a diff (steps count each step once). */
export interface PlanDiffSummary {
  readonly steps: {
    readonly added: number;
    readonly removed: number;
    readonly modified: number;
    readonly unchanged: number;
    /** Modified steps that are breaking / non-breaking (their sum is `modified`). */
    readonly breaking: number;
    readonly nonBreaking: number;
    /** Modified steps edited themselves / changed only through upstream (their sum is `modified`). */
    readonly direct: number;
    readonly indirect: number;
  };
  readonly datasets: { readonly added: number; readonly removed: number; readonly modified: number };
  readonly validations: { readonly added: number; readonly removed: number; readonly modified: number };
  /** True when a pipeline was added, removed or re-described (step lists are covered by `steps`). */
  readonly pipelinesChanged: boolean;
  /**
   * The operational sections of the plan that differ, in this order: `control` (kill switches, retry
   * policies, timeouts, healing), `schedule` (profile, workers, throttles, priorities, deadlines,
   * systems), `recovery` (routes), `targets` (publication). They change how a run goes, not what it
   * computes, so no step is modified by them; empty without an old plan.
   */
  readonly settingsChanged: readonly PlanSection[];
  /**
   * True when anything differs: a step is added, removed or modified, a dataset or rule changed, the
   * pipelines or a settings section changed. Always true without an old plan. `lakec diff
   * --detailed-exitcode` exits 2 on it.
   */
  readonly hasChanges: boolean;
}

/**
 * The difference between an old plan (absent: nothing published yet, every step is added) and a new one.
 * Every list is sorted by id (or name); every step of either plan appears exactly once in `steps`.
 */
export interface PlanDiff {
  /** The new plan's project name. */
  readonly project: string;
  /** Fingerprint of the old plan, absent when there was none. */
  readonly oldFingerprint?: string;
  readonly newFingerprint: string;
  readonly summary: PlanDiffSummary;
  readonly steps: readonly StepDiff[];
  readonly datasets: readonly DatasetDiff[];
  readonly validations: readonly RuleDiff[];
}
