// `lakec lineage` over the example project and over one SQL file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

describe('lakec lineage', () => {
  it('walks a gold column up to the bronze columns it comes from', async () => {
    const r = await runCli(['lineage', 'release_facts.genres', '--upstream', '--json', '--project', REPO], REPO);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { upstream: { node: string; depth: number }[] };
    expect(out.upstream.map((h) => [h.node, h.depth])).toEqual([['release_genre_xref.genre', 1], ['release_genres.genre', 2]]);
  });

  it('walks a bronze column downstream, and datasets by their inputs', async () => {
    const col = JSON.parse((await runCli(['lineage', 'releases.master_id', '--downstream', '--json', '--project', REPO], REPO)).stdout) as { downstream: { node: string }[] };
    expect(col.downstream.map((h) => h.node)).toEqual(expect.arrayContaining(['releases_clean.master_id', 'release_facts.master_id']));
    const ds = JSON.parse((await runCli(['lineage', 'label_release_counts', '--upstream', '--json', '--project', REPO], REPO)).stdout) as { upstream: { node: string; depth: number }[] };
    expect(ds.upstream.filter((h) => h.depth === 1).map((h) => h.node)).toEqual(['labels', 'release_label_xref', 'releases_clean']);
  });

  it('refuses an unknown column with LK3001', async () => {
    const r = await runCli(['lineage', 'release_facts.nope', '--project', REPO], REPO);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/LK3001/);
  });

  it('gives the documented JSON for one SQL file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lakec-lin-'));
    writeFileSync(join(dir, 'schema.json'), JSON.stringify({ orders: { id: 'BIGINT', amt: 'DOUBLE', cust: 'BIGINT' } }));
    writeFileSync(join(dir, 'q.sql'), 'insert into totals select cust, sum(amt) as total from orders where id > 0 group by cust');
    const r = await runCli(['lineage', '--sql', 'q.sql', '--schema', 'schema.json', '--json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      sources: ['orders'], target: 'totals',
      columns: [
        { name: 'cust', type: 'BIGINT', sources: ['orders.cust'], kind: 'direct', edges: [
          { source: 'orders.cust', type: 'DIRECT', subtype: 'IDENTITY' }, { source: 'orders.cust', type: 'INDIRECT', subtype: 'GROUP_BY' }, { source: 'orders.id', type: 'INDIRECT', subtype: 'FILTER' }] },
        { name: 'total', type: 'DOUBLE', sources: ['orders.amt'], kind: 'transform', edges: [
          { source: 'orders.amt', type: 'DIRECT', subtype: 'AGGREGATION' }, { source: 'orders.cust', type: 'INDIRECT', subtype: 'GROUP_BY' }, { source: 'orders.id', type: 'INDIRECT', subtype: 'FILTER' }] },
      ],
    });
  });
});
