// cli/: the human view of a plan: the DAG by layer.
import type { Plan } from '../../compiler/index.js';

const LAYER_ORDER = ['bronze', 'silver', 'gold'];

/** Text rendering of `plan`, grouped by layer (bronze, silver, gold, then others by name). */
export function renderPlanText(plan: Plan): string {
  const layers = [...new Set(plan.steps.map((s) => s.layer))].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  const width = Math.max(...plan.steps.map((s) => s.id.length), 4);
  const rules = plan.validations.map((v) => v.rule.severity);
  let out = `plan ${plan.project}: ${plan.steps.length} steps, ${plan.datasets.length} datasets, fingerprint ${plan.fingerprint.slice(0, 12)}\n`;
  for (const layer of layers) {
    out += `\n${layer}\n`;
    for (const s of plan.steps.filter((x) => x.layer === layer)) {
      const detail = s.kind === 'ingest'
        ? `ingest ${s.source.location}/${s.source.pattern} -> ${s.outputs.join(', ')}`
        : `${s.dataset} <- ${s.inputs.join(', ')}  (${s.columns.length} columns)`;
      out += `  ${s.id.padEnd(width)}  ${detail}\n`;
    }
  }
  const count = (sev: string) => rules.filter((r) => r === sev).length;
  out += `\nvalidation: ${rules.length} rules (${count('error')} error, ${count('warn')} warn, ${count('info')} info)\n`;
  return out;
}

function rank(layer: string): number {
  const i = LAYER_ORDER.indexOf(layer);
  return i < 0 ? LAYER_ORDER.length : i;
}
