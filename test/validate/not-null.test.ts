import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import { evaluateOne, fixtureDb } from './engine-fixture.js';

describe('not_null', () => {
  let engine: EngineAdapter;
  beforeAll(async () => {
    engine = await fixtureDb(`
      CREATE TABLE releases AS SELECT * FROM (VALUES
        (1, 'A', 1990), (2, NULL, 1991), (3, 'C', NULL), (4, NULL, NULL), (5, 'E', 1995)
      ) v(release_id, title, year);
      CREATE TABLE "odd table" AS SELECT * FROM (VALUES (1, 'x'), (NULL, 'y')) v("we""ird col", "plain");`);
  });
  afterAll(() => engine.close());

  it('passes when the column has no NULL', async () => {
    const r = await evaluateOne(engine, { id: 'nn', kind: 'not_null', dataset: 'releases', columns: ['release_id'], severity: 'error' });
    expect(r).toMatchObject({ check: 'not_null(releases.release_id)', value: 0, ok: true, details: 'no NULL in release_id among 5 rows' });
    expect(r.error).toBeUndefined();
  });

  it('counts a row with NULLs in several columns once, and breaks the count down per column', async () => {
    const r = await evaluateOne(engine, { id: 'nn', kind: 'not_null', dataset: 'releases', columns: ['title', 'year'], severity: 'warn' });
    expect(r).toMatchObject({
      check: 'not_null(releases.(title, year))',
      value: 3,
      ok: false,
      details: '3 of 5 rows (60%) have a NULL in title (2), year (2)',
    });
  });

  it('lists only the columns that have NULLs in the breakdown', async () => {
    const r = await evaluateOne(engine, { id: 'nn', kind: 'not_null', dataset: 'releases', columns: ['release_id', 'title'], severity: 'error' });
    expect(r.details).toBe('2 of 5 rows (40%) have a NULL in title (2)');
  });

  it('quotes identifiers with spaces and quotes', async () => {
    const r = await evaluateOne(engine, { id: 'nn', kind: 'not_null', dataset: 'odd table', columns: ['we"ird col', 'plain'], severity: 'error' });
    expect(r).toMatchObject({
      check: 'not_null("odd table".("we""ird col", plain))',
      value: 1,
      ok: false,
      details: '1 of 2 rows (50%) have a NULL in "we""ird col" (1)',
    });
  });
});
