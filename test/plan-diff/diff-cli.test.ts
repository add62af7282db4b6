// `lakec diff OLD NEW` formats and exit codes, and `lakec plan` against the lake's published run (in process).
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitPlan, type Plan } from '../../compiler/index.js';
import { diffPlans } from '../../compiler/index.js';
import { runCli } from '../support/run-cli.js';
import { smallProject } from '../support/temp-project.js';
import { buildTestPlan, ingest, model, rule } from './plan-builder.js';

const SRC = ingest({ kind: 'ingest', id: 'p.raw', outputs: ['raw'] });
const OLD = buildTestPlan([SRC, model({ id: 'p.orders', deps: ['p.raw'], cols: [['id', 'BIGINT'], ['amount', 'DOUBLE']] })], [rule('orders_nn', 'orders')]);
const NEW = buildTestPlan([SRC, model({ id: 'p.orders', deps: ['p.raw'], def: 'v2', cols: [['id', 'BIGINT']] })], [rule('orders_nn', 'orders')]);

describe('lakec diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lakec-diff-'));
  const oldFile = join(dir, 'old.json');
  const newFile = join(dir, 'new.json');
  writeFileSync(oldFile, emitPlan(OLD));
  writeFileSync(newFile, emitPlan(NEW));

  it('prints the text diff and exits 0; 2 with --detailed-exitcode when plans differ, 0 when equal', async () => {
    const r = await runCli(['diff', 'old.json', 'new.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  ~ p.orders (model, silver)  breaking, direct\n      column removed: amount\n');
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect((await runCli(['diff', oldFile, newFile, '--detailed-exitcode'], dir)).code).toBe(2);
    const same = await runCli(['diff', oldFile, oldFile, '--detailed-exitcode'], dir);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('no changes: 2 steps unchanged');
  });

  it('--json prints the PlanDiff; --markdown the PR comment', async () => {
    const json = await runCli(['diff', oldFile, newFile, '--json'], dir);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(diffPlans(OLD, NEW))));
    const md = await runCli(['diff', oldFile, newFile, '--markdown', '--detailed-exitcode'], dir);
    expect(md.code).toBe(2);
    expect(md.stdout).toMatch(/^### lakec plan diff: `demo`\n/);
    expect(md.stdout).toContain(`Plan fingerprint: \`${NEW.fingerprint}\``);
  });

  it('exits 2 on usage errors and 1 on unreadable or invalid plans', async () => {
    const both = await runCli(['diff', oldFile, newFile, '--json', '--markdown'], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json and --markdown cannot be combined');
    expect((await runCli(['diff', oldFile], dir)).code).toBe(2);
    const missing = await runCli(['diff', oldFile, join(dir, 'nope.json'), '--detailed-exitcode'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/LK1006/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...NEW, steps: [{ kind: 'model', id: 'x' }] }));
    const bad = await runCli(['diff', oldFile, 'bad.json'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/LK5001/);
  });
});

describe('lakec plan against the published run', () => {
  const models = {
    'silver/orders.sql': 'SELECT item_id, name FROM items\n',
    'gold/order_names.sql': 'SELECT name FROM orders\n',
    'gold/order_ids.sql': 'SELECT item_id FROM orders\n',
  };
  const project = smallProject(models);
  const lake = join(project, 'lake');
  const out = join(project, 'plan.json');
  const plan = (...extra: string[]) => runCli(['plan', '--project', project, '--lake', lake, '--out', out, ...extra], project);
  /** Publishes `planText` as the active run the way apply leaves it: `_runs/<id>/_plan.json` and the `active` symlink. */
  const publish = (planText: string) => {
    const runId = '20261121T140512345Z-a1b2c3';
    mkdirSync(join(lake, '_runs', runId), { recursive: true });
    writeFileSync(join(lake, '_runs', runId, '_plan.json'), planText);
    symlinkSync(`_runs/${runId}`, join(lake, 'active'));
    return runId;
  };

  it('says every model is new without a published run, and --detailed-exitcode exits 2', async () => {
    const r = await plan('--detailed-exitcode');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('no published run: every model is new\n');
    expect((JSON.parse(readFileSync(out, 'utf8')) as Plan).basedOn).toBeUndefined();
    expect((await plan()).code).toBe(0);
  });

  it('diffs against the active run, sets basedOn, and reports edits with their downstream', async () => {
    const published = readFileSync(out, 'utf8');
    const runId = publish(published);
    const same = await plan('--detailed-exitcode');
    expect(same.code).toBe(0);
    expect(same.stdout).toContain(`against published run ${runId}:\n`);
    expect(same.stdout).toContain('no changes: 4 steps unchanged\n');
    const written = JSON.parse(readFileSync(out, 'utf8')) as Plan;
    expect(written.basedOn).toEqual({ runId, planFingerprint: (JSON.parse(published) as Plan).fingerprint });

    writeFileSync(join(project, 'models/silver/orders.sql'), "SELECT item_id, upper(name) AS name FROM items WHERE name <> ''\n");
    const edited = await plan('--detailed-exitcode');
    expect(edited.code).toBe(2);
    expect(edited.stdout).toMatch(/~ shop\.orders \(model, silver\) {2}breaking, direct\n {6}row logic changed\n/);
    expect(edited.stdout).toMatch(/affects 2 downstream: shop\.order_ids, shop\.order_names/);

    writeFileSync(join(project, 'models/silver/orders.sql'), 'SELECT item_id, upper(name) AS name FROM items\n');
    const oneColumn = await plan();
    expect(oneColumn.stdout).toMatch(/~ shop\.orders \(model, silver\) {2}breaking, direct\n {6}values can change in column name\n {6}affects 1 downstream: shop\.order_names\n/);
    expect(oneColumn.stdout).not.toMatch(/~ shop\.order_ids/);
    expect(oneColumn.stdout).toContain('2 modified (2 breaking, 0 non-breaking; 1 direct, 1 upstream only), 2 unchanged');

    const json = await plan('--json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as Plan).basedOn?.runId).toBe(runId);
    expect(json.stderr).toContain(`against published run ${runId}:\n`);
  });

  it('warns and does not compare when the published plan cannot be read', async () => {
    const other = smallProject(models);
    const otherLake = join(other, 'lake');
    mkdirSync(join(otherLake, '_runs', '20261121T140512345Z-000000'), { recursive: true });
    writeFileSync(join(otherLake, '_runs', '20261121T140512345Z-000000', '_plan.json'), '{"formatVersion": 1}');
    symlinkSync('_runs/20261121T140512345Z-000000', join(otherLake, 'active'));
    const r = await runCli(['plan', '--project', other, '--lake', otherLake, '--out', join(other, 'plan.json'), '--detailed-exitcode'], other);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/warning: the plan of published run 20261121T140512345Z-000000 cannot be read.*LK5002/);
    expect((JSON.parse(readFileSync(join(other, 'plan.json'), 'utf8')) as Plan).basedOn).toBeUndefined();
  });
});
