// Data only: the loaded project, as the load phase hands it to parse/bind. No logic.
import type { Span } from '../diagnostics/diagnostic.js';
import type { XmlMapping } from './xml-mapping.js';
import type { TablesSource } from './table-source.js';
import type { PlanTarget } from './target.js';
import type { ValidationRule } from './validation.js';
import type { PlanControlFlag, PlanHealingAction, PlanRetryPolicy, PlanStageTimeout } from './control.js';
import type { PlanOpenLineage } from './openlineage.js';
import type { PlanRoute, PlanSystem, Priority, ScheduleProfile } from './schedule.js';

/** An XML dump source: the newest file matching `pattern` in `location`, mapped by `mapping`. */
export interface XmlSourceSpec {
  readonly kind: 'source';
  readonly name: string;
  readonly pipeline: string;
  readonly type: 'xml';
  readonly description?: string;
  /** Folder of dump files: POSIX path relative to the project folder (may start with `../`). */
  readonly location: string;
  /** File-name glob inside `location` (`*`, `?`). */
  readonly pattern: string;
  /** Mapping file, project-relative POSIX path. */
  readonly mappingFile: string;
  readonly mapping: XmlMapping;
  /** Where the source is declared in pipelines.yaml. */
  readonly span: Span;
}

/** A csv, jsonl, parquet or postgres source: its tables come from a tables file. */
export type TablesSourceSpec = TablesSource & {
  readonly kind: 'source';
  readonly name: string;
  readonly pipeline: string;
  readonly description?: string;
  readonly span: Span;
};

/** Any source of a pipeline. */
export type SourceSpec = XmlSourceSpec | TablesSourceSpec;

/** A SQL model file, as discovered (not yet parsed). */
export interface ModelFile {
  readonly pipeline: string;
  /** From the sub-folder: `bronze`, `silver`, `gold`, or another identifier. */
  readonly layer: string;
  /** Dataset name from the file name (without `.sql`). */
  readonly name: string;
  /** Project-relative POSIX path. */
  readonly path: string;
  readonly text: string;
}

/** A validation rule with where it is declared. */
export interface RuleSpec {
  readonly pipeline: string;
  readonly rule: ValidationRule;
  readonly span: Span;
  /** Span of the `dataset` value, for unknown-dataset diagnostics. */
  readonly datasetSpan: Span;
}

/** A declared output contract of a dataset: columns that must exist with exactly these types. */
export interface ContractSpec {
  readonly pipeline: string;
  readonly dataset: string;
  readonly columns: readonly { readonly name: string; readonly type: string; readonly span: Span }[];
  readonly span: Span;
}

/** A target of a pipeline, with where it and each dataset name are written (bind checks the names: LK3007). */
export type TargetSpec = PlanTarget & { readonly span: Span; readonly datasetSpans: readonly Span[] };

/** One pipeline of the manifest. */
export interface PipelineSpec {
  readonly name: string;
  readonly description?: string;
  readonly sources: readonly SourceSpec[];
  readonly models: readonly ModelFile[];
  readonly rules: readonly RuleSpec[];
  readonly contracts: readonly ContractSpec[];
  /** Publication targets, sorted by name. */
  readonly targets: readonly TargetSpec[];
}

/** The operator controls of pipelines.yaml (load/load-control.ts), each with where it was written. */
export interface ControlSpec {
  readonly flags: readonly (PlanControlFlag & { readonly span: Span })[];
  readonly retry: readonly (PlanRetryPolicy & { readonly span: Span })[];
  readonly timeouts: readonly (PlanStageTimeout & { readonly span: Span })[];
  /** In declaration order (project list first, then pipelines by name); the defaults when none is declared. */
  readonly healing: readonly (PlanHealingAction & { readonly span: Span })[];
  /** Every scope naming a stage or pipeline (`stages:` keys, healing `stage`), for bind to check (LK3006). */
  readonly stageRefs: readonly { readonly scope: string; readonly span: Span }[];
}

/** How the project asks to be scheduled, and its sources' alternative routes (load/load-schedule.ts). */
export interface ScheduleSpec {
  readonly profile: ScheduleProfile;
  readonly workers?: number;
  /** Declared throttles, sorted by name. */
  readonly systems: readonly (PlanSystem & { readonly span: Span })[];
  /** pipeline -> the system its stages write to. */
  readonly targetSystems: ReadonlyMap<string, string>;
  /** source step id -> the system it reads from. */
  readonly sourceSystems: ReadonlyMap<string, string>;
  /** Priorities and deadlines by scope (a pipeline, or `<pipeline>.<stage>`); the stage's wins. */
  readonly stagePlans: readonly { readonly scope: string; readonly priority?: Priority; readonly deadlineMs?: number }[];
  /** Alternative routes of sources, in declaration order per source. */
  readonly routes: readonly (PlanRoute & { readonly span: Span })[];
}

/** The loaded project: everything the compiler needs, with paths made project-relative. */
export interface LoadedProject {
  readonly project: string;
  readonly description?: string;
  /** Absolute project folder (never written into a plan). */
  readonly projectDir: string;
  /** Absolute lake root (never written into a plan). */
  readonly lakeDir: string;
  /** Effective variable values after --var overrides, sorted by name. */
  readonly vars: Readonly<Record<string, string>>;
  /** Pipelines sorted by name. */
  readonly pipelines: readonly PipelineSpec[];
  /** Kill switches, retry policies, timeouts and healing actions declared in pipelines.yaml. */
  readonly control: ControlSpec;
  /** Profile, workers, throttles, priorities, deadlines, systems and recovery routes. */
  readonly schedule: ScheduleSpec;
  /** Root `openlineage:`; absent when pipelines.yaml has none. */
  readonly openlineage?: PlanOpenLineage;
}
