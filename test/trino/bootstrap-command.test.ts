// `lakec bootstrap trino` end to end, in process: the files it writes, its defaults, what it does with a
// model it cannot translate, and its usage errors.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { smallProject } from '../support/temp-project.js';

describe('lakec bootstrap trino', () => {
  it('writes the golden DDL and models of the examples', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lakec-trino-'));
    const r = await runCli(['bootstrap', 'trino', '--project', REPO, '--out', out, '--location', 's3://lakec-example/lake', '--no-cache'], REPO);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('81 tables over s3://lakec-example/lake/active');
    expect(r.stdout).toContain('wrote 35 models');
    expect(readFileSync(join(out, 'ddl.sql'), 'utf8')).toBe(readFileSync(join(REPO, 'golden', 'trino', 'ddl.sql'), 'utf8'));
    for (const f of ['models/gold/release_facts.sql', 'models/gold/dim_date.sql', 'models/silver/artist_name_map.sql']) {
      expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(REPO, 'golden', 'trino', f), 'utf8'));
    }
  });

  it('defaults to <project>/trino and file://<lake>, writes what translates and reports what does not (LK5005, exit 1)', async () => {
    const project = smallProject({
      'silver/item_names.sql': 'SELECT item_id, trim(name) AS name FROM items\n',
      'gold/sorted_tags.sql': '-- lakec: description=tags\nSELECT item_id,\n  list_sort(list(tag)) AS tags FROM item_tags GROUP BY item_id\n',
    });
    const r = await runCli(['bootstrap', 'trino', '--project', project, '--lake', join(project, 'mylake'), '--json', '--no-cache'], project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('models/gold/sorted_tags.sql:3:3: error LK5005: no Trino translation for function "list_sort"');
    const summary = JSON.parse(r.stdout) as { ddl: string; location: string; models: string[]; refused: number; tables: number };
    expect(summary.location).toBe(pathToFileURL(join(project, 'mylake')).href);
    expect(summary.ddl).toBe(join(project, 'trino', 'ddl.sql'));
    expect(summary.refused).toBe(1);
    expect(summary.tables).toBe(4);
    expect(readFileSync(join(project, 'trino', 'ddl.sql'), 'utf8')).toContain(`external_location = '${pathToFileURL(join(project, 'mylake')).href}/active/silver/item_names'`);
    expect(readFileSync(join(project, 'trino', 'models', 'silver', 'item_names.sql'), 'utf8')).toContain("trim(BOTH ' ' FROM name) AS name");
    expect(existsSync(join(project, 'trino', 'models', 'gold', 'sorted_tags.sql'))).toBe(false);
  });

  it('takes --catalog', async () => {
    const project = smallProject({ 'silver/item_names.sql': 'SELECT item_id, name FROM items\n' });
    const r = await runCli(['bootstrap', 'trino', '--project', project, '--catalog', 'lake', '--no-cache'], project);
    expect(r.code).toBe(0);
    expect(readFileSync(join(project, 'trino', 'ddl.sql'), 'utf8')).toContain('CREATE SCHEMA IF NOT EXISTS lake.silver');
    expect(readFileSync(join(project, 'trino', 'models', 'silver', 'item_names.sql'), 'utf8')).toContain('FROM lake.bronze.items AS items');
  });

  it.each([
    [['bootstrap', 'spark'], 'only "trino" is supported'],
    [['bootstrap', 'trino', '--catalog', 'My-Catalog'], '--catalog My-Catalog: give a lower-case identifier'],
  ])('exits 2 on %j', async (argv, message) => {
    const r = await runCli([...argv, '--project', REPO], REPO);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
