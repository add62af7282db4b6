// `lakec catalog`: the medallion metadata derived from SQL alone, as JSON and as tables of the metadata store.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setControlFlag, withMetaStore } from '../../runtime/meta/meta-store.js';
import { REPO } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

describe('lakec catalog', () => {
  it('fills pipelines, stages, sources, targets, rules and lineage tables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lakec-cat-'));
    const db = join(dir, 'meta.duckdb');
    const r = await runCli(['catalog', '--project', REPO, '--db', db, '--out', join(dir, 'a.json')], REPO);
    expect(r.code).toBe(0);
    await withMetaStore(db, async (engine) => {
      const count = async (t: string, where = "pipeline = 'discogs'") => Number((await engine.query(`select count(*) n from ${t} where ${where}`))[0]!['n']);
      expect(await count('pipelines', 'true')).toBe(2);
      expect(await count('stages')).toBe(15);
      expect(await count('sources')).toBe(4);
      expect(await count('targets')).toBe(46);
      expect(await count('validation_rules')).toBe(59);
      // The chinook pipeline: one source of 11 tables and 24 models (10 silver, 14 gold).
      expect(await count('stages', "pipeline = 'chinook'")).toBe(25);
      expect(await count('sources', "pipeline = 'chinook'")).toBe(1);
      expect(await count('targets', "pipeline = 'chinook'")).toBe(35);
      const edge = await engine.query("select type, subtype from column_lineage where to_dataset = 'release_facts' and to_column = 'genres' and type = 'DIRECT'");
      expect(edge).toEqual([{ type: 'DIRECT', subtype: 'AGGREGATION' }]);
      const feeds = await engine.query("select from_dataset from dataset_lineage where to_dataset = 'label_release_counts' order by 1");
      expect(feeds.map((x) => x['from_dataset'])).toEqual(['labels', 'release_label_xref', 'releases_clean']);
    });
    // an operator's flag in the same store survives a re-run, which replaces the catalog tables
    // instead of appending, and the JSON is deterministic
    await setControlFlag(db, { scope: 'discogs.masters', disabled: true, reason: 'late dump', by: 'op@host' });
    expect((await runCli(['catalog', '--project', REPO, '--db', db, '--out', join(dir, 'b.json')], REPO)).code).toBe(0);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a.json'), 'utf8'));
    await withMetaStore(db, async (engine) => {
      expect(Number((await engine.query('select count(*) n from stages'))[0]!['n'])).toBe(40);
      expect(await engine.query('select scope, origin, disabled from control_flags')).toEqual([{ scope: 'discogs.masters', origin: 'operator', disabled: true }]);
    });
  });
});
