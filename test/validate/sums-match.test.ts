import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import type { SumsMatchRule } from '../../compiler/types/validation.js';
import { compileProject } from '../../compiler/index.js';
import { quarantineRows } from '../../runtime/validate/quarantine-rows.js';
import { manifest, smallProject } from '../support/temp-project.js';
import { evaluateOne, fixtureDb, recordingEngine } from './engine-fixture.js';

const base = {
  id: 'totals', kind: 'sums_match', dataset: 'lines', columns: ['invoice_id'], sum: 'amount',
  to: 'invoices', to_columns: ['id'], to_sum: 'total', severity: 'error',
} as const satisfies SumsMatchRule;

describe('sums_match', () => {
  let engine: EngineAdapter;
  beforeAll(async () => {
    engine = await fixtureDb(`
      CREATE TABLE invoices (id INTEGER, total DECIMAL(10, 2));
      INSERT INTO invoices VALUES (1, 1.98), (2, 2.98), (3, 0.99);
      CREATE TABLE lines (line_id INTEGER, invoice_id INTEGER, amount DECIMAL(10, 2));
      INSERT INTO lines VALUES (1, 1, 0.99), (2, 1, 0.99), (3, 2, 0.99), (4, 2, 1.99), (5, 3, 0.99);
      -- invoice 2 is short by 1.00, invoice 3 by 0.01; invoice 9 has lines but no invoice; invoice 1 has no lines.
      CREATE TABLE bad_lines (invoice_id INTEGER, amount DECIMAL(10, 2));
      INSERT INTO bad_lines VALUES (2, 0.99), (2, 0.99), (3, 0.98), (9, 4.95), (9, NULL);
      -- Double amounts where invoice 1 only matches within a tolerance.
      CREATE TABLE float_lines (invoice_id INTEGER, amount DOUBLE);
      INSERT INTO float_lines VALUES (1, 0.5), (1, 1.4799999), (2, 2.98), (3, 0.99);
      -- Composite, quoted keys; NULL keys match NULL keys; NULL amounts count as 0.
      CREATE TABLE parts ("order id" INTEGER, seq INTEGER, "net amount" DECIMAL(10, 2));
      INSERT INTO parts VALUES (1, 1, 5.00), (1, 1, 2.50), (1, 2, 1.00), (NULL, 1, 3.00), (2, 1, NULL);
      CREATE TABLE orders (oid INTEGER, seq INTEGER, value DECIMAL(10, 2));
      INSERT INTO orders VALUES (1, 1, 7.50), (1, 2, 1.00), (NULL, 1, 3.00), (2, 1, 0);
      CREATE TABLE no_lines (invoice_id INTEGER, amount DECIMAL(10, 2));
      CREATE TABLE no_invoices (id INTEGER, total DECIMAL(10, 2));
      CREATE TABLE names (id INTEGER, total VARCHAR);
      INSERT INTO names VALUES (1, 'x');`);
  });
  afterAll(() => engine.close());

  it('passes when every key sums to the same amount on both sides', async () => {
    const r = await evaluateOne(engine, base);
    expect(r).toEqual({
      id: 'totals', kind: 'sums_match', dataset: 'lines', severity: 'error',
      check: 'sums_match(lines.amount by invoice_id -> invoices.total by id)', value: 0, ok: true,
      details: 'the sums of lines.amount and invoices.total match exactly for 3 invoice_id keys; totals 5.95 and 5.95',
    });
  });

  it('fails with the differing keys, one-sided keys and examples largest difference first', async () => {
    const r = await evaluateOne(engine, { ...base, dataset: 'bad_lines' });
    expect(r).toMatchObject({ value: 4, ok: false });
    expect(r.details).toBe(
      '4 of 4 invoice_id keys (100%) differ between the sums of bad_lines.amount and invoices.total ' +
        '(1 only in bad_lines, 1 only in invoices); totals 7.91 and 5.95; ' +
        'examples (largest difference first): 9 (4.95 vs none), 1 (none vs 1.98), 2 (1.98 vs 2.98), 3 (0.98 vs 0.99)',
    );
  });

  it.each([
    { tolerance: 0.005, value: 4, differ: 'differ by more than 0.005' },
    { tolerance: 0.01, value: 3, differ: 'differ by more than 0.01' },
    { tolerance: 1, value: 2, differ: 'differ by more than 1' },
    // A key on one side only fails whatever the tolerance.
    { tolerance: 1000, value: 2, differ: 'differ by more than 1000' },
  ])('tolerance $tolerance -> $value keys', async ({ tolerance, value, differ }) => {
    const r = await evaluateOne(engine, { ...base, dataset: 'bad_lines', tolerance });
    expect(r).toMatchObject({ value, ok: false });
    expect(r.details).toContain(`invoice_id keys (${value === 4 ? '100%' : `${value * 25}%`}) ${differ} between`);
  });

  it('absorbs small differences (e.g. floating-point error) within the tolerance', async () => {
    const exact = await evaluateOne(engine, { ...base, dataset: 'float_lines' });
    expect(exact.ok).toBe(false);
    expect(exact.value).toBe(1);
    const tolerant = await evaluateOne(engine, { ...base, dataset: 'float_lines', tolerance: 0.005 });
    expect(tolerant).toMatchObject({ ok: true, value: 0 });
    expect(tolerant.details).toMatch(/^the sums of float_lines\.amount and invoices\.total match within 0\.005 for 3 invoice_id keys; totals /);
  });

  it('reports a key on one side only even when its amount is 0', async () => {
    const r = await evaluateOne(engine, { ...base, to: 'orders', to_columns: ['oid'], to_sum: 'value', dataset: 'lines' });
    // lines has keys 1, 2, 3; orders groups to 1 (8.50), NULL (3.00), 2 (0): 3 and NULL are one-sided.
    expect(r.ok).toBe(false);
    expect(r.details).toContain('(1 only in lines, 1 only in orders)');
    expect(r.details).toContain('examples (largest difference first): 1 (1.98 vs 8.50), NULL (none vs 3.00), 2 (2.98 vs 0.00), 3 (0.99 vs none)');
  });

  it('pairs composite, quoted keys by position; NULL keys match NULL keys; NULL amounts count as 0', async () => {
    const rule: SumsMatchRule = {
      id: 'ck', kind: 'sums_match', dataset: 'parts', columns: ['order id', 'seq'], sum: 'net amount',
      to: 'orders', to_columns: ['oid', 'seq'], to_sum: 'value', severity: 'warn',
    };
    const r = await evaluateOne(engine, rule);
    expect(r).toEqual({
      id: 'ck', kind: 'sums_match', dataset: 'parts', severity: 'warn',
      check: 'sums_match(parts."net amount" by ("order id", seq) -> orders.value by (oid, seq))', value: 0, ok: true,
      details: 'the sums of parts."net amount" and orders.value match exactly for 4 ("order id", seq) keys; totals 11.50 and 11.50',
    });
  });

  it('shows a composite key in examples', async () => {
    const r = await evaluateOne(engine, {
      id: 'ck', kind: 'sums_match', dataset: 'orders', columns: ['oid', 'seq'], sum: 'value',
      to: 'parts', to_columns: ['order id', 'seq'], to_sum: 'net amount', severity: 'error', tolerance: 0,
    });
    expect(r.ok).toBe(true);
    await engine.run(`CREATE TABLE parts2 AS SELECT * FROM parts; UPDATE parts2 SET "net amount" = 9 WHERE seq = 2`);
    const bad = await evaluateOne(engine, {
      id: 'ck', kind: 'sums_match', dataset: 'orders', columns: ['oid', 'seq'], sum: 'value',
      to: 'parts2', to_columns: ['order id', 'seq'], to_sum: 'net amount', severity: 'error',
    });
    expect(bad).toMatchObject({ value: 1, ok: false });
    expect(bad.details).toMatch(/; examples \(largest difference first\): \(1, 2\) \(1\.00 vs 9\.00\)$/);
  });

  it('treats two empty sides as matching, and an empty side as every key missing', async () => {
    const empty = await evaluateOne(engine, { ...base, dataset: 'no_lines', to: 'no_invoices' });
    expect(empty).toMatchObject({ value: 0, ok: true, details: 'the sums of no_lines.amount and no_invoices.total match exactly for 0 invoice_id keys; totals 0.00 and 0.00' });
    const missing = await evaluateOne(engine, { ...base, dataset: 'no_lines' });
    expect(missing).toMatchObject({ value: 3, ok: false });
    expect(missing.details).toContain('(3 only in invoices)');
  });

  it('runs exactly one query and quotes every identifier', async () => {
    const { engine: rec, queries } = recordingEngine(engine);
    await evaluateOne(rec, { ...base, sum: 'amount"; DROP TABLE lines; --' });
    expect(queries).toHaveLength(1);
    expect(queries[0]).toContain('"amount""; DROP TABLE lines; --"');
    expect(await engine.query('SELECT count(*) AS n FROM lines')).toEqual([{ n: 5n }]);
  });

  it.each([
    [{ to_columns: ['id', 'x'] }, 'columns has 1 entries but to_columns has 2'],
    [{ sum: '' }, 'sum must name a column'],
    [{ to_sum: '' }, 'to_sum must name a column'],
    [{ to: '' }, 'to must be a non-empty string'],
    [{ tolerance: -1 }, 'tolerance must be a finite number >= 0'],
    [{ tolerance: Number.NaN }, 'tolerance must be a finite number >= 0'],
    [{ columns: [] }, 'columns must list at least one column'],
  ])('reports a malformed rule %j as unevaluable without querying', async (patch, message) => {
    const { engine: rec, queries } = recordingEngine(engine);
    const r = await evaluateOne(rec, { ...base, ...patch } as SumsMatchRule);
    expect(r).toMatchObject({ ok: false, value: 0, error: message });
    expect(queries).toEqual([]);
  });

  it('reports a non-numeric sum column as unevaluable', async () => {
    const r = await evaluateOne(engine, { ...base, to: 'names' });
    expect(r.ok).toBe(false);
    expect(r.error).toBeDefined();
    expect(r.details).toMatch(/^could not evaluate: /);
  });

  it('is not a row-level rule: quarantine refuses it', async () => {
    const out = await quarantineRows(engine, '/nonexistent', { name: 'lines', layer: 'gold' } as never, [base], { readers: [] });
    expect(out).toMatchObject({ outcome: 'not_healed', detail: 'rule(s) totals judge the dataset as a whole, not rows' });
  });
});

describe('sums_match in the spec', () => {
  const okModels = {
    'silver/item_names.sql': 'select item_id, upper(name) as name from items\n',
    'gold/item_tag_counts.sql': 'select item_id, count(*) as tags from item_tags group by item_id\n',
  };
  const rule = (fields: string) => manifest(`    validations:\n      - { id: r1, kind: sums_match, ${fields}, severity: error }\n`);
  const good = 'dataset: item_tag_counts, columns: [item_id], sum: tags, to: item_names, to_columns: [item_id], to_sum: item_id, tolerance: 0.5';

  it('compiles a well-formed rule into the plan as written', async () => {
    const dir = smallProject(okModels, rule(good));
    const result = await compileProject({ projectDir: dir, env: {} });
    expect(result.diagnostics).toEqual([]);
    expect(result.plan!.validations.find((v) => v.rule.id === 'r1')).toEqual({
      pipeline: 'shop',
      rule: { id: 'r1', kind: 'sums_match', dataset: 'item_tag_counts', columns: ['item_id'], sum: 'tags', to: 'item_names', to_columns: ['item_id'], to_sum: 'item_id', tolerance: 0.5, severity: 'error' },
    });
  });

  it.each([
    { name: 'unknown to dataset', fields: good.replace('to: item_names', 'to: item_namez'), code: 'LK3004', message: /unknown dataset "item_namez"/, hint: /did you mean "item_names"\?/ },
    { name: 'unknown sum column', fields: good.replace('sum: tags', 'sum: tag'), code: 'LK4001', message: /dataset "item_tag_counts" has no column "tag"/, hint: /did you mean "tags"\?/ },
    { name: 'unknown to_sum column', fields: good.replace('to_sum: item_id', 'to_sum: nam'), code: 'LK4001', message: /dataset "item_names" has no column "nam"/, hint: /did you mean "name"\?/ },
    { name: 'unknown to_columns column', fields: good.replace('to_columns: [item_id]', 'to_columns: [itemid]'), code: 'LK4001', message: /dataset "item_names" has no column "itemid"/ },
    { name: 'missing to_sum', fields: good.replace(', to_sum: item_id', ''), code: 'LK1002', message: /to_sum/ },
    { name: 'negative tolerance', fields: good.replace('tolerance: 0.5', 'tolerance: -1'), code: 'LK1002', message: /./ },
    { name: 'a field of another kind', fields: `${good}, max_orphans: 1`, code: 'LK1003', message: /max_orphans/ },
  ])('$name -> $code', async ({ fields, code, message, hint }) => {
    const dir = smallProject(okModels, rule(fields));
    const result = await compileProject({ projectDir: dir, env: {} });
    expect(result.plan).toBeUndefined();
    const d = result.diagnostics.find((x) => x.code === code);
    expect(d, `diagnostics were: ${JSON.stringify(result.diagnostics, null, 1)}`).toBeDefined();
    expect(d!.message).toMatch(message);
    if (hint) expect(d!.hint).toMatch(hint);
    expect(d!.span?.file).toBe('pipelines.yaml');
  });
});
