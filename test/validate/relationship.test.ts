import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import type { RelationshipRule } from '../../compiler/types/validation.js';
import { evaluateOne, fixtureDb } from './engine-fixture.js';

const base = {
  id: 'fk', kind: 'relationship', dataset: 'releases', columns: ['master_id'], to: 'masters',
  to_columns: ['id'], severity: 'error',
} as const satisfies RelationshipRule;

describe('relationship', () => {
  let engine: EngineAdapter;
  beforeAll(async () => {
    engine = await fixtureDb(`
      CREATE TABLE masters AS SELECT * FROM (VALUES (1), (2), (3), (NULL)) v(id);
      -- 10 rows: 2 NULL keys (not orphans), orphans 713738 x1 and 1660109 x2.
      CREATE TABLE releases AS SELECT * FROM (VALUES
        (1, 1), (2, 2), (3, 3), (4, 1), (5, NULL), (6, NULL), (7, 713738), (8, 1660109), (9, 1660109), (10, 2)
      ) v(release_id, master_id);
      CREATE TABLE clean AS SELECT * FROM (VALUES (1, 1), (2, NULL)) v(release_id, master_id);
      CREATE TABLE nothing (master_id INTEGER);
      CREATE TABLE tracks AS SELECT * FROM (VALUES (1, 1), (1, 2), (2, 1)) v("release id", "track ""seq""");
      CREATE TABLE credits AS SELECT * FROM (VALUES (1, 1), (1, 2), (2, 2), (3, NULL), (NULL, 9)) v(rid, seq);`);
  });
  afterAll(() => engine.close());

  it('passes when every non-NULL key matches; NULL keys are not orphans', async () => {
    const r = await evaluateOne(engine, { ...base, dataset: 'clean' });
    expect(r).toEqual({
      id: 'fk', kind: 'relationship', dataset: 'clean', severity: 'error',
      check: 'relationship(clean.master_id -> masters.id)', value: 0, ok: true,
      details: 'every non-NULL key of 2 rows matches masters.id',
    });
  });

  it('fails on any orphan by default, with examples most frequent first', async () => {
    const r = await evaluateOne(engine, base);
    expect(r).toMatchObject({ value: 3, ok: false });
    expect(r.details).toBe(
      '3 of 10 rows (30%) reference a master_id absent from masters.id (2 distinct keys): more than max_orphans 0; ' +
        'examples (most frequent first): 1660109, 713738',
    );
  });

  it.each([
    { limits: { max_orphans: 3 }, ok: true, verdict: 'within the allowed limits' },
    { limits: { max_orphans: 2 }, ok: false, verdict: 'more than max_orphans 2' },
    // Ratio 3/10 = 0.3; ratio alone sets no count limit.
    { limits: { max_orphan_ratio: 0.3 }, ok: true, verdict: 'within the allowed limits' },
    { limits: { max_orphan_ratio: 0.29 }, ok: false, verdict: 'above max_orphan_ratio 0.29' },
    { limits: { max_orphans: 100, max_orphan_ratio: 0.25 }, ok: false, verdict: 'above max_orphan_ratio 0.25' },
    { limits: { max_orphans: 2, max_orphan_ratio: 0.5 }, ok: false, verdict: 'more than max_orphans 2' },
    { limits: { max_orphans: 1, max_orphan_ratio: 0.1 }, ok: false, verdict: 'more than max_orphans 1 and above max_orphan_ratio 0.1' },
  ])('limits $limits -> ok=$ok', async ({ limits, ok, verdict }) => {
    const r = await evaluateOne(engine, { ...base, ...limits });
    expect(r.ok).toBe(ok);
    expect(r.value).toBe(3);
    expect(r.details).toContain(`(2 distinct keys): ${verdict}; examples`);
  });

  it('treats an empty dataset as ratio 0', async () => {
    const r = await evaluateOne(engine, { ...base, dataset: 'nothing', max_orphan_ratio: 0 });
    expect(r).toMatchObject({ value: 0, ok: true, details: 'every non-NULL key of 0 rows matches masters.id' });
  });

  it('matches composite keys by position, across differently named and quoted columns', async () => {
    const rule: RelationshipRule = {
      id: 'ck', kind: 'relationship', dataset: 'credits', columns: ['rid', 'seq'], to: 'tracks',
      to_columns: ['release id', 'track "seq"'], severity: 'warn',
    };
    const r = await evaluateOne(engine, rule);
    expect(r).toEqual({
      id: 'ck', kind: 'relationship', dataset: 'credits', severity: 'warn',
      check: 'relationship(credits.(rid, seq) -> tracks.("release id", "track ""seq"""))',
      value: 1, ok: false,
      details:
        '1 of 5 rows (20%) reference a (rid, seq) absent from tracks.("release id", "track ""seq""") ' +
        '(1 distinct key): more than max_orphans 0; examples (most frequent first): (2, 2)',
    });
  });

  it('reports mismatched key lists as unevaluable without querying', async () => {
    const r = await evaluateOne(engine, { ...base, to_columns: ['id', 'other'] });
    expect(r).toMatchObject({ ok: false, value: 0, error: 'columns has 1 entries but to_columns has 2' });
  });
});
