// Diagnostics corpus: each error class with its expected code, position and message.
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../compiler/index.js';
import { manifest, smallProject } from '../support/temp-project.js';

interface Case {
  name: string;
  manifest?: string;
  models?: Record<string, string>;
  vars?: Record<string, string>;
  env?: Record<string, string>;
  expected: { code: string; file?: string; line?: number; column?: number; message: RegExp; hint?: RegExp };
}

const okModels = { 'silver/item_names.sql': 'select item_id, upper(name) as name from items\n' };

const cases: Case[] = [
  {
    name: 'YAML syntax error',
    manifest: 'lakec: 1\nproject: [unclosed\n',
    expected: { code: 'LK1001', file: 'pipelines.yaml', line: 3, column: 1, message: /./ },
  },
  {
    name: 'unknown key with did-you-mean',
    manifest: manifest().replace('        pattern: items*.xml*', '        patern: items*.xml*'),
    expected: { code: 'LK1003', file: 'pipelines.yaml', line: 12, column: 9, message: /unknown key "patern" in pipelines\.shop\.sources\.items/, hint: /did you mean "pattern"\?/ },
  },
  {
    name: 'schema violation: enum with did-you-mean',
    manifest: manifest('    validations:\n      - { id: r1, kind: row_count_min, dataset: items, min: 1, severity: eror }\n'),
    expected: { code: 'LK1002', file: 'pipelines.yaml', line: 15, column: 74, message: /"eror" is not allowed/, hint: /did you mean "error"\?/ },
  },
  {
    name: 'unknown variable reference',
    manifest: manifest().replace('${var.dump_dir}', '${var.dumpdir}'),
    expected: { code: 'LK1004', file: 'pipelines.yaml', line: 11, column: 19, message: /unknown variable "dumpdir"/, hint: /did you mean "dump_dir"\?/ },
  },
  {
    name: 'unset environment variable without default',
    manifest: manifest().replace('dumps\n', '${DUMPS_HOME}/dumps\n'),
    expected: { code: 'LK1004', file: 'pipelines.yaml', line: 4, column: 13, message: /environment variable "DUMPS_HOME" is not set/ },
  },
  {
    name: '--var for an undeclared variable',
    vars: { dump_dri: 'x' },
    expected: { code: 'LK1005', message: /no variable "dump_dri" is declared/, hint: /did you mean "dump_dir"\?/ },
  },
  {
    name: 'SQL syntax error at its position',
    models: { 'silver/bad.sql': '-- a comment\nselect item_id,\n  from items wher item_id > 1\n' },
    expected: { code: 'LK2001', file: 'models/silver/bad.sql', line: 3, message: /syntax error/ },
  },
  {
    name: 'unknown table with did-you-mean',
    models: { 'silver/x.sql': 'select *\nfrom itemz\n' },
    expected: { code: 'LK3001', file: 'models/silver/x.sql', line: 2, column: 6, message: /unknown table "itemz"/, hint: /did you mean "items"\?/ },
  },
  {
    name: 'self-reference is a cycle',
    models: { 'silver/loop.sql': 'select * from loop\n' },
    expected: { code: 'LK3002', file: 'models/silver/loop.sql', message: /dependency cycle: shop\.loop -> shop\.loop/ },
  },
  {
    name: 'two-model cycle prints the path',
    models: { 'silver/a.sql': 'select * from b\n', 'gold/b.sql': 'select * from a\n' },
    expected: { code: 'LK3002', message: /dependency cycle: shop\.a -> shop\.b -> shop\.a/ },
  },
  {
    name: 'two producers of one dataset',
    models: { 'silver/items.sql': 'select 1 as x\n' },
    expected: { code: 'LK3003', message: /dataset "items" is produced by both/ },
  },
  {
    name: 'unknown column with position and candidates',
    models: { 'silver/c.sql': 'select item_id,\n    nmae\nfrom items\n' },
    expected: { code: 'LK4001', file: 'models/silver/c.sql', line: 2, column: 5, message: /nmae/, hint: /"name"/ },
  },
  {
    name: 'validation rule on an unknown dataset',
    manifest: manifest('    validations:\n      - { id: r1, kind: unique, dataset: itemz, columns: [item_id], severity: error }\n'),
    expected: { code: 'LK3004', file: 'pipelines.yaml', line: 15, column: 42, message: /unknown dataset "itemz"/, hint: /did you mean "items"\?/ },
  },
  {
    name: 'validation rule on an unknown column',
    manifest: manifest('    validations:\n      - { id: r1, kind: not_null, dataset: item_names, columns: [nam], severity: error }\n'),
    expected: { code: 'LK4001', file: 'pipelines.yaml', message: /dataset "item_names" has no column "nam"/, hint: /did you mean "name"\?/ },
  },
  {
    name: 'unknown model header key',
    models: { 'silver/h.sql': '-- lakec: descripton=x\nselect 1 as a\n' },
    expected: { code: 'LK2003', file: 'models/silver/h.sql', line: 1, column: 11, message: /unknown header key "descripton"/, hint: /did you mean "description"\?/ },
  },
  {
    name: 'ambiguous column',
    models: { 'silver/amb.sql': 'select item_id\nfrom items join item_tags on items.item_id = item_tags.item_id\n' },
    expected: { code: 'LK4003', file: 'models/silver/amb.sql', line: 1, column: 8, message: /ambiguous reference to column name "item_id"/i, hint: /qualify it/ },
  },
  {
    name: 'duplicate output column',
    models: { 'silver/dup.sql': 'select item_id,\n  name,\n  upper(name) as name\nfrom items\n' },
    expected: { code: 'LK4004', file: 'models/silver/dup.sql', line: 3, column: 3, message: /duplicate output column "name"/, hint: /alias one of them/ },
  },
  {
    name: 'contract: missing column',
    manifest: manifest('    contracts:\n      item_names:\n        columns: { item_id: BIGINT, title: VARCHAR }\n'),
    expected: { code: 'LK4005', file: 'pipelines.yaml', line: 16, message: /column "title" is missing/, hint: /./ },
  },
  {
    name: 'contract: type changed',
    manifest: manifest('    contracts:\n      item_names:\n        columns: { item_id: INTEGER }\n'),
    expected: { code: 'LK4006', file: 'pipelines.yaml', line: 16, message: /column "item_id" is BIGINT, contract says INTEGER/, hint: /item_id::INTEGER/ },
  },
  {
    name: 'unique_key header names an unknown column',
    models: { 'gold/keyed.sql': '-- lakec: unique_key=item_idd\nselect item_id from items\n' },
    expected: { code: 'LK4001', file: 'models/gold/keyed.sql', line: 1, message: /unique_key column "item_idd"/, hint: /did you mean "item_id"\?/ },
  },
];

describe('compiler diagnostics corpus', () => {
  it.each(cases)('$name', async (c) => {
    const dir = smallProject({ ...okModels, ...(c.models ?? {}) }, c.manifest ?? manifest());
    const result = await compileProject({ projectDir: dir, vars: c.vars ?? {}, env: c.env ?? {} });
    expect(result.plan).toBeUndefined();
    const d = result.diagnostics.find((x) => x.code === c.expected.code);
    expect(d, `diagnostics were: ${JSON.stringify(result.diagnostics, null, 1)}`).toBeDefined();
    expect(d!.severity).toBe('error');
    expect(d!.message).toMatch(c.expected.message);
    if (c.expected.file) expect(d!.span?.file).toBe(c.expected.file);
    if (c.expected.line) expect(d!.span?.start.line).toBe(c.expected.line);
    if (c.expected.column) expect(d!.span?.start.column).toBe(c.expected.column);
    if (c.expected.hint) expect(d!.hint).toMatch(c.expected.hint);
  });

  it('a unique_key header becomes unique and not-null rules; a satisfied contract passes', async () => {
    const dir = smallProject({ ...okModels, 'gold/keyed.sql': '-- lakec: unique_key=item_id+tag\nselect item_id, tag from item_tags\n' },
      manifest('    contracts:\n      keyed:\n        columns: { item_id: BIGINT, tag: varchar }\n'));
    const result = await compileProject({ projectDir: dir, env: {} });
    expect(result.diagnostics).toEqual([]);
    const rules = result.plan!.validations.map((v) => [v.rule.id, v.rule.kind, 'columns' in v.rule ? v.rule.columns : []]);
    expect(rules).toEqual([['keyed__unique_key', 'unique', ['item_id', 'tag']], ['keyed__unique_key_not_null', 'not_null', ['item_id', 'tag']]]);
  });

  it('a clean project compiles without diagnostics', async () => {
    const dir = smallProject(okModels);
    const result = await compileProject({ projectDir: dir, env: {} });
    expect(result.diagnostics).toEqual([]);
    expect(result.plan?.steps.map((s) => s.id)).toEqual(['shop.items', 'shop.item_names']);
    const model = result.plan!.steps[1]!;
    const columns = model.kind === 'model' ? model.columns : [];
    expect(columns.map((c) => [c.name, c.type, c.kind, c.sources])).toEqual([
      ['item_id', 'BIGINT', 'direct', ['items.item_id']],
      ['name', 'VARCHAR', 'transform', ['items.name']],
    ]);
  });
});
