// fast-check properties of plans as artifacts (issue 4):
// - reformatting SQL (whitespace, comments, keyword case), reordering YAML keys and writing the files in
//   another order give byte-identical plans;
// - one semantic edit (an added column, a changed filter) changes the data fingerprint of that model and
//   of exactly the downstream models that read an affected column — computed here independently, from
//   the plan's column lineage — and nothing else.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument, isMap, type YAMLMap } from 'yaml';
import { compileProject, emitPlan, renderDiagnosticsText, type ModelStep, type Plan } from '../../compiler/index.js';
import { generateProject, writeProject } from '../gen/gen-project.js';

const work = mkdtempSync(join(tmpdir(), 'lakec-plan-prop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const base = generateProject({ models: 60, seed: 21 });
const modelPaths = [...base.keys()].filter((p) => p.endsWith('.sql')).sort();
let counter = 0;

async function planOf(files: ReadonlyMap<string, string>, order?: readonly string[]): Promise<Plan> {
  const dir = join(work, `p${counter++}`);
  const ordered = order ? new Map(order.map((p) => [p, files.get(p)!])) : files;
  writeProject(dir, ordered);
  const result = await compileProject({ projectDir: dir, env: {} });
  expect(renderDiagnosticsText(result.diagnostics.filter((d) => d.severity === 'error'))).toBe('');
  return result.plan!;
}

const basePlan = planOf(base);
const RESERVED = ['SELECT', 'FROM', 'WHERE', 'JOIN', 'LEFT', 'ON', 'AS', 'GROUP', 'BY', 'ORDER', 'WITH', 'AND', 'OR', 'NOT', 'NULL', 'IS', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END'];

/** Reformats SQL without changing its meaning: keyword case, extra blanks and line breaks, comments between lines. */
function reformat(sql: string, seed: number): string {
  let n = seed;
  const next = (): number => (n = (n * 1103515245 + 12345) & 0x7fffffff);
  // Keywords only outside quotes: the generated models have no keyword text inside string literals.
  let out = sql.replace(new RegExp(`\\b(${RESERVED.join('|')})\\b`, 'g'), (k) => (next() % 2 ? k.toLowerCase() : k));
  out = out.split('\n').map((line) => {
    if (line.trimStart().startsWith('-- lakec:')) return line;
    const r = next() % 4;
    return r === 0 ? `${line}   ` : r === 1 ? `  ${line.replace(/ /g, '  ')}` : r === 2 ? `${line}\n-- reviewed ${n % 97}` : line;
  }).join('\n');
  return `${out}\n/* trailing note */\n`;
}

/** pipelines.yaml with every mapping's keys shuffled (comments and values kept). */
function shuffleYamlKeys(text: string, seed: number): string {
  const doc = parseDocument(text);
  let n = seed;
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      const map = node as YAMLMap;
      map.items.sort(() => ((n = (n * 48271) % 2147483647) % 3) - 1);
      for (const item of map.items) visit(item.value);
    } else if (node && typeof node === 'object' && 'items' in node) {
      for (const item of (node as { items: unknown[] }).items) visit(item);
    }
  };
  visit(doc.contents);
  return doc.toString();
}

/** Steps whose data an added or changed column of `dataset` (all columns when `allColumns`) can reach, by the plan's lineage. */
function readersByLineage(plan: Plan, dataset: string, changed: readonly string[]): Set<string> {
  const affected = new Set(changed.map((c) => `${dataset}.${c}`));
  const steps = new Set<string>();
  for (const step of plan.steps) {
    if (step.kind !== 'model') continue;
    const rowHit = step.rowEdges.some((e) => affected.has(e.source));
    let hit = step.dataset === dataset;
    for (const c of (step as ModelStep).columns) {
      if (rowHit || c.edges.some((e) => affected.has(e.source))) {
        affected.add(`${step.dataset}.${c.name}`);
        hit = true;
      }
    }
    // A model reading any row of a dataset whose rows changed: count(*) and the like.
    if (hit) steps.add(step.id);
  }
  return steps;
}

const changedData = (a: Plan, b: Plan): Set<string> => {
  const old = new Map(a.steps.map((s) => [s.id, s.fingerprint.data]));
  return new Set(b.steps.filter((s) => old.get(s.id) !== s.fingerprint.data).map((s) => s.id));
};

describe('plans are byte-identical under edits that do not change meaning', () => {
  it('SQL whitespace, comments and keyword case; YAML key order; file order', async () => {
    const expected = emitPlan(await basePlan);
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 1e9 }), fc.shuffledSubarray(modelPaths, { minLength: 1 }), async (seed, touched) => {
      const files = new Map(base);
      for (const p of touched) files.set(p, reformat(files.get(p)!, seed));
      files.set('pipelines.yaml', shuffleYamlKeys(files.get('pipelines.yaml')!, seed));
      const order = [...files.keys()].sort((a, b) => ((seed ^ (a.length * 31 + b.length)) % 3) - 1);
      expect(emitPlan(await planOf(files, order))).toBe(expected);
    }), { numRuns: 6, seed: 4 });
  });
});

describe('one semantic edit changes exactly the fingerprints it should', () => {
  it('an added column: the model and the models that read it (through stars) and nothing else', async () => {
    const before = await basePlan;
    await fc.assert(fc.asyncProperty(fc.constantFrom(...modelPaths), async (path) => {
      const text = base.get(path)!;
      const at = text.search(/^SELECT\b/m);
      fc.pre(at >= 0);
      const files = new Map(base);
      files.set(path, `${text.slice(0, at)}SELECT 7 AS prop_added_col,${text.slice(at + 'SELECT'.length)}`);
      const after = await planOf(files);
      const step = after.steps.find((s) => s.kind === 'model' && s.file === path) as ModelStep;
      expect(step.columns.some((c) => c.name === 'prop_added_col')).toBe(true);
      expect(changedData(before, after)).toEqual(readersByLineage(after, step.dataset, ['prop_added_col']));
    }), { numRuns: 8, seed: 7 });
  });

  it('a changed filter: the model and every model reading any of its columns', async () => {
    const before = await basePlan;
    const filtered = modelPaths.filter((p) => /\bWHERE\b/.test(base.get(p)!));
    await fc.assert(fc.asyncProperty(fc.constantFrom(...filtered), async (path) => {
      const files = new Map(base);
      files.set(path, base.get(path)!.replace(/\bWHERE\b/, 'WHERE 1 = 1 AND'));
      const after = await planOf(files);
      const step = after.steps.find((s) => s.kind === 'model' && s.file === path) as ModelStep;
      const changed = changedData(before, after);
      expect(changed.has(step.id)).toBe(true);
      expect(changed).toEqual(readersByLineage(after, step.dataset, step.columns.map((c) => c.name)));
      // Metadata is untouched by a data edit, and a data edit never leaves `definition` alone.
      const old = before.steps.find((s) => s.id === step.id)!;
      expect(step.fingerprint.metadata).toBe(old.fingerprint.metadata);
      expect(step.fingerprint.definition).not.toBe(old.fingerprint.definition);
    }), { numRuns: 6, seed: 9 });
  });

  it('a description edit changes only that step\'s metadata fingerprint', async () => {
    const before = await basePlan;
    const path = modelPaths.find((p) => base.get(p)!.includes('-- lakec: description='))!;
    const files = new Map(base);
    files.set(path, base.get(path)!.replace('-- lakec: description=', '-- lakec: description=Edited: '));
    const after = await planOf(files);
    expect(changedData(before, after).size).toBe(0);
    const changedMeta = after.steps.filter((s, i) => s.fingerprint.metadata !== before.steps[i]!.fingerprint.metadata).map((s) => s.id);
    expect(changedMeta).toEqual([after.steps.find((s) => s.kind === 'model' && s.file === path)!.id]);
  });
});
