// openlineage/: the shapes of the OpenLineage RunEvents lakec emits (a subset of the 2-0-2 object model).
// @see https://openlineage.io/docs/spec/object-model

/** Every facet starts with who produced it and the schema it follows. */
export interface OlFacet {
  readonly _producer: string;
  readonly _schemaURL: string;
  readonly [key: string]: unknown;
}

export type OlFacets = Readonly<Record<string, OlFacet>>;

/** A dataset as `namespace` + `name` (naming: https://openlineage.io/docs/spec/naming). */
export interface OlDataset {
  readonly namespace: string;
  readonly name: string;
  readonly facets?: OlFacets;
}

export interface OlInputDataset extends OlDataset {
  readonly inputFacets?: OlFacets;
}

export interface OlOutputDataset extends OlDataset {
  readonly outputFacets?: OlFacets;
}

/** The run states lakec emits: one START, then exactly one of COMPLETE, FAIL, ABORT per run. */
export type OlEventType = 'START' | 'COMPLETE' | 'FAIL' | 'ABORT';

/** One RunEvent. `eventTime` is UTC ISO-8601; `run.runId` a UUID (version 7). */
export interface OlRunEvent {
  readonly eventType: OlEventType;
  readonly eventTime: string;
  readonly producer: string;
  readonly schemaURL: string;
  readonly run: { readonly runId: string; readonly facets?: OlFacets };
  readonly job: { readonly namespace: string; readonly name: string; readonly facets?: OlFacets };
  readonly inputs: readonly OlInputDataset[];
  readonly outputs: readonly OlOutputDataset[];
}
