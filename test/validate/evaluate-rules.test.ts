import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import type { ValidationRule } from '../../compiler/types/validation.js';
import { evaluateRules } from '../../runtime/validate/evaluate-rules.js';
import { fixtureDb, recordingEngine, tableOf } from './engine-fixture.js';

const EVIL_COLUMN = 'a"; DROP TABLE t; --';

describe('evaluateRules', () => {
  let engine: EngineAdapter;
  beforeAll(async () => {
    engine = await fixtureDb(`
      CREATE TABLE t AS SELECT * FROM (VALUES (1, 'x'), (1, 'y'), (2, NULL)) v(id, "a""; DROP TABLE t; --");`);
  });
  afterAll(() => engine.close());

  const rules: ValidationRule[] = [
    { id: 'r1', kind: 'row_count_min', dataset: 't', min: 1, severity: 'error' },
    { id: 'r2', kind: 'unique', dataset: 't', columns: ['id'], severity: 'warn' },
    { id: 'r3', kind: 'not_null', dataset: 't', columns: [EVIL_COLUMN], severity: 'info' },
    { id: 'r4', kind: 'accepted_values', dataset: 't', columns: [EVIL_COLUMN], values: ['x', 'y'], severity: 'error' },
    { id: 'r5', kind: 'relationship', dataset: 't', columns: ['id'], to: 't', to_columns: ['id'], severity: 'error' },
  ];

  it('returns one result per rule in rule order, using exactly one query per rule', async () => {
    const { engine: recorder, queries } = recordingEngine(engine);
    const results = await evaluateRules(recorder, rules, tableOf);
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      ['r1', true], ['r2', false], ['r3', false], ['r4', true], ['r5', true],
    ]);
    expect(queries).toHaveLength(rules.length);
    // The injection-looking column name was used as a name, not as SQL.
    expect(await engine.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 3n }]);
  });

  it('computes ok the same way whatever the severity', async () => {
    const severities = ['error', 'warn', 'info'] as const;
    const results = await evaluateRules(
      engine,
      severities.map((severity) => ({ id: severity, kind: 'unique', dataset: 't', columns: ['id'], severity })),
      tableOf,
    );
    expect(results.map((r) => [r.severity, r.ok, r.value])).toEqual([['error', false, 1], ['warn', false, 1], ['info', false, 1]]);
  });

  it('reports an unknown column as unevaluable, naming the error, and keeps going', async () => {
    const results = await evaluateRules(engine, [
      { id: 'bad', kind: 'unique', dataset: 't', columns: ['nope'], severity: 'error' },
      { id: 'good', kind: 'row_count_min', dataset: 't', min: 3, severity: 'error' },
    ], tableOf);
    const [bad, good] = results;
    expect(bad).toMatchObject({ id: 'bad', check: 'unique(t.nope)', value: 0, ok: false });
    expect(bad?.details).toBe('could not evaluate: Binder Error: Referenced column "nope" not found in FROM clause!');
    expect(bad?.error).toContain('"nope"');
    expect(good).toMatchObject({ id: 'good', ok: true, value: 3 });
    expect(good?.error).toBeUndefined();
  });

  it('reports an unknown dataset (missing table) as unevaluable', async () => {
    const [r] = await evaluateRules(engine, [{ id: 'x', kind: 'row_count_min', dataset: 'missing', min: 0, severity: 'warn' }], tableOf);
    expect(r?.ok).toBe(false);
    expect(r?.error).toMatch(/Catalog Error: Table with name missing does not exist/);
  });

  it('reports a relationOf failure as unevaluable without querying', async () => {
    const { engine: recorder, queries } = recordingEngine(engine);
    const relationOf = (dataset: string): string => {
      throw new Error(`no dataset named ${dataset}`);
    };
    const [r] = await evaluateRules(recorder, [{ id: 'x', kind: 'not_null', dataset: 'ghost', columns: ['id'], severity: 'error' }], relationOf);
    expect(r).toMatchObject({ ok: false, value: 0, details: 'could not evaluate: no dataset named ghost', error: 'no dataset named ghost' });
    expect(queries).toEqual([]);
  });

  it.each([
    [{ id: 'x', kind: 'row_count_min', dataset: 't', min: -1, severity: 'error' }, 'min must be a finite number >= 0'],
    [{ id: 'x', kind: 'unique', dataset: 't', columns: [], severity: 'error' }, 'columns must list at least one column'],
    [{ id: 'x', kind: 'not_null', dataset: '', columns: ['id'], severity: 'error' }, 'dataset must be a non-empty string'],
    [{ id: 'x', kind: 'relationship', dataset: 't', columns: ['id'], to: 't', to_columns: ['id'], max_orphan_ratio: 1.5, severity: 'error' },
      'max_orphan_ratio must be a number from 0 to 1'],
    [{ id: 'x', kind: 'accepted_values', dataset: 't', columns: ['id', 'id'], values: [], severity: 'error' }, 'accepted_values takes exactly one column'],
    [{ id: 'x', kind: 'freshness', dataset: 't', severity: 'error' }, 'unknown rule kind "freshness"'],
  ])('reports a malformed rule as unevaluable: %j', async (rule, message) => {
    const { engine: recorder, queries } = recordingEngine(engine);
    const [r] = await evaluateRules(recorder, [rule as unknown as ValidationRule], tableOf);
    expect(r).toMatchObject({ ok: false, value: 0, error: message, details: `could not evaluate: ${message}` });
    expect(queries).toEqual([]);
  });
});
