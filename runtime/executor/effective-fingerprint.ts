// executor/: what makes a dataset reusable across runs. The plan's data fingerprint says what a step
// computes; the effective fingerprint adds what it computes it from: the source files' identities.
import { createHash } from 'node:crypto';
import type { Plan } from '../../compiler/index.js';

/** A source file as identified for reuse: display path, bytes and content hash. */
export interface InputIdentity {
  readonly file: string;
  readonly size: number;
  readonly sha256: string;
}

/** sha256 hex of an ingest step's plan data fingerprint and its input's identity. */
export function ingestEffectiveFingerprint(planData: string, input: InputIdentity): string {
  return createHash('sha256').update(JSON.stringify(['ingest', planData, input.file, input.size, input.sha256])).digest('hex');
}

/** sha256 hex of a model step's plan data fingerprint and the effective fingerprints of the ingest steps upstream of it (sorted). */
export function modelEffectiveFingerprint(planData: string, upstreamIngest: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(['model', planData, [...upstreamIngest].sort()])).digest('hex');
}

/** For every step, the ids of the ingest steps it derives from (transitively through dependsOn), sorted. */
export function ingestAncestors(plan: Plan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const step of plan.steps) {
    if (step.kind === 'ingest') {
      out.set(step.id, [step.id]);
      continue;
    }
    const set = new Set<string>();
    for (const d of step.dependsOn) for (const a of out.get(d) ?? []) set.add(a);
    out.set(step.id, [...set].sort());
  }
  return out;
}
