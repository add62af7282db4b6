// Data only: the plan, the compiler's output and the runtime's input (schemas/plan.schema.json).
// A plan is a pure function of the project: no timestamps, hostnames or absolute paths.
import type { ValidationRule } from './validation.js';
import type { ColumnSchema, XmlMapping } from './xml-mapping.js';
import type { ColumnLineage, LineageEdge } from './lineage.js';
import type { PlanControl } from './control.js';
import type { PlanRecovery, PlanSchedule } from './schedule.js';
import type { TablesSource } from './table-source.js';
import type { PlanTarget } from './target.js';
import type { PlanOpenLineage } from './openlineage.js';

/** The plan format version this compiler writes and this runtime reads. */
export const PLAN_FORMAT_VERSION = 4 as const;

/**
 * Fingerprints of a step, 64-char lowercase sha256 hex each (plan/step-fingerprints.ts computes them).
 * - `definition`: the step's own definition only — a model's normalized SQL AST and materialization, a
 *   source's type, location, pattern and mapping. Changes exactly when the step itself was edited.
 * - `rows`: which rows the step produces — its row logic (the AST without the outermost select list,
 *   when that list cannot change the rows) plus the `rows` of its inputs and the fingerprints of the
 *   input columns its joins and filters read.
 * - `data`: changes exactly when the step's output could change: `definition`, output schema, `rows`
 *   and the fingerprints of the upstream columns each output column reads. An upstream edit that no
 *   column of this step reads leaves it unchanged.
 * - `metadata`: descriptions and the severities of validation rules on the step's datasets; never
 *   part of `data`, so a description edit never triggers a rebuild.
 */
export interface StepFingerprint {
  readonly data: string;
  readonly definition: string;
  readonly metadata: string;
  readonly rows: string;
}

/** An XML dump: the newest file matching `pattern` in `location`, mapped to tables by `mapping`. */
export interface XmlSource {
  readonly type: 'xml';
  /** Folder of the dump files, POSIX, relative to the project folder; or `s3://bucket/prefix`. */
  readonly location: string;
  readonly pattern: string;
  readonly mappingFile: string;
  readonly mapping: XmlMapping;
}

/** Reads a source (an XML dump, files of tables, or a PostgreSQL schema) into bronze datasets. */
export interface IngestStep {
  readonly kind: 'ingest';
  /** `<pipeline>.<source>`. */
  readonly id: string;
  readonly pipeline: string;
  readonly layer: 'bronze';
  readonly description?: string;
  readonly source: XmlSource | TablesSource;
  /** Datasets written, in mapping (or tables file) order. */
  readonly outputs: readonly string[];
  readonly dependsOn: readonly string[];
  readonly fingerprint: StepFingerprint;
}

/** An ingest step of an XML dump (the only kind recovery routes apply to). */
export type XmlIngestStep = IngestStep & { readonly source: XmlSource };

/** Whether `step` ingests an XML dump. */
export function isXmlIngest(step: PlanStep): step is XmlIngestStep {
  return step.kind === 'ingest' && step.source.type === 'xml';
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
  /**
   * Model file, POSIX, relative to the project folder. The plan holds no SQL text (so reformatting a
   * model leaves the plan byte-identical): apply reads the file and refuses it unless its AST
   * fingerprint is still `fingerprint.definition`'s AST (see runtime/executor/model-sql.ts).
   */
  readonly file: string;
  /** sha256 of the model's normalized SQL AST (parse/ast-fingerprint.ts); apply checks the file against it. */
  readonly ast: string;
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
  /**
   * One fingerprint per output column, parallel to `columns` (16 hex chars, the first 64 bits of a
   * sha256): changes exactly when that column's values could change — its expression, the step's
   * `rows`, or an upstream column it reads.
   */
  readonly columnFingerprints: readonly string[];
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

/** The published run a plan was made against (`lakec plan` fills it when the lake has an active run). */
export interface PlanBase {
  readonly runId: string;
  /** The fingerprint of the plan that run applied. */
  readonly planFingerprint: string;
}

/** The compiled plan. Arrays are in a documented stable order. */
export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly project: string;
  /**
   * The active run when the plan was made; absent when made without a lake or before the first run.
   * `lakec apply PLAN` refuses the plan when `active` has moved since (a stale plan). Not covered by
   * `fingerprint`, which describes only the project.
   */
  readonly basedOn?: PlanBase;
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
  /**
   * Kill switches, retry policies, stage timeouts and healing actions declared in pipelines.yaml. The
   * runtime merges them with operators' changes in the metadata store (runtime/meta/), which win.
   */
  readonly control: PlanControl;
  /** Default profile, workers, throttles per system, and each step's priority, deadline and systems. */
  readonly schedule: PlanSchedule;
  /** Alternative routes to sources' data (runtime/recovery/ picks the cheapest available one). */
  readonly recovery: PlanRecovery;
  /** Where promoted datasets are published beyond the lake, sorted by id. */
  readonly targets: readonly PlanTarget[];
  /** Where applies send OpenLineage events; absent without an `openlineage:` block (defaults apply). */
  readonly openlineage?: PlanOpenLineage;
}
