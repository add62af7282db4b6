// cli/: the human view of a plan: the DAG by layer.
import { sourceWhere, type IngestStep, type Plan } from '../../compiler/index.js';

const LAYER_ORDER = ['bronze', 'silver', 'gold'];

/**
 * Text rendering of `plan`, grouped by layer (bronze, silver, gold, then others by name). Stages that a
 * kill switch in pipelines.yaml disables (their own or their pipeline's) are marked `DISABLED`, and
 * the controls are summed up at the end.
 */
export function renderPlanText(plan: Plan): string {
  const flags = new Map(plan.control.flags.map((f) => [f.scope, f.reason ?? 'no reason given']));
  const disabledBy = (id: string, pipeline: string): string | undefined => flags.get(id) ?? flags.get(pipeline);
  const layers = [...new Set(plan.steps.map((s) => s.layer))].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  const width = Math.max(...plan.steps.map((s) => s.id.length), 4);
  const rules = plan.validations.map((v) => v.rule.severity);
  const priorities = new Map(plan.schedule.stages.map((x) => [x.stage, x.priority]));
  const routes = new Map<string, number>();
  for (const r of plan.recovery.routes) routes.set(r.stage, (routes.get(r.stage) ?? 0) + 1);
  let out = `plan ${plan.project}: ${plan.steps.length} steps, ${plan.datasets.length} datasets, fingerprint ${plan.fingerprint.slice(0, 12)}\n`;
  for (const layer of layers) {
    out += `\n${layer}\n`;
    for (const s of plan.steps.filter((x) => x.layer === layer)) {
      const detail = s.kind === 'ingest'
        ? `ingest ${s.source.type} ${sourceLabel(s.source)} -> ${s.outputs.join(', ')}`
        : `${s.dataset} <- ${s.inputs.join(', ')}  (${s.columns.length} columns)`;
      const off = disabledBy(s.id, s.pipeline);
      const priority = priorities.get(s.id);
      const mark = priority && priority !== 'normal' ? `  [${priority}]` : '';
      const routeNote = routes.get(s.id) ? `  (+${routes.get(s.id)} recovery route${routes.get(s.id) === 1 ? '' : 's'})` : '';
      out += `  ${s.id.padEnd(width)}  ${detail}${mark}${routeNote}${off !== undefined ? `  DISABLED (${off})` : ''}\n`;
    }
  }
  const count = (sev: string) => rules.filter((r) => r === sev).length;
  out += `\nvalidation: ${rules.length} rules (${count('error')} error, ${count('warn')} warn, ${count('info')} info)\n`;
  const c = plan.control;
  out += `control: ${c.flags.length} kill switch${c.flags.length === 1 ? '' : 'es'} set${c.flags.length ? ` (${c.flags.map((f) => f.scope).join(', ')})` : ''}, ` +
    `${c.retry.length} retry polic${c.retry.length === 1 ? 'y' : 'ies'}, ${c.timeouts.length} timeout${c.timeouts.length === 1 ? '' : 's'}, ` +
    `healing: ${c.healing.map((h) => `${h.on} -> ${h.action}`).join(', ') || 'none'}\n`;
  const sched = plan.schedule;
  const limits = (x: (typeof sched.systems)[number]): string => [
    x.maxConcurrent !== undefined ? `max ${x.maxConcurrent}` : '', x.rowsPerSecond !== undefined ? `${x.rowsPerSecond} rows/s` : '', x.bytesPerSecond !== undefined ? `${x.bytesPerSecond} B/s` : '',
  ].filter(Boolean).join(', ') || 'unthrottled';
  out += `schedule: ${sched.profile}, ${sched.workers ?? 'default'} workers, systems: ${sched.systems.map((x) => `${x.name} (${limits(x)})`).join(', ')}\n`;
  return out;
}

function rank(layer: string): number {
  const i = LAYER_ORDER.indexOf(layer);
  return i < 0 ? LAYER_ORDER.length : i;
}

/** Where a source reads from, as one token: `<location>/<pattern>`, or `postgres:<schema>`. */
function sourceLabel(source: IngestStep['source']): string {
  const where = sourceWhere(source);
  return where.pattern ? `${where.location}/${where.pattern}` : where.location;
}
