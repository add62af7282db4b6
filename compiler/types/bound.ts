// Data only: the project after binding: every dataset with its producer, every model with its inputs.
import type { Span } from '../diagnostics/diagnostic.js';
import type { ParsedModel } from './model.js';
import type { LoadedProject, SourceSpec } from './project.js';
import type { ColumnSchema } from './xml-mapping.js';

/** A dataset (a published relation) and the step that produces it. */
export interface DatasetInfo {
  readonly name: string;
  readonly layer: string;
  readonly pipeline: string;
  /** Step id of the producer: `<pipeline>.<source or model name>`. */
  readonly step: string;
  /** Output columns in order; for models filled by the check phase. */
  readonly columns: readonly ColumnSchema[];
  readonly span: Span;
}

/** A model with its resolved inputs. */
export interface BoundModel extends ParsedModel {
  readonly step: string;
  /** Datasets read, sorted and unique. */
  readonly inputs: readonly string[];
}

/** A source step and the datasets it produces, in mapping order. */
export interface BoundSource {
  readonly step: string;
  readonly spec: SourceSpec;
  readonly outputs: readonly string[];
}

/** The bound project. Maps are keyed by dataset name / step id. */
export interface BoundProject {
  readonly loaded: LoadedProject;
  readonly sources: readonly BoundSource[];
  readonly models: readonly BoundModel[];
  readonly datasets: ReadonlyMap<string, DatasetInfo>;
  /** step id -> step ids it depends on (sorted). */
  readonly dependsOn: ReadonlyMap<string, readonly string[]>;
}
