// plan/: the difference between two plans — what `lakec diff` and `lakec plan` against the published
// run report. Pure and deterministic: no fs, no engine, every list sorted by id. It trusts the plans'
// fingerprints (column-aware since plan format 2) and never recomputes lineage.
import type { Plan, PlanDataset, PlanRule, PlanStep } from '../types/plan.js';
import type { DatasetDiff, ModifiedStep, PlanDiff, PlanDiffSummary, PlanSection, RuleDiff, StepDiff } from '../types/plan-diff.js';
import { canonicalJson } from '../emit/canonical-json.js';
import { classifyStepChange, type StepModification } from './classify-step-change.js';

/**
 * Compares `old` (the published or base plan; undefined when there is none) with `next`.
 *
 * Each step id of either plan appears once in `steps`: `added`, `removed`, `unchanged` (data and
 * metadata fingerprints, kind and layer equal) or `modified`, classified by classify-step-change.ts.
 * A directly modified step lists in `affectedDownstream` the steps downstream of it in `next` whose
 * data fingerprint changed. Datasets (by name) and validation rules (by id) are listed when added,
 * removed or changed.
 *
 * @example
 * const diff = diffPlans(publishedPlan, compiled.plan);
 * if (diff.summary.steps.breaking) console.log(diff.steps.filter((s) => s.change === 'modified'));
 * @returns a new PlanDiff; the inputs are not modified. Never throws on valid plans.
 */
export function diffPlans(old: Plan | undefined, next: Plan): PlanDiff {
  const before = new Map((old?.steps ?? []).map((s) => [s.id, s]));
  const after = new Map(next.steps.map((s) => [s.id, s]));
  const modified = new Map<string, StepModification>();
  const entries: StepDiff[] = [];
  for (const id of sortedIds([...before.keys(), ...after.keys()])) {
    const o = before.get(id);
    const n = after.get(id);
    if (!n) entries.push(presence(o!, 'removed'));
    else if (!o) entries.push(presence(n, 'added'));
    else {
      const m = classifyStepChange(o, n);
      if (m) modified.set(id, m);
      entries.push(m ? { ...m, affectedDownstream: [] } : presence(n, 'unchanged'));
    }
  }
  const affected = affectedDownstream(next, modified);
  const steps = entries.map((e): StepDiff => (e.change === 'modified' ? { ...e, affectedDownstream: affected.get(e.id) ?? [] } : e));
  const datasets = diffDatasets(old?.datasets ?? [], next.datasets);
  const validations = diffRules(old?.validations ?? [], next.validations);
  const pipelinesChanged = !old || canonicalJson(pipelineHeads(old)) !== canonicalJson(pipelineHeads(next));
  const sections: readonly PlanSection[] = ['control', 'schedule', 'recovery', 'targets', 'openlineage'];
  const settingsChanged = old ? sections.filter((k) => canonicalJson(old[k] ?? null) !== canonicalJson(next[k] ?? null)) : [];
  return {
    project: next.project,
    ...(old ? { oldFingerprint: old.fingerprint } : {}),
    newFingerprint: next.fingerprint,
    summary: summarize(old === undefined, steps, datasets, validations, pipelinesChanged, settingsChanged),
    steps, datasets, validations,
  };
}

/** Pipeline names and descriptions, by name: their step lists follow from the steps, compared on their own. */
function pipelineHeads(plan: Plan): { name: string; description: string | null }[] {
  return plan.pipelines.map((p) => ({ name: p.name, description: p.description ?? null })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function presence(step: PlanStep, change: 'added' | 'removed' | 'unchanged'): StepDiff {
  return { id: step.id, kind: step.kind, pipeline: step.pipeline, layer: step.layer, change };
}

/**
 * For each directly modified step whose data changed: the steps reachable from it over reversed
 * `dependsOn` edges of `next`, walking only through steps whose data changed, sorted.
 */
function affectedDownstream(next: Plan, modified: ReadonlyMap<string, StepModification>): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const s of next.steps) {
    for (const d of s.dependsOn) {
      const list = children.get(d);
      if (list) list.push(s.id);
      else children.set(d, [s.id]);
    }
  }
  const out = new Map<string, string[]>();
  for (const [id, m] of modified) {
    if (!m.direct || !m.dataChanged) continue;
    const seen = new Set<string>([id]);
    const found: string[] = [];
    const stack = [id];
    while (stack.length) {
      for (const child of children.get(stack.pop()!) ?? []) {
        if (seen.has(child)) continue;
        seen.add(child);
        if (!modified.get(child)?.dataChanged) continue;
        found.push(child);
        stack.push(child);
      }
    }
    out.set(id, sortedIds(found));
  }
  return out;
}

function diffDatasets(old: readonly PlanDataset[], next: readonly PlanDataset[]): DatasetDiff[] {
  const before = new Map(old.map((d) => [d.name, d]));
  const after = new Map(next.map((d) => [d.name, d]));
  const out: DatasetDiff[] = [];
  for (const name of sortedIds([...before.keys(), ...after.keys()])) {
    const o = before.get(name);
    const n = after.get(name);
    if (!o || !n) {
      out.push({ name, change: o ? 'removed' : 'added', details: [] });
      continue;
    }
    const details: string[] = [];
    if (o.layer !== n.layer) details.push(`layer ${o.layer} -> ${n.layer}`);
    if (o.pipeline !== n.pipeline) details.push(`pipeline ${o.pipeline} -> ${n.pipeline}`);
    if (o.step !== n.step) details.push(`step ${o.step} -> ${n.step}`);
    if (canonicalJson(o.columns) !== canonicalJson(n.columns)) details.push('columns');
    if (details.length) out.push({ name, change: 'modified', details });
  }
  return out;
}

function diffRules(old: readonly PlanRule[], next: readonly PlanRule[]): RuleDiff[] {
  const before = new Map(old.map((r) => [r.rule.id, r]));
  const after = new Map(next.map((r) => [r.rule.id, r]));
  const out: RuleDiff[] = [];
  for (const id of sortedIds([...before.keys(), ...after.keys()])) {
    const o = before.get(id);
    const n = after.get(id);
    if (!o || !n) {
      out.push({ id, change: o ? 'removed' : 'added', fields: [] });
      continue;
    }
    const a = { pipeline: o.pipeline, ...o.rule } as Record<string, unknown>;
    const b = { pipeline: n.pipeline, ...n.rule } as Record<string, unknown>;
    const fields = sortedIds([...Object.keys(a), ...Object.keys(b)]).filter((k) => canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null));
    if (fields.length) out.push({ id, change: 'modified', fields });
  }
  return out;
}

function summarize(
  noOld: boolean, steps: readonly StepDiff[], datasets: readonly DatasetDiff[], rules: readonly RuleDiff[], pipelinesChanged: boolean,
  settingsChanged: readonly PlanSection[],
): PlanDiffSummary {
  const count = <T extends { change: string }>(list: readonly T[], change: string) => list.filter((x) => x.change === change).length;
  const mods = steps.filter((s): s is ModifiedStep => s.change === 'modified');
  const s = {
    added: count(steps, 'added'), removed: count(steps, 'removed'), modified: mods.length, unchanged: count(steps, 'unchanged'),
    breaking: mods.filter((m) => m.category === 'breaking').length, nonBreaking: mods.filter((m) => m.category === 'non-breaking').length,
    direct: mods.filter((m) => m.direct).length, indirect: mods.filter((m) => !m.direct).length,
  };
  const tally = <T extends { change: string }>(list: readonly T[]) => ({ added: count(list, 'added'), removed: count(list, 'removed'), modified: count(list, 'modified') });
  const hasChanges = noOld || pipelinesChanged || settingsChanged.length > 0 || s.added + s.removed + s.modified > 0 || datasets.length > 0 || rules.length > 0;
  return { steps: s, datasets: tally(datasets), validations: tally(rules), pipelinesChanged, settingsChanged, hasChanges };
}

/** Unique ids in UTF-16 code-unit order (locale-independent). */
function sortedIds(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
