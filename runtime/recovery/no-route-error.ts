// recovery/: the failure of a source none of whose routes is available (LK6109, SOURCE_UNAVAILABLE).
import type { XmlIngestStep } from '../../compiler/index.js';
import { LakecError } from '../../compiler/index.js';

/** A route passed over, and why: one line such as resolveSourceFile's LK6105 message. */
export interface TriedRoute {
  readonly name: string;
  readonly reason: string;
}

/**
 * LK6109 (severity error; classified SOURCE_UNAVAILABLE, transient): no route of `stage` is available.
 * Message: `no route to source <stage> is available: <name> (<reason>), …` with every route in
 * preference order; hint: restore the primary, declare or fix a route, or list them with
 * `lakec lineage --routes <first output dataset>`. `details` carries the same for healing commands.
 */
export class NoRouteError extends LakecError {
  readonly details: { readonly stage: string; readonly tried: readonly TriedRoute[] };

  constructor(step: XmlIngestStep, tried: readonly TriedRoute[]) {
    super({
      code: 'LK6109', severity: 'error',
      message: `no route to source ${step.id} is available: ${tried.map((t) => `${t.name} (${t.reason})`).join(', ')}`,
      hint: `restore the dump in "${step.source.location}", or declare a mirror under the source's routes:; \`lakec lineage --routes ${step.outputs[0] ?? step.id}\` lists the routes`,
    });
    this.details = { stage: step.id, tried };
  }
}
