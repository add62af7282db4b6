import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import { quoteLiteral } from '../../runtime/engine/engine-adapter.js';
import { evaluateRules } from '../../runtime/validate/evaluate-rules.js';
import { evaluateOne, fixtureDb } from './engine-fixture.js';

describe('row_count_min', () => {
  let engine: EngineAdapter;
  beforeAll(async () => {
    engine = await fixtureDb(`
      CREATE TABLE releases AS SELECT * FROM (VALUES (1), (2), (3)) v(release_id);
      CREATE TABLE empty (x INTEGER);`);
  });
  afterAll(() => engine.close());

  it.each([
    { dataset: 'releases', min: 3, ok: true, value: 3, details: '3 rows (minimum 3)' },
    { dataset: 'releases', min: 4, ok: false, value: 3, details: '3 rows, fewer than the minimum of 4' },
    { dataset: 'empty', min: 0, ok: true, value: 0, details: '0 rows (minimum 0)' },
    { dataset: 'empty', min: 1, ok: false, value: 0, details: '0 rows, fewer than the minimum of 1' },
  ])('$dataset with min $min -> ok=$ok', async ({ dataset, min, ok, value, details }) => {
    const result = await evaluateOne(engine, { id: 'n', kind: 'row_count_min', dataset, min, severity: 'error' });
    expect(result).toEqual({
      id: 'n', kind: 'row_count_min', dataset, severity: 'error',
      check: `row_count_min(${dataset}) >= ${min}`, value, ok, details,
    });
  });

  it('reads any relation expression relationOf returns, e.g. read_parquet over a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lakec-validate-'));
    try {
      await engine.run(`COPY releases TO ${quoteLiteral(join(dir, 'part-0.parquet'))} (FORMAT parquet)`);
      const relationOf = () => `read_parquet(${quoteLiteral(join(dir, '*.parquet'))})`;
      const [result] = await evaluateRules(
        engine, [{ id: 'n', kind: 'row_count_min', dataset: 'releases', min: 1, severity: 'error' }], relationOf);
      expect(result?.value).toBe(3);
      expect(result?.ok).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
