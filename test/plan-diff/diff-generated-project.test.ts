// End to end on a generated project: compile, edit one model (add a column, remove a column nobody reads,
// change its description), compile again, diff, and check the categories and the downstream impact.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileProject, type ModelStep, type Plan } from '../../compiler/index.js';
import { diffPlans } from '../../compiler/index.js';
import type { ModifiedStep, PlanDiff } from '../../compiler/index.js';
import { generateProject, writeProject } from '../gen/gen-project.js';

const dir = join(mkdtempSync(join(tmpdir(), 'lakec-diff-gen-')), 'project');
const files = generateProject({ models: 60, seed: 11 });
writeProject(dir, files);

async function compile(): Promise<Plan> {
  const r = await compileProject({ projectDir: dir, env: {} });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.plan!;
}

/** Compiles with `edit` applied to the model file of `step`, then restores the file. */
async function compileEdited(step: ModelStep, edit: (sql: string) => string): Promise<Plan> {
  const path = join(dir, step.file);
  const original = readFileSync(path, 'utf8');
  writeFileSync(path, edit(original));
  try {
    return await compile();
  } finally {
    writeFileSync(path, original);
  }
}

/** Line index of the final top-level `SELECT` and of the `FROM` that ends its select list (generated models put both at column 0). */
function finalSelect(lines: readonly string[]): { select: number; from: number } {
  const select = lines.findLastIndex((l) => /^SELECT\s*$/.test(l));
  const from = lines.findIndex((l, i) => i > select && /^FROM\b/.test(l));
  return { select, from };
}

/** Models whose final select can gain or lose a column without changing rows (no DISTINCT, no GROUP BY ALL), with a dependent. */
function candidates(plan: Plan): ModelStep[] {
  const hasChild = new Set(plan.steps.flatMap((s) => s.dependsOn));
  return plan.steps.filter((s): s is ModelStep => s.kind === 'model' && hasChild.has(s.id)).filter((s) => {
    const lines = readFileSync(join(dir, s.file), 'utf8').split('\n');
    const { select, from } = finalSelect(lines);
    const tail = lines.slice(select).join('\n');
    return select >= 0 && from > select && !/DISTINCT|GROUP BY ALL/.test(tail);
  });
}

const modified = (d: PlanDiff): ModifiedStep[] => d.steps.filter((s): s is ModifiedStep => s.change === 'modified');

describe('plan diff on a generated project', () => {
  let base: Plan;
  let picks: ModelStep[];
  beforeAll(async () => {
    base = await compile();
    picks = candidates(base);
    expect(picks.length).toBeGreaterThan(2);
  });

  it('adding a column is non-breaking; only models reading it through * change, by a column added', async () => {
    const target = picks[0]!;
    const next = await compileEdited(target, (sql) => {
      const lines = sql.split('\n');
      lines.splice(finalSelect(lines).select + 1, 0, '  42 AS diff_added_col,');
      return lines.join('\n');
    });
    const d = diffPlans(base, next);
    const m = d.steps.find((s) => s.id === target.id) as ModifiedStep;
    expect(m).toMatchObject({ change: 'modified', direct: true, dataChanged: true, category: 'non-breaking', reasons: ['column added: diff_added_col'] });
    expect(m.columns).toEqual({ added: ['diff_added_col'], removed: [], renamed: [], typeChanged: [], valuesChanged: [] });
    for (const other of modified(d).filter((s) => s.id !== target.id)) {
      expect(other).toMatchObject({ direct: false, category: 'non-breaking' });
      expect(other.columns.added).toContain('diff_added_col');
    }
    expect(m.affectedDownstream).toEqual(modified(d).filter((s) => s.id !== target.id).map((s) => s.id));
    expect(d.summary.steps).toMatchObject({ added: 0, removed: 0, breaking: 0 });
  });

  it('removing a column nobody reads is breaking for that model only: no downstream model changes', async () => {
    const readColumns = new Set(base.steps.flatMap((s) => (s.kind === 'model' ? [...s.rowEdges, ...s.columns.flatMap((c) => c.edges)].map((e) => e.source) : [])));
    const ruled = new Set(base.validations.map((v) => v.rule.dataset));
    // `* EXCLUDE (c)` names a column without reading it, so no lineage edge shows it: check the dependents' text too.
    const namedByDependents = (step: ModelStep, name: string) => base.steps
      .filter((s): s is ModelStep => s.kind === 'model' && s.dependsOn.includes(step.id))
      .some((s) => new RegExp(`\\b${name}\\b`).test(readFileSync(join(dir, s.file), 'utf8')));
    let found: { step: ModelStep; column: string; line: number } | undefined;
    for (const step of picks.filter((s) => !ruled.has(s.dataset))) {
      const lines = readFileSync(join(dir, step.file), 'utf8').split('\n');
      const { select, from } = finalSelect(lines);
      // A single-line item, not the first (the grain key) nor the last (its comma would need moving).
      for (let i = select + 2; i < from - 1 && !found; i++) {
        const name = /^ {2}(?:\w+\.)?(\w+),$/.exec(lines[i]!)?.[1] ?? /^ {2}.* AS (\w+),$/.exec(lines[i]!)?.[1];
        if (name && !readColumns.has(`${step.dataset}.${name}`) && !namedByDependents(step, name)) found = { step, column: name, line: i };
      }
      if (found) break;
    }
    expect(found).toBeDefined();
    const { step, column, line } = found!;
    const next = await compileEdited(step, (sql) => sql.split('\n').filter((_, i) => i !== line).join('\n'));
    const d = diffPlans(base, next);
    expect(modified(d).map((s) => s.id)).toEqual([step.id]);
    expect(modified(d)[0]).toMatchObject({ direct: true, category: 'breaking', reasons: [`column removed: ${column}`], affectedDownstream: [] });
    expect(modified(d)[0]!.columns.removed).toEqual([column]);
    expect(d.datasets).toEqual([{ name: step.dataset, change: 'modified', details: ['columns'] }]);
  });

  it('a description edit is metadata only: non-breaking, nothing rebuilt downstream', async () => {
    const target = picks[1]!;
    const next = await compileEdited(target, (sql) => sql.replace(/^-- lakec: description=.*$/m, '-- lakec: description=Edited for the diff test'));
    const d = diffPlans(base, next);
    expect(modified(d)).toEqual([expect.objectContaining({
      id: target.id, direct: true, dataChanged: false, category: 'non-breaking', reasons: ['description changed'], affectedDownstream: [],
    })]);
    expect(d.summary.steps.unchanged).toBe(base.steps.length - 1);
  });

  it('the same project twice: no changes', async () => {
    expect(diffPlans(base, await compile()).summary.hasChanges).toBe(false);
  });
});
