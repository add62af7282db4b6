import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import { evaluateOne, fixtureDb } from './engine-fixture.js';

describe('unique', () => {
  let engine: EngineAdapter;
  beforeAll(async () => {
    engine = await fixtureDb(`
      CREATE TABLE releases AS SELECT * FROM (VALUES (1), (2), (3), (NULL), (NULL)) v(release_id);
      CREATE TABLE dup_ids AS SELECT * FROM (VALUES (10), (9), (10), (9), (3), (3), (3), (4)) v(id);
      CREATE TABLE tracks AS SELECT * FROM (VALUES
        (1, 1, 'a'), (1, 2, 'b'), (2, 1, 'c'), (2, 1, 'd'), (1, NULL, 'e'), (1, NULL, 'f')
      ) v(release_id, seq, title);
      CREATE TABLE labels AS SELECT * FROM (VALUES
        ('Blue Note', 1), ('Blue Note', 2), ('a,"b"', 3), ('a,"b"', 4), ('x'');--', 5), ('x'');--', 6)
      ) v("label name", n);`);
  });
  afterAll(() => engine.close());

  it('passes on distinct keys and ignores NULL keys, saying how many', async () => {
    const r = await evaluateOne(engine, { id: 'pk', kind: 'unique', dataset: 'releases', columns: ['release_id'], severity: 'error' });
    expect(r).toEqual({
      id: 'pk', kind: 'unique', dataset: 'releases', severity: 'error', check: 'unique(releases.release_id)',
      value: 0, ok: true, details: 'no duplicate release_id among 5 rows (2 rows with a NULL key ignored)',
    });
  });

  it('counts duplicated keys and orders examples by frequency, then by key in its own type', async () => {
    const r = await evaluateOne(engine, { id: 'pk', kind: 'unique', dataset: 'dup_ids', columns: ['id'], severity: 'error' });
    expect(r.value).toBe(3);
    expect(r.ok).toBe(false);
    // 9 sorts before 10 numerically (not as text), and 3 (3 rows) comes first.
    expect(r.details).toBe(
      '3 id values occur more than once, covering 7 of 8 rows (87.5%); ' +
        'examples (most frequent first): 3 (3 rows), 9 (2 rows), 10 (2 rows)',
    );
  });

  it('treats several columns as one composite key; partly NULL keys are ignored', async () => {
    const ok = await evaluateOne(engine, { id: 'ck', kind: 'unique', dataset: 'tracks', columns: ['release_id', 'title'], severity: 'error' });
    expect(ok).toMatchObject({ check: 'unique(tracks.(release_id, title))', value: 0, ok: true });
    const bad = await evaluateOne(engine, { id: 'ck', kind: 'unique', dataset: 'tracks', columns: ['release_id', 'seq'], severity: 'error' });
    expect(bad).toMatchObject({
      check: 'unique(tracks.(release_id, seq))',
      value: 1,
      ok: false,
      details:
        '1 (release_id, seq) value occurs more than once, covering 2 of 6 rows (33.33%) ' +
        '(2 rows with a NULL key ignored); examples (most frequent first): (2, 1) (2 rows)',
    });
  });

  it('quotes identifiers and shows awkward example values as JSON strings', async () => {
    const r = await evaluateOne(engine, { id: 'u', kind: 'unique', dataset: 'labels', columns: ['label name'], severity: 'info' });
    expect(r).toMatchObject({ check: 'unique(labels."label name")', value: 3, ok: false });
    expect(r.details).toBe(
      '3 "label name" values occur more than once, covering 6 of 6 rows (100%); ' +
        `examples (most frequent first): "Blue Note" (2 rows), "a,\\"b\\"" (2 rows), "x');--" (2 rows)`,
    );
  });

  it('shows at most 5 examples, the same ones whatever the physical row order', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => i + 1).flatMap((i) => [i, i]);
    const forward = await fixtureDb(`CREATE TABLE t AS SELECT unnest([${ids.join(',')}]) AS id`);
    const backward = await fixtureDb(`CREATE TABLE t AS SELECT unnest([${[...ids].reverse().join(',')}]) AS id`);
    const rule = { id: 'u', kind: 'unique', dataset: 't', columns: ['id'], severity: 'error' } as const;
    const a = await evaluateOne(forward, rule);
    const b = await evaluateOne(backward, rule);
    expect(a.details).toBe(
      '7 id values occur more than once, covering 14 of 14 rows (100%); examples (most frequent first): ' +
        '1 (2 rows), 2 (2 rows), 3 (2 rows), 4 (2 rows), 5 (2 rows)',
    );
    expect(b).toEqual(a);
    await forward.close();
    await backward.close();
  });
});
