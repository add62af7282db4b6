// emit/: the last compiler phase. Serializes a plan to its canonical file form.
import type { Plan } from '../types/plan.js';
import { canonicalJson } from './canonical-json.js';

/** The bytes of plan.json: canonical JSON, sorted keys, 2-space indent, `\n` line ends, trailing newline. */
export function emitPlan(plan: Plan): string {
  return canonicalJson(plan, true) + '\n';
}
