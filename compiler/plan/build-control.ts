// plan/: the plan's `control` section from the loaded controls: spans dropped, arrays in a stable
// order, so the same pipelines.yaml always gives the same bytes. Pure.
import type { PlanControl } from '../types/control.js';
import type { ControlSpec } from '../types/project.js';

const byScope = <T extends { readonly scope: string }>(a: T, b: T): number => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0);

/** The plan's control section: flags, retry overrides and timeouts sorted by scope (`*` first), healing in declaration order. */
export function buildControl(spec: ControlSpec): PlanControl {
  const strip = <T extends { readonly span: unknown }>({ span: _span, ...rest }: T): Omit<T, 'span'> => rest;
  return {
    flags: spec.flags.map(strip).sort(byScope),
    retry: spec.retry.map(strip).sort(byScope),
    healing: spec.healing.map(strip).sort((a, b) => a.order - b.order),
    timeouts: spec.timeouts.map(strip).sort(byScope),
  };
}
