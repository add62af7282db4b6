// Renderings of a plan diff: text (colour only when asked), canonical JSON, and a size-bounded Markdown comment.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../compiler/index.js';
import { diffPlans } from '../../compiler/index.js';
import type { PlanDiff, StepDiff } from '../../compiler/index.js';
import type { PlanStep } from '../../compiler/types/plan.js';
import { renderDiffJson, renderDiffText } from '../../runtime/cli/render-diff.js';
import { MARKDOWN_MAX_CHARS, renderDiffMarkdown } from '../../runtime/cli/render-diff-markdown.js';
import { buildTestPlan, ingest, model, rule, sha } from './plan-builder.js';

const SRC = ingest({ kind: 'ingest', id: 'p.raw', outputs: ['raw'] });
const orders = (cols: [string, string, string?][], extra = {}) => model({ id: 'p.orders', deps: ['p.raw'], cols, ...extra });
const old = buildTestPlan([SRC, orders([['id', 'BIGINT'], ['amount', 'DOUBLE']]), model({ id: 'p.gone', cols: [['x', 'INTEGER']] })], [rule('orders_nn', 'orders')]);
function nextPlan() {
  const o = orders([['id', 'BIGINT'], ['amount', 'DOUBLE', 'amount*2'], ['note', 'VARCHAR']], { def: 'v2' });
  return buildTestPlan([
    SRC, o,
    model({ id: 'p.totals', layer: 'gold', deps: ['p.orders'], cols: [['total', 'DOUBLE', o.columnFingerprints[1]]] }),
  ], [rule('orders_nn', 'orders', { severity: 'warn' })]);
}

describe('renderDiffText', () => {
  const diff = diffPlans(old, nextPlan());

  it('lists added, removed and modified steps with reasons, datasets and rules, without colour by default', () => {
    const text = renderDiffText(diff);
    expect(text).not.toMatch(/\x1b\[/);
    expect(text).toContain(`diff demo: ${old.fingerprint.slice(0, 12)} -> ${diff.newFingerprint.slice(0, 12)}\n`);
    expect(text).toContain('steps: 1 added, 1 removed, 1 modified (1 breaking, 0 non-breaking; 1 direct, 0 upstream only), 1 unchanged\n');
    expect(text).toContain('  + p.totals (model, gold)\n');
    expect(text).toContain('  - p.gone (model, silver)\n');
    expect(text).toContain('  ~ p.orders (model, silver)  breaking, direct\n      values can change in column amount\n      column added: note\n');
    expect(text).toContain('  ~ orders_nn  (severity changed)\n');
    expect(text).toContain('  ~ orders  (columns)\n');
  });

  it('colours with ANSI codes when asked', () => {
    expect(renderDiffText(diff, { color: true })).toMatch(/\x1b\[31mbreaking\x1b\[39m/);
  });

  it('says so when nothing changed', () => {
    expect(renderDiffText(diffPlans(old, old))).toBe(`diff demo: ${old.fingerprint.slice(0, 12)} -> ${old.fingerprint.slice(0, 12)}\nno changes: 3 steps unchanged\n`);
  });

  it('shows affected downstream steps of a direct edit', () => {
    const o1 = orders([['id', 'BIGINT']]);
    const o2 = orders([['id', 'BIGINT', 'id+1']], { def: 'v2' });
    const child = (o: typeof o1) => model({ id: 'p.child', deps: ['p.orders'], cols: [['id', 'BIGINT', o.columnFingerprints[0]]] });
    const text = renderDiffText(diffPlans(buildTestPlan([SRC, o1, child(o1)]), buildTestPlan([SRC, o2, child(o2)])));
    expect(text).toContain('      affects 1 downstream: p.child\n');
    expect(text).toContain('  ~ p.child (model, silver)  breaking, upstream only\n');
  });
});

describe('renderDiffJson', () => {
  it('is the canonical JSON of the diff and parses back to it', () => {
    const diff = diffPlans(old, nextPlan());
    const json = renderDiffJson(diff);
    expect(json).toBe(canonicalJson(diff, true) + '\n');
    expect(JSON.parse(json)).toEqual(diff);
  });
});

describe('renderDiffMarkdown', () => {
  it('has the headline counts, a table of edited steps, collapsed lists and the full fingerprint', () => {
    const diff = diffPlans(old, nextPlan());
    const md = renderDiffMarkdown(diff);
    expect(md).toContain('### lakec plan diff: `demo`\n');
    expect(md).toContain('**1 modified** (1 breaking, 0 non-breaking; 1 edited directly, 0 through upstream) · **1 added** · **1 removed** · 1 unchanged steps');
    expect(md).toContain('> [!WARNING]\n> 1 breaking change');
    expect(md).toContain('| step | category | reasons | affected downstream |\n|---|---|---|---|\n| `p.orders` (model, silver) | **breaking** | values can change in column amount<br>column added: note | 0 |\n');
    expect(md).toContain('<details><summary>Added steps (1)</summary>\n\n- `p.totals` (model, gold)\n\n</details>');
    expect(md).toContain('<details><summary>Validation rules changed (1)</summary>\n\n- modified `orders_nn`: severity\n');
    expect(md).toContain(`Plan fingerprint: \`${diff.newFingerprint}\` (base \`${old.fingerprint}\`)\n`);
    expect(md).not.toContain('shortened');
  });

  it('says "No changes" for equal plans', () => {
    const md = renderDiffMarkdown(diffPlans(old, old));
    expect(md).toContain('No changes: 3 steps unchanged.');
    expect(md).not.toContain('<details>');
  });

  it('stays under 65,000 characters for a generated 2,000-step diff, and says lists were shortened', () => {
    const diff = diffPlans(bigPlan(2_000, 'v1'), bigPlan(2_000, 'v2'));
    expect(diff.steps.length).toBeGreaterThanOrEqual(2_000);
    expect(diff.summary.steps.modified).toBeGreaterThan(1_000);
    const md = renderDiffMarkdown(diff);
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(md).toMatch(/\| … and \d+ more \| \| \| \|/);
    expect(md).toMatch(/- … and \d+ more\n/);
    expect(md).toContain('Some lists were shortened to keep this comment under 65,000 characters');
    expect(md).toContain(`Plan fingerprint: \`${diff.newFingerprint}\``);
    expect(md.endsWith('\n')).toBe(true);
  });

  it('stays under the bound in a worst case: 2,000 of each change with long ids and reasons', () => {
    const long = (i: number) => `p.${'x'.repeat(300)}_${i}`;
    const steps: StepDiff[] = [];
    for (let i = 0; i < 2_000; i++) {
      steps.push({ id: long(i), kind: 'model', pipeline: 'p', layer: 'gold', change: 'added' });
      steps.push({ id: `${long(i)}_r`, kind: 'model', pipeline: 'p', layer: 'gold', change: 'removed' });
      steps.push({
        id: `${long(i)}_m`, kind: 'model', pipeline: 'p', layer: 'gold', change: 'modified', direct: i % 2 === 0, dataChanged: true,
        category: 'breaking', reasons: Array.from({ length: 20 }, (_, k) => `reason ${k} | ${'y'.repeat(200)}`),
        columns: { added: [], removed: [], renamed: [], typeChanged: [], valuesChanged: [] },
        affectedDownstream: Array.from({ length: 50 }, (_, k) => long(k)),
      });
    }
    const diff: PlanDiff = {
      project: 'p'.repeat(5_000), oldFingerprint: sha('a'), newFingerprint: sha('b'),
      summary: {
        steps: { added: 2_000, removed: 2_000, modified: 2_000, unchanged: 0, breaking: 2_000, nonBreaking: 0, direct: 1_000, indirect: 1_000 },
        datasets: { added: 0, removed: 0, modified: 2_000 }, validations: { added: 2_000, removed: 0, modified: 0 }, pipelinesChanged: true, settingsChanged: [], hasChanges: true,
      },
      steps,
      datasets: Array.from({ length: 2_000 }, (_, i) => ({ name: `d${'z'.repeat(400)}${i}`, change: 'modified' as const, details: ['columns'] })),
      validations: Array.from({ length: 2_000 }, (_, i) => ({ id: `r${'w'.repeat(400)}${i}`, change: 'added' as const, fields: [] })),
    };
    const md = renderDiffMarkdown(diff);
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(md).toContain(`Plan fingerprint: \`${sha('b')}\``);
  });
});

/**
 * `n` steps: one source and n-1 models in 40 chains with wide schemas. `v2` edits every 3rd model
 * (a column's values), drops every 10th and adds as many new ones, so changes ripple down the chains.
 */
function bigPlan(n: number, version: 'v1' | 'v2'): ReturnType<typeof buildTestPlan> {
  const src = ingest({ kind: 'ingest', id: 'p.raw', outputs: ['raw'] });
  const steps: PlanStep[] = [src];
  const last = new Map<number, { id: string; fp: string }>();
  for (let i = 1; i < n; i++) {
    if (version === 'v2' && i % 10 === 0) {
      steps.push(model({ id: `p.new_model_with_a_long_name_${i}`, deps: ['p.raw'], cols: [['id', 'BIGINT']] }));
      continue;
    }
    const chain = i % 40;
    const parent = last.get(chain);
    const edited = version === 'v2' && i % 3 === 0;
    const m = model({
      id: `p.model_with_a_fairly_long_name_${String(i).padStart(4, '0')}`, layer: i % 2 ? 'silver' : 'gold',
      deps: [parent?.id ?? 'p.raw'], def: edited ? 'v2' : 'v1',
      cols: Array.from({ length: 12 }, (_, k) => [`column_${k}`, 'BIGINT', `${parent?.fp ?? 'src'}|${edited && k < 10 ? 'edited' : ''}${k}`] as [string, string, string]),
    });
    last.set(chain, { id: m.id, fp: m.columnFingerprints[0]! });
    steps.push(m);
  }
  return buildTestPlan(steps);
}
