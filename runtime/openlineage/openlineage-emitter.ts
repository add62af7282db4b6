// openlineage/: turns what an apply reports (ApplyEvent) into OpenLineage RunEvents and hands them to
// the transports in order. Jobs, all in the plan's OpenLineage namespace (default: the project):
// - the apply itself, job `<project>`: START when the run folder exists, COMPLETE when the run
//   succeeded (before promotion), FAIL when it failed, ABORT when kill switches halted it;
// - each stage, job `<stage id>` (e.g. `discogs.releases`), child of the apply (`parent` facet): START,
//   then COMPLETE (succeeded or reused), FAIL, or ABORT (skipped, disabled, cancelled: START and ABORT
//   together, since such a stage never ran);
// - validation, job `<project>/validation`: START before the rules run, then COMPLETE, or FAIL when an
//   `error` rule failed; its inputs carry each dataset's `dataQualityAssertions`.
// @see https://openlineage.io/docs/spec/run-cycle
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, ModelStep, Plan, PlanDataset, PlanStep, RuleResult } from '../../compiler/index.js';
import type { ValidationRule } from '../../compiler/types/validation.js';
import type { ManifestInput, ManifestStep, RunManifest } from '../lake/manifest.js';
import type { OlEventType, OlFacets, OlInputDataset, OlOutputDataset, OlRunEvent } from './ol-event.js';
import { ingestInputNames, lakeDatasetName, type OlName } from './ol-datasets.js';
import {
  columnLineageFacet, dataQualityAssertionsFacet, errorMessageFacet, jobTypeFacet, lakecRunFacet, outputStatisticsFacet,
  parentFacet, processingEngineFacet, schemaFacet, sqlFacet, versionFacet,
} from './ol-facets.js';
import { producerUri, RUN_EVENT_SCHEMA_URL } from './ol-spec.js';
import { uuidV7 } from './ol-run-id.js';
import type { LineageTransport, TransportReport } from './lineage-transport.js';

/** One output of a stage as the executor reports it: rows, and the run that computed its files. */
export interface StageOutput {
  readonly name: string;
  readonly rows: number;
  readonly builtBy: string;
}

/** What the emitter needs to know about the apply. */
export interface EmitterContext {
  readonly plan: Plan;
  /** Absolute project folder (model files, relative source locations). */
  readonly projectDir: string;
  /** Absolute lake root. */
  readonly lakeDir: string;
  /** The lakec run id. */
  readonly runId: string;
  readonly startedAt: Date;
  readonly now: () => Date;
  /** Job namespace. */
  readonly namespace: string;
}

/** Builds and sends the events of one apply; see the file comment. Methods never throw. */
export class OpenLineageEmitter {
  private chain: Promise<void> = Promise.resolve();
  private readonly datasets: ReadonlyMap<string, PlanDataset>;
  private readonly rules: ReadonlyMap<string, ValidationRule>;
  private readonly runUuid: string;
  private readonly started = new Set<string>();
  private validationStart: Date | undefined;

  constructor(private readonly ctx: EmitterContext, private readonly transports: readonly LineageTransport[]) {
    this.datasets = new Map(ctx.plan.datasets.map((d) => [d.name, d]));
    this.rules = new Map(ctx.plan.validations.map((v) => [v.rule.id, v.rule]));
    this.runUuid = uuidV7(ctx.startedAt.getTime(), ctx.runId);
  }

  /** The apply's START. */
  runStarted(): void {
    this.queue(() => this.runEvent('START', this.ctx.startedAt));
  }

  /** A stage started. Model stages carry their SQL (read from the model file) and inputs. */
  stageStarted(step: PlanStep): void {
    this.started.add(step.id);
    const at = this.ctx.now();
    this.queue(async () => {
      const sql = step.kind === 'model' ? await readFile(join(this.ctx.projectDir, step.file), 'utf8').catch(() => undefined) : undefined;
      return this.stageEvent(step, 'START', at, {
        inputs: step.kind === 'model' ? this.modelInputs(step) : [],
        outputs: this.stageOutputs(step, undefined),
        ...(sql !== undefined ? { sql } : {}),
      });
    });
  }

  /** A stage ended: COMPLETE, FAIL or ABORT by its manifest status (a never-started stage gets its START first). */
  stageEnded(step: PlanStep, result: ManifestStep, input: ManifestInput | undefined, outputs: readonly StageOutput[]): void {
    const type: OlEventType = result.status === 'succeeded' || result.status === 'reused' ? 'COMPLETE' : result.status === 'failed' ? 'FAIL' : 'ABORT';
    const end = result.startedAt !== undefined && result.durationMs !== undefined ? new Date(Date.parse(result.startedAt) + result.durationMs) : this.ctx.now();
    if (!this.started.has(step.id)) {
      this.started.add(step.id);
      this.queue(() => this.stageEvent(step, 'START', end, { inputs: [], outputs: [] }));
    }
    const inputs = step.kind === 'model' ? this.modelInputs(step) : ingestInputNames(step, input, this.ctx.projectDir).map((n): OlInputDataset => ({ ...n }));
    this.queue(() => this.stageEvent(step, type, end, { inputs, outputs: type === 'COMPLETE' ? this.stageOutputs(step, outputs) : [], result }));
  }

  /** Validation is about to start. */
  validationStarted(): void {
    this.validationStart = this.ctx.now();
    this.queue(() => this.validationEvent('START', this.validationStart!, []));
  }

  /** Validation ended with these results: FAIL when an `error` rule failed, else COMPLETE. */
  validated(results: readonly RuleResult[]): void {
    if (!this.validationStart) this.validationStarted();
    const failed = results.some((r) => !r.ok && r.severity === 'error');
    this.queue(() => this.validationEvent(failed ? 'FAIL' : 'COMPLETE', this.ctx.now(), results));
  }

  /**
   * The apply ended as `manifest` says: COMPLETE for succeeded, ABORT for halted (kill switches) and for
   * aborted (an interrupted apply, reported by the next one), FAIL otherwise.
   */
  runEnded(manifest: RunManifest): void {
    const type: OlEventType = manifest.status === 'succeeded' ? 'COMPLETE' : manifest.status === 'halted' || manifest.status === 'aborted' ? 'ABORT' : 'FAIL';
    const at = manifest.finishedAt ? new Date(manifest.finishedAt) : this.ctx.now();
    this.queue(() => this.runEvent(type, at, manifest.error));
  }

  /** The apply broke off with an exception (a broken lake, a bug): FAIL. */
  runBroke(error: Diagnostic): void {
    this.queue(() => this.runEvent('FAIL', this.ctx.now(), error));
  }

  /** Sends what is queued and closes every transport. */
  async close(): Promise<TransportReport[]> {
    await this.chain;
    return Promise.all(this.transports.map((t) => t.close()));
  }

  private queue(make: () => OlRunEvent | Promise<OlRunEvent>): void {
    this.chain = this.chain.then(async () => {
      const event = await make();
      for (const t of this.transports) t.send(event);
    }).catch(() => undefined);
  }

  private lakeName(dataset: string): OlName {
    const d = this.datasets.get(dataset);
    return lakeDatasetName(this.ctx.lakeDir, d?.layer ?? 'bronze', dataset);
  }

  private modelInputs(step: ModelStep): OlInputDataset[] {
    return step.inputs.map((name) => {
      const d = this.datasets.get(name);
      return { ...this.lakeName(name), ...(d ? { facets: { schema: schemaFacet(d) } } : {}) };
    });
  }

  /** A stage's outputs; with `produced`, also their versions, row counts and (models) column lineage. */
  private stageOutputs(step: PlanStep, produced: readonly StageOutput[] | undefined): OlOutputDataset[] {
    const names = step.kind === 'model' ? [step.dataset] : step.outputs;
    const byName = new Map((produced ?? []).map((o) => [o.name, o]));
    return names.map((name) => {
      const d = this.datasets.get(name);
      const out = byName.get(name);
      const facets: Record<string, OlFacets[string]> = {};
      if (d) facets['schema'] = schemaFacet(d);
      if (step.kind === 'model') facets['columnLineage'] = columnLineageFacet(step, (n) => this.lakeName(n));
      if (out) facets['version'] = versionFacet(out.builtBy);
      return { ...this.lakeName(name), facets, ...(out ? { outputFacets: { outputStatistics: outputStatisticsFacet(out.rows) } } : {}) };
    });
  }

  private base(type: OlEventType, at: Date, runId: string, runFacets: OlFacets, job: string, jobFacets: OlFacets, inputs: readonly OlInputDataset[], outputs: readonly OlOutputDataset[]): OlRunEvent {
    return {
      eventType: type, eventTime: at.toISOString(), producer: producerUri(), schemaURL: RUN_EVENT_SCHEMA_URL,
      run: { runId, facets: runFacets }, job: { namespace: this.ctx.namespace, name: job, facets: jobFacets }, inputs, outputs,
    };
  }

  private runEvent(type: OlEventType, at: Date, error?: Diagnostic): OlRunEvent {
    const facets: OlFacets = {
      processing_engine: processingEngineFacet(),
      lakec_run: lakecRunFacet({ runId: this.ctx.runId, planFingerprint: this.ctx.plan.fingerprint }),
      ...(error ? { errorMessage: errorMessageFacet(error) } : {}),
    };
    return this.base(type, at, this.runUuid, facets, this.ctx.plan.project, { jobType: jobTypeFacet('RUN') }, [], []);
  }

  private childFacets(extra: OlFacets): OlFacets {
    return { parent: parentFacet({ runId: this.runUuid, namespace: this.ctx.namespace, name: this.ctx.plan.project }), ...extra };
  }

  private stageEvent(step: PlanStep, type: OlEventType, at: Date, parts: { inputs: readonly OlInputDataset[]; outputs: readonly OlOutputDataset[]; sql?: string; result?: ManifestStep }): OlRunEvent {
    const r = parts.result;
    const facets = this.childFacets({
      lakec_run: lakecRunFacet({
        runId: this.ctx.runId, planFingerprint: this.ctx.plan.fingerprint,
        ...(r ? { status: r.status } : {}), ...(r?.reason ? { reason: r.reason } : {}), ...(r?.attempts !== undefined ? { attempts: r.attempts } : {}),
      }),
      ...(r?.error ? { errorMessage: errorMessageFacet(r.error) } : {}),
    });
    const jobFacets: OlFacets = { jobType: jobTypeFacet(step.kind === 'model' ? 'MODEL' : 'INGEST'), ...(parts.sql !== undefined ? { sql: sqlFacet(parts.sql) } : {}) };
    return this.base(type, at, uuidV7(this.ctx.startedAt.getTime(), `${this.ctx.runId}/${step.id}`), facets, step.id, jobFacets, parts.inputs, parts.outputs);
  }

  private validationEvent(type: OlEventType, at: Date, results: readonly RuleResult[]): OlRunEvent {
    const byDataset = new Map<string, RuleResult[]>();
    for (const r of results) byDataset.set(r.dataset, [...(byDataset.get(r.dataset) ?? []), r]);
    const inputs = [...byDataset.keys()].sort().map((name): OlInputDataset => {
      const d = this.datasets.get(name);
      return {
        ...this.lakeName(name), ...(d ? { facets: { schema: schemaFacet(d) } } : {}),
        inputFacets: { dataQualityAssertions: dataQualityAssertionsFacet(byDataset.get(name)!, (id) => this.rules.get(id)) },
      };
    });
    const job = `${this.ctx.plan.project}/validation`;
    const facets = this.childFacets({ lakec_run: lakecRunFacet({ runId: this.ctx.runId, planFingerprint: this.ctx.plan.fingerprint }) });
    return this.base(type, at, uuidV7(this.ctx.startedAt.getTime(), `${this.ctx.runId}/${job}`), facets, job, { jobType: jobTypeFacet('VALIDATION') }, inputs, []);
  }
}
