// bind/: the third compiler phase. Registers every dataset with its producer, resolves each model's
// table references against them, and reports unknown tables, duplicate producers and cycles.
// Pure: no I/O.
import type { Diagnostic, Phase, Span } from '../diagnostics/diagnostic.js';
import { suggestName } from '../diagnostics/did-you-mean.js';
import type { BoundModel, BoundProject, BoundSource, DatasetInfo } from '../types/bound.js';
import type { ParsedModel } from '../types/model.js';
import type { LoadedProject } from '../types/project.js';
import { xmlOutputSchemas } from '../load/xml-source-schema.js';
import { findCycle } from './find-cycle.js';

/**
 * Binds parsed models to datasets. Diagnostics: LK3001 unknown table (did-you-mean), LK3002 cycle
 * (the path in the message, each edge in `related`), LK3003 two producers of one dataset or step id,
 * LK3006 a control setting (`stages:` key, healing `stage`) naming no stage or pipeline.
 */
export function bindProject(loaded: LoadedProject, parsed: readonly ParsedModel[]): Phase<BoundProject> {
  const diagnostics: Diagnostic[] = [];
  const datasets = new Map<string, DatasetInfo>();
  const steps = new Map<string, Span>();
  const register = (info: DatasetInfo): void => {
    const existing = datasets.get(info.name);
    if (existing) {
      diagnostics.push({
        code: 'LK3003', severity: 'error', message: `dataset "${info.name}" is produced by both "${existing.step}" and "${info.step}"`,
        span: info.span, hint: 'rename one of them: every dataset has exactly one producer',
        related: [{ span: existing.span, message: `first produced by "${existing.step}" here` }],
      });
      return;
    }
    datasets.set(info.name, info);
  };
  const claimStep = (id: string, span: Span): void => {
    const first = steps.get(id);
    if (first) diagnostics.push({ code: 'LK3003', severity: 'error', message: `step "${id}" is declared twice`, span, hint: 'a source and a model of one pipeline need different names', related: [{ span: first, message: 'first declared here' }] });
    else steps.set(id, span);
  };

  const sources: BoundSource[] = [];
  for (const pipeline of loaded.pipelines) {
    for (const spec of pipeline.sources) {
      const step = `${pipeline.name}.${spec.name}`;
      claimStep(step, spec.span);
      const tables = spec.type === 'xml' ? xmlOutputSchemas(spec.mapping) : spec.tables.map((t) => ({ table: t.dataset, columns: t.columns }));
      for (const t of tables) register({ name: t.table, layer: 'bronze', pipeline: pipeline.name, step, columns: t.columns, span: spec.span });
      sources.push({ step, spec, outputs: tables.map((t) => t.table) });
    }
  }
  for (const m of parsed) {
    const step = `${m.pipeline}.${m.dataset}`;
    claimStep(step, m.span);
    register({ name: m.dataset, layer: m.layer, pipeline: m.pipeline, step, columns: [], span: m.span });
  }

  const names = [...datasets.keys()];
  const models: BoundModel[] = [];
  const dependsOn = new Map<string, readonly string[]>();
  for (const s of sources) dependsOn.set(s.step, []);
  for (const m of parsed) {
    const inputs = new Set<string>();
    for (const ref of m.tableRefs) {
      const name = ref.name.toLowerCase();
      const target = datasets.get(name);
      const schemaOk = ref.schema === '' || ref.schema.toLowerCase() === target?.layer || ref.schema.toLowerCase() === 'main';
      if (!target || !schemaOk) {
        const shown = ref.schema ? `${ref.schema}.${ref.name}` : ref.name;
        diagnostics.push({
          code: 'LK3001', severity: 'error', message: `unknown table "${shown}"`, span: ref.span,
          hint: target ? `"${name}" is in layer "${target.layer}": write ${target.layer}.${name} or just ${name}` : suggestName(name, names, 'table') ?? 'no dataset of that name is produced by any source or model',
        });
        continue;
      }
      inputs.add(name);
    }
    const step = `${m.pipeline}.${m.dataset}`;
    const sorted = [...inputs].sort();
    models.push({ ...m, step, inputs: sorted });
    dependsOn.set(step, [...new Set(sorted.map((d) => datasets.get(d)!.step))].sort());
  }

  const scopes = [...loaded.pipelines.map((p) => p.name), ...steps.keys()];
  for (const ref of loaded.control.stageRefs) {
    if (scopes.includes(ref.scope)) continue;
    diagnostics.push({
      code: 'LK3006', severity: 'error', message: `unknown stage "${ref.scope}" in control settings`, span: ref.span,
      hint: suggestName(ref.scope, scopes, 'stage') ?? 'a stage is a source name or a model dataset name of the pipeline',
    });
  }

  const cycle = findCycle(dependsOn);
  if (cycle) {
    const spanOf = (step: string): Span | undefined => models.find((m) => m.step === step)?.span;
    diagnostics.push({
      code: 'LK3002', severity: 'error', message: `dependency cycle: ${cycle.join(' -> ')}`,
      ...(spanOf(cycle[0]!) ? { span: spanOf(cycle[0]!)! } : {}),
      hint: 'a model cannot read (directly or through others) the dataset it produces',
      related: cycle.slice(0, -1).map((step, i) => {
        const m = models.find((x) => x.step === step);
        const ref = m?.tableRefs.find((r) => datasets.get(r.name.toLowerCase())?.step === cycle[i + 1]);
        return { ...(ref ? { span: ref.span } : {}), message: `"${step}" reads "${cycle[i + 1]}"` };
      }),
    });
  }
  if (diagnostics.length) return { value: undefined, diagnostics };
  return { value: { loaded, sources, models, datasets, dependsOn }, diagnostics };
}
