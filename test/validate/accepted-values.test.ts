import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import type { AcceptedValuesRule } from '../../compiler/types/validation.js';
import { evaluateOne, fixtureDb } from './engine-fixture.js';

const rule = (dataset: string, column: string, values: AcceptedValuesRule['values']): AcceptedValuesRule => ({
  id: 'av', kind: 'accepted_values', dataset, columns: [column], values, severity: 'error',
});

const INJECTION = "x'); DROP TABLE formats; --";

describe('accepted_values', () => {
  let engine: EngineAdapter;
  beforeAll(async () => {
    engine = await fixtureDb(`
      CREATE TABLE formats AS SELECT * FROM (VALUES
        ('Vinyl', 1, true), ('CD', 2, false), ('CD', 3, NULL), (NULL, NULL, true),
        ('Cassette', 4, true), ('8-Track', 4, true), ('Cassette', 5, true),
        ('x''); DROP TABLE formats; --', 1, true)
      ) v("format name", code, is_main);`);
  });
  afterAll(() => engine.close());

  it('passes when every non-NULL value is accepted; SQL-looking values are plain data', async () => {
    const r = await evaluateOne(engine, rule('formats', 'format name', ['Vinyl', 'CD', 'Cassette', '8-Track', INJECTION]));
    expect(r).toMatchObject({ check: 'accepted_values(formats."format name")', value: 0, ok: true });
    expect(r.details).toBe(
      'every non-NULL "format name" of 8 rows is in [Vinyl, CD, Cassette, 8-Track, "x\'); DROP TABLE formats; --"]',
    );
    expect(await engine.query('SELECT count(*) AS n FROM formats')).toEqual([{ n: 8n }]);
  });

  it('counts rows with other values, NULL excluded, examples most frequent first', async () => {
    const r = await evaluateOne(engine, rule('formats', 'format name', ['Vinyl', 'CD']));
    expect(r.value).toBe(4);
    expect(r.ok).toBe(false);
    expect(r.details).toBe(
      '4 of 8 rows (50%) have a "format name" not in [Vinyl, CD] (3 distinct values); ' +
        `examples (most frequent first): Cassette, 8-Track, "x'); DROP TABLE formats; --"`,
    );
  });

  it('compares numbers and booleans in the column type', async () => {
    expect(await evaluateOne(engine, rule('formats', 'code', [1, 2, 3, 4, 5]))).toMatchObject({ value: 0, ok: true });
    expect(await evaluateOne(engine, rule('formats', 'code', [1, 2, 3]))).toMatchObject({
      value: 3, ok: false, details: '3 of 8 rows (37.5%) have a code not in [1, 2, 3] (2 distinct values); examples (most frequent first): 4, 5',
    });
    expect(await evaluateOne(engine, rule('formats', 'is_main', [true]))).toMatchObject({ value: 1, ok: false });
    expect(await evaluateOne(engine, rule('formats', 'is_main', [true, false]))).toMatchObject({ value: 0, ok: true });
  });

  it('accepts numbers for a text column by their text', async () => {
    const db = await fixtureDb(`CREATE TABLE t AS SELECT * FROM (VALUES ('1'), ('2'), ('x')) v(code)`);
    expect(await evaluateOne(db, rule('t', 'code', [1, 2]))).toMatchObject({ value: 1, ok: false });
    await db.close();
  });

  it('accepts nothing but NULL when the list is empty', async () => {
    const r = await evaluateOne(engine, rule('formats', 'code', []));
    expect(r).toMatchObject({ value: 7, ok: false });
    expect(r.details).toContain('not in []');
  });

  it('is unevaluable when a value does not convert to the column type', async () => {
    const r = await evaluateOne(engine, rule('formats', 'code', [1, 'abc']));
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/Conversion Error/);
    expect(r.details).toMatch(/^could not evaluate: Conversion Error/);
  });

  it('rejects non-finite numbers before building SQL', async () => {
    const r = await evaluateOne(engine, rule('formats', 'code', [1, Number.NaN]));
    expect(r).toMatchObject({ ok: false, error: 'values must not contain NaN or infinite numbers' });
  });
});
