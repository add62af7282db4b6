// docs/: data only — the shapes `lakec docs` writes for its static site (runtime/docs/site/app.js reads them).
// The site loads `data.js` (`window.LAKEC_DOCS = DocsIndex`) up front and each `details/<k>.js`
// (`window.LAKEC_DOCS_DETAIL(k, DocsDetail[])`) on demand: plain <script> tags, so it works from file://.
import type { RunSummary } from '../lake/list-runs.js';

/** The version of the data format below; the site refuses other versions. */
export const DOCS_FORMAT_VERSION = 1 as const;

/**
 * Datasets of the plan as parallel arrays indexed by dataset number `d` (0..n-1, the plan's dataset order,
 * sorted by name). Integer-indexed so that the site walks lineage without string lookups.
 */
export interface DocsDatasets {
  readonly name: readonly string[];
  /** Index into DocsIndex.layers. */
  readonly layer: readonly number[];
  /** Index into DocsIndex.pipelines. */
  readonly pipeline: readonly number[];
  /** 0: produced by an ingest step (a source), 1: by a model. */
  readonly kind: readonly (0 | 1)[];
  /** Columns of dataset d are the column numbers col0[d] .. col0[d+1]-1 (length n+1). */
  readonly col0: readonly number[];
  /** Dataset numbers each dataset reads (a model's `inputs`), ascending; [] for bronze. Downstream is derived by the site. */
  readonly up: readonly (readonly number[])[];
}

/** Columns of every dataset as parallel arrays indexed by column number `c`. */
export interface DocsColumns {
  readonly name: readonly string[];
  /** Index into DocsIndex.types. */
  readonly type: readonly number[];
  /**
   * Column numbers of the DIRECT lineage inputs of each column (the plan's `columns[].edges` of type
   * DIRECT, as `walkPlanLineage` follows them without `--indirect`), ascending; [] for source columns.
   */
  readonly up: readonly (readonly number[])[];
}

/**
 * One run of the lake, newest first: the fields of `lakec runs` (RunSummary: status, active, promoted,
 * times UTC ISO-8601, durations milliseconds, datasets, rows, error) plus step details.
 */
export interface DocsRun extends Pick<RunSummary, 'status' | 'active' | 'promoted' | 'startedAt' | 'durationMs' | 'datasets' | 'rows' | 'error' | 'errorCode'> {
  readonly id: string;
  /** Kill switch scopes that halted the run. */
  readonly haltScopes?: readonly string[];
  /** Step counts by status, e.g. { succeeded: 40, reused: 2 }. */
  readonly stepStatus: Readonly<Record<string, number>>;
  /** Up to 10 slowest steps: [step id, duration ms, status, error code or ''], slowest first. */
  readonly slowest: readonly (readonly [string, number, string, string])[];
}

/** A kill switch in force. */
export interface DocsKillSwitch {
  readonly scope: string;
  /** `spec` (pipelines.yaml) or `operator` (lakec disable). */
  readonly origin: string;
  readonly reason: string | null;
  readonly updatedBy: string | null;
}

/** The metadata flags: kill switches and the scheduling profile. */
export interface DocsControl {
  readonly killSwitches: readonly DocsKillSwitch[];
  /** The profile applies use: the operator's (metadata store) if set, else the plan's. */
  readonly profile: string;
  readonly profileFrom: 'metadata store' | 'pipelines.yaml';
  /** Why the metadata store was not read (absent, locked), when it was not. */
  readonly note?: string;
}

/** `data.js`: everything the site needs before the first click. */
export interface DocsIndex {
  readonly format: typeof DOCS_FORMAT_VERSION;
  readonly project: string;
  readonly planFingerprint: string;
  /** The active run id, or null (no lake, or nothing promoted yet). */
  readonly activeRun: string | null;
  readonly layers: readonly string[];
  readonly pipelines: readonly string[];
  readonly types: readonly string[];
  readonly datasets: DocsDatasets;
  readonly columns: DocsColumns;
  readonly runs: readonly DocsRun[];
  readonly control: DocsControl;
  /** Datasets per details file: dataset d's details are in `details/<floor(d / detailChunk)>.js`. */
  readonly detailChunk: number;
}

/** The latest result of a rule (from the active run's manifest; absent when it has none). */
export interface DocsRuleResult {
  readonly ok: boolean;
  /** The measured figure (unit per kind, see RuleResult.value). */
  readonly value: number;
  /** The result's details, or its error when the rule could not be evaluated. */
  readonly message: string;
  /** The run the result comes from. */
  readonly run: string;
}

/** A validation rule on a dataset. */
export interface DocsRule {
  readonly id: string;
  readonly kind: string;
  readonly severity: string;
  /** The rule as declared, minus id/kind/severity/dataset (columns, min, values, to, …). */
  readonly spec: Readonly<Record<string, unknown>>;
  readonly result?: DocsRuleResult;
}

/** Everything shown on one dataset's page beyond the index. */
export interface DocsDetail {
  /** The producing step id (`<pipeline>.<dataset>` or `<pipeline>.<source>`). */
  readonly step: string;
  readonly description?: string;
  /** Model file, POSIX, relative to the project folder (models only). */
  readonly file?: string;
  /** The model's SQL as read from `file` when the site was generated; absent when unreadable. */
  readonly sql?: string;
  /** Ingest steps: source type, location and pattern (or tables file). */
  readonly source?: Readonly<Record<string, string>>;
  /** The step's plan fingerprints (64 hex each). */
  readonly fingerprint: Readonly<Record<string, string>>;
  /** The active run's effective fingerprint of the dataset, when it has the dataset. */
  readonly runFingerprint?: string;
  readonly rules: readonly DocsRule[];
  /** Rows per run, newest run first: [index into DocsIndex.runs, rows]. Only runs that wrote the dataset. */
  readonly rows: readonly (readonly [number, number])[];
}
