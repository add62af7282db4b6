// openlineage/: sets up the emitter of one apply from the plan's `openlineage` settings: the file
// transport into the run folder (on unless `file: false`) and the HTTP transport when configured.
import { join } from 'node:path';
import type { Plan } from '../../compiler/index.js';
import { FileTransport, OPENLINEAGE_FILE } from './file-transport.js';
import { HttpTransport } from './http-transport.js';
import type { LineageTransport } from './lineage-transport.js';
import { OpenLineageEmitter } from './openlineage-emitter.js';

/** What `openOpenLineage` needs beyond the plan. */
export interface OpenLineageSetup {
  readonly plan: Plan;
  readonly projectDir: string;
  readonly lakeDir: string;
  readonly runId: string;
  /** The run folder (the file transport writes `_openlineage.jsonl` there). */
  readonly runDir: string;
  readonly startedAt: Date;
  readonly now: () => Date;
  /** Where the HTTP transport's API key variable is read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Seam for tests: the HTTP transport's fetch. */
  readonly fetch?: typeof fetch;
}

/** The emitter of one apply, with its transports; namespace defaults to the project name. */
export function openOpenLineage(setup: OpenLineageSetup): OpenLineageEmitter {
  const settings = setup.plan.openlineage;
  const transports: LineageTransport[] = [];
  if (settings?.file ?? true) transports.push(new FileTransport(join(setup.runDir, OPENLINEAGE_FILE)));
  if (settings?.http) {
    const apiKey = settings.http.apiKeyEnv ? setup.env[settings.http.apiKeyEnv] : undefined;
    transports.push(new HttpTransport({
      url: settings.http.url + settings.http.endpoint, timeoutMs: settings.http.timeoutMs,
      ...(apiKey ? { apiKey } : {}), ...(setup.fetch ? { fetch: setup.fetch } : {}),
    }));
  }
  return new OpenLineageEmitter({
    plan: setup.plan, projectDir: setup.projectDir, lakeDir: setup.lakeDir, runId: setup.runId, startedAt: setup.startedAt, now: setup.now,
    namespace: settings?.namespace ?? setup.plan.project,
  }, transports);
}
