// load/: reads root `openlineage:` (job namespace, file and HTTP transports) into the plan's record.
// The schema already checked shapes (URL scheme, endpoint, env name); this applies the defaults.
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source-file.js';
import { DEFAULT_OPENLINEAGE_ENDPOINT, DEFAULT_OPENLINEAGE_TIMEOUT_MS, type PlanOpenLineage } from '../types/openlineage.js';
import { durationMs, type RawDuration } from './load-control.js';
import { nodeAt, nodeSpan } from './read-yaml.js';

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
 * Diagnostics: LK1014 for a URL carrying `user:password@` (after interpolation): it would be written
 * into plan.json; credentials come only from the variable `api_key_env` names.
 * @returns value undefined when the block is absent (the runtime then uses the same defaults).
 */
export function loadOpenLineage(raw: RawOpenLineage | undefined, project: string, doc: Document.Parsed, source: SourceFile): { value: PlanOpenLineage | undefined; diagnostics: Diagnostic[] } {
  if (!raw) return { value: undefined, diagnostics: [] };
  const http = raw.http;
  if (http && /^https?:\/\/[^/]*@/.test(http.url)) {
    return {
      value: undefined,
      diagnostics: [{
        code: 'LK1014', severity: 'error', span: nodeSpan(source, nodeAt(doc, ['openlineage', 'http', 'url'])),
        message: 'the OpenLineage URL carries credentials (user:password@), which would be written into plan.json',
        hint: 'drop them from the URL and put a bearer token in an environment variable named by openlineage.http.api_key_env',
      }],
    };
  }
  const value: PlanOpenLineage = {
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
  return { value, diagnostics: [] };
}
