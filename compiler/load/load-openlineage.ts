// load/: reads root `openlineage:` (job namespace, file and HTTP transports) into the plan's record.
// The schema already checked shapes (URL scheme, endpoint, env name); this applies the defaults.
import { DEFAULT_OPENLINEAGE_ENDPOINT, DEFAULT_OPENLINEAGE_TIMEOUT_MS, type PlanOpenLineage } from '../types/openlineage.js';
import { durationMs, type RawDuration } from './load-control.js';

/** Root `openlineage:` as the schema admits it. */
export interface RawOpenLineage {
  namespace?: string;
  file?: boolean;
  http?: { url: string; endpoint?: string; api_key_env?: string; timeout?: RawDuration };
}

/**
 * The plan's OpenLineage settings of a schema-valid block: namespace defaults to `project`, the file
 * transport is on unless `file: false`, HTTP gets Marquez's endpoint and a 5 s limit by default. A
 * trailing `/` of the URL is dropped so `url + endpoint` never has `//`.
 * @returns undefined when the block is absent (the runtime then uses the same defaults).
 */
export function loadOpenLineage(raw: RawOpenLineage | undefined, project: string): PlanOpenLineage | undefined {
  if (!raw) return undefined;
  const http = raw.http;
  return {
    namespace: raw.namespace ?? project,
    file: raw.file ?? true,
    ...(http ? {
      http: {
        url: http.url.replace(/\/+$/, ''),
        endpoint: http.endpoint ?? DEFAULT_OPENLINEAGE_ENDPOINT,
        ...(http.api_key_env ? { apiKeyEnv: http.api_key_env } : {}),
        timeoutMs: http.timeout !== undefined ? durationMs(http.timeout) : DEFAULT_OPENLINEAGE_TIMEOUT_MS,
      },
    } : {}),
  };
}
