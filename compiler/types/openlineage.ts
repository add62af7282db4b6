// Data only: where an apply sends its OpenLineage run events (pipelines.yaml root `openlineage:`).
// @see https://openlineage.io/docs/spec/object-model and https://openlineage.io/docs/client/java/configuration (transports)

/** The HTTP transport: events are POSTed one by one, in order, to `url + endpoint` (Marquez's API by default). */
export interface PlanOpenLineageHttp {
  /** Base URL, `http://` or `https://`, without the endpoint, e.g. `http://localhost:5000`. */
  readonly url: string;
  /** Path appended to `url`; default `/api/v1/lineage` (Marquez). */
  readonly endpoint: string;
  /**
   * Name of the environment variable holding a bearer token (sent as `Authorization: Bearer …`), read
   * at apply time; the token itself never enters the plan. Absent: no Authorization header.
   */
  readonly apiKeyEnv?: string;
  /** Time limit of one POST, ms. */
  readonly timeoutMs: number;
}

/**
 * How an apply emits OpenLineage RunEvents (runtime/openlineage/): START and COMPLETE/FAIL/ABORT for
 * the run and for every stage, plus one validation job. Without an `openlineage:` block the plan has
 * none and every apply still writes the file transport with the project name as namespace.
 */
export interface PlanOpenLineage {
  /** Job namespace of every event (default: the project name). */
  readonly namespace: string;
  /** Write newline-delimited JSON to `<run>/_openlineage.jsonl` (default true). */
  readonly file: boolean;
  readonly http?: PlanOpenLineageHttp;
}

/** Marquez's lineage endpoint, the HTTP transport's default. */
export const DEFAULT_OPENLINEAGE_ENDPOINT = '/api/v1/lineage';
/** Default time limit of one POST, ms. */
export const DEFAULT_OPENLINEAGE_TIMEOUT_MS = 5000;
