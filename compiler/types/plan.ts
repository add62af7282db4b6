// Data only: the plan, the compiler's output and the runtime's input (schemas/plan.schema.json).
// A plan is a pure function of the project: no timestamps, hostnames or absolute paths.
import type { ValidationRule } from './validation.js';
import type { ColumnSchema, XmlMapping } from './xml-mapping.js';
import type { ColumnLineage, LineageEdge } from './lineage.js';

/** The plan format version this compiler writes and this runtime reads. */
export const PLAN_FORMAT_VERSION = 1 as const;

/**
 * Fingerprints of a step, 64-char lowercase sha256 hex each.
 * `data` changes exactly when the step's output could change (SQL AST, materialization, schema, upstream
 * data fingerprints, source mapping/location); `metadata` covers descriptions only.
 */
export interface StepFingerprint {
  readonly data: string;
  readonly metadata: string;
}

/** Reads an XML source into bronze datasets. */
export interface IngestStep {
  readonly kind: 'ingest';
  /** `<pipeline>.<source>`. */
  readonly id: string;
  readonly pipeline: string;
  readonly layer: 'bronze';
  readonly description?: string;
  readonly source: {
    readonly type: 'xml';
    /** Folder of the dump files, POSIX, relative to the project folder. */
    readonly location: string;
    readonly pattern: string;
    readonly mappingFile: string;
    readonly mapping: XmlMapping;
  };
  /** Datasets written, in mapping order. */
  readonly outputs: readonly string[];
  readonly dependsOn: readonly string[];
  readonly fingerprint: StepFingerprint;
}

/** Runs one SQL model into one dataset. */
export interface ModelStep {
  readonly kind: 'model';
  /** `<pipeline>.<dataset>`. */
  readonly id: string;
  readonly pipeline: string;
  readonly layer: string;
  readonly description?: string;
  readonly dataset: string;
  /** Model file, POSIX, relative to the project folder. */
  readonly file: string;
  /** The SELECT the runtime executes, verbatim from the file. */
  readonly sql: string;
  /** Datasets read, sorted. */
  readonly inputs: readonly string[];
  /** Step ids this step waits for, sorted. */
  readonly dependsOn: readonly string[];
  /**
   * Output columns in order, each with its lineage to the datasets in `inputs` (`dataset.column`).
   * To keep plans small, INDIRECT edges shared by every column are listed once in `rowEdges` and left
   * out of each column's `edges`: a column's full lineage is its `edges` plus `rowEdges`.
   */
  readonly columns: readonly ColumnLineage[];
  /** INDIRECT edges (joins, filters, grouping, sorting) that apply to every output column. */
  readonly rowEdges: readonly LineageEdge[];
  readonly fingerprint: StepFingerprint;
}

export type PlanStep = IngestStep | ModelStep;

/** A dataset of the plan: its layer, producing step and schema. */
export interface PlanDataset {
  readonly name: string;
  readonly layer: string;
  readonly pipeline: string;
  readonly step: string;
  readonly columns: readonly ColumnSchema[];
}

/** A validation rule with its pipeline. */
export interface PlanRule {
  readonly pipeline: string;
  readonly rule: ValidationRule;
}

/** The compiled plan. Arrays are in a documented stable order. */
export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly project: string;
  /** sha256 over the canonical JSON of every other field. */
  readonly fingerprint: string;
  /** Pipelines by name with their step ids in plan order. */
  readonly pipelines: readonly { readonly name: string; readonly description?: string; readonly steps: readonly string[] }[];
  /** Steps in deterministic topological order (Kahn, ties by id). */
  readonly steps: readonly PlanStep[];
  /** Datasets sorted by name. */
  readonly datasets: readonly PlanDataset[];
  /** Rules sorted by id. */
  readonly validations: readonly PlanRule[];
}
