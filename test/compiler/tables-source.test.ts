// Sources of tables (csv/jsonl/parquet files, or a PostgreSQL schema) and publication targets in
// pipelines.yaml: typed from a tables file at compile time, switchable between csv and postgres with a
// variable, with positioned diagnostics for mistakes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject, LIBPQ_ENV } from '../../compiler/index.js';
import { copyProject } from '../support/project-copy.js';
import { CHINOOK_DATA } from '../support/paths.js';

async function compileEdited(edit: (yaml: string) => string, vars: Record<string, string> = {}, files: Record<string, string> = {}) {
  const project = copyProject();
  const file = join(project, 'pipelines.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(project, path), text);
  return compileProject({ projectDir: project, vars, env: {} });
}

describe('tables sources', () => {
  it('the chinook csv source: 11 bronze datasets typed from the tables file, primary keys as error rules', async () => {
    const { plan, diagnostics } = await compileEdited((y) => y);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const store = plan!.steps.find((s) => s.id === 'chinook.store')!;
    expect(store.kind).toBe('ingest');
    if (store.kind !== 'ingest' || store.source.type !== 'csv') throw new Error('not a csv source');
    expect(store.outputs).toEqual(['album', 'artist', 'customer', 'employee', 'genre', 'invoice', 'invoice_line', 'media_type', 'playlist', 'playlist_track', 'track']);
    expect(store.source).toMatchObject({ location: 'specs/chinook/example-csv', pattern: '{table}.csv', tablesFile: 'specs/chinook/tables.yaml' });
    expect(store.source.tables.find((t) => t.dataset === 'invoice_line')).toEqual({
      dataset: 'invoice_line', from: 'invoice_line.csv', primaryKey: ['invoice_line_id'],
      columns: [{ name: 'invoice_line_id', type: 'INTEGER' }, { name: 'invoice_id', type: 'INTEGER' }, { name: 'track_id', type: 'INTEGER' }, { name: 'unit_price', type: 'DECIMAL(10,2)' }, { name: 'quantity', type: 'INTEGER' }],
    });
    const rules = plan!.validations.map((v) => v.rule.id);
    expect(rules).toContain('playlist_track__primary_key');
    expect(plan!.validations.find((v) => v.rule.id === 'playlist_track__primary_key')!.rule).toMatchObject({ kind: 'unique', columns: ['playlist_id', 'track_id'], severity: 'error' });
  });

  it('--var chinook_source=postgres: the same bronze datasets, read from the libpq variables, no location in the plan', async () => {
    const csv = (await compileEdited((y) => y)).plan!;
    const { plan, diagnostics } = await compileEdited((y) => y, { chinook_source: 'postgres' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const store = plan!.steps.find((s) => s.id === 'chinook.store')!;
    if (store.kind !== 'ingest' || store.source.type !== 'postgres') throw new Error('not a postgres source');
    expect(store.source).toMatchObject({ schema: 'public', connection: LIBPQ_ENV });
    expect(JSON.stringify(store.source)).not.toMatch(/example-csv/);
    expect(store.source.tables.map((t) => [t.dataset, t.from])).toContainEqual(['invoice_line', 'invoice_line']);
    const columns = (p: typeof plan) => p!.datasets.filter((d) => d.pipeline === 'chinook' && d.layer === 'bronze').map((d) => [d.name, d.columns]);
    expect(columns(plan)).toEqual(columns(csv));
    expect(store.fingerprint.definition).not.toBe(csv.steps.find((s) => s.id === 'chinook.store')!.fingerprint.definition);
  });

  it('an unknown column type is LK1002 at its position in the tables file; a primary key that is not a column is LK1002 too', async () => {
    const tables = readFileSync(join(copyProject(), 'specs/chinook/tables.yaml'), 'utf8')
      .replace('columns: { genre_id: INTEGER, name: VARCHAR }', 'columns: { genre_id: INTEGR, name: VARCHAR }')
      .replace('primary_key: [artist_id]', 'primary_key: [artistid]');
    const { plan, diagnostics } = await compileEdited((y) => y, {}, { 'specs/chinook/tables.yaml': tables });
    expect(plan).toBeUndefined();
    const type = diagnostics.find((d) => d.code === 'LK1002' && d.message.startsWith('column'))!;
    expect(type.message).toBe('column "genre.genre_id" has type "INTEGR", which a tables file cannot declare');
    expect(type.span).toMatchObject({ file: 'specs/chinook/tables.yaml' });
    expect(diagnostics.find((d) => d.message.startsWith('primary key'))?.message).toBe('primary key column "artistid" is not a column of "artist"');
  });

  it('routes on a csv source are refused (LK1002); a target naming an unknown dataset is LK3007 with a did-you-mean', async () => {
    const routes = await compileEdited((y) => y.replace('        postgres: { schema: public }\n', '        postgres: { schema: public }\n        routes:\n          - { name: mirror, location: elsewhere, cost: 1 }\n'));
    expect(routes.diagnostics.find((d) => d.code === 'LK1002')?.message).toBe('source chinook.store declares routes, but recovery routes are supported for xml sources only');
    const target = await compileEdited((y) => y.replace('  chinook:\n', '  chinook:\n    targets:\n      warehouse: { type: postgres, schema: mart, datasets: [invoice, invoces] }\n'));
    expect(target.plan).toBeUndefined();
    const d = target.diagnostics.find((x) => x.code === 'LK3007')!;
    expect(d.message).toBe('target "chinook.warehouse" publishes unknown dataset "invoces"');
    expect(d.hint).toMatch(/invoice/);
    expect(d.span?.start.line).toBeGreaterThan(1);
  });

  it('a target compiles into plan.targets with its connection as environment variable names only', async () => {
    const { plan, diagnostics } = await compileEdited((y) => y.replace('  chinook:\n', '  chinook:\n    targets:\n      warehouse: { type: postgres, schema: mart, dialect: redshift, datasets: [invoice, album], postgres: { env: { password: WAREHOUSE_PASSWORD } } }\n'));
    expect(diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(plan!.targets).toEqual([{
      id: 'chinook.warehouse', pipeline: 'chinook', type: 'postgres', schema: 'mart', dialect: 'redshift', datasets: ['album', 'invoice'], system: 'postgres',
      connection: { ...LIBPQ_ENV, password: 'WAREHOUSE_PASSWORD' },
    }]);
  });

  it('a table without declared columns is typed from its file by DuckDB at compile time; a postgres one must declare them', async () => {
    const undeclared = readFileSync(join(copyProject(), 'specs/chinook/tables.yaml'), 'utf8')
      .replace('  genre:\n    columns: { genre_id: INTEGER, name: VARCHAR }\n', '  genre:\n')
      .replace(/  invoice:\n    columns:\n(?: {6}.*\n)+/, '  invoice:\n');
    const { plan, diagnostics } = await compileEdited((y) => y, { chinook_csv_dir: CHINOOK_DATA }, { 'specs/chinook/tables.yaml': undeclared });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const columns = (name: string) => plan!.datasets.find((d) => d.name === name)!.columns;
    expect(columns('genre')).toEqual([{ name: 'genre_id', type: 'BIGINT' }, { name: 'name', type: 'VARCHAR' }]);
    expect(columns('invoice').map((c) => c.name)).toEqual(['invoice_id', 'customer_id', 'invoice_date', 'billing_address', 'billing_city', 'billing_state', 'billing_country', 'billing_postal_code', 'total']);
    expect(columns('invoice').find((c) => c.name === 'invoice_date')!.type).toBe('TIMESTAMP');
    const pgSource = await compileEdited((y) => y, { chinook_source: 'postgres' }, { 'specs/chinook/tables.yaml': undeclared });
    expect(pgSource.plan).toBeUndefined();
    expect(pgSource.diagnostics.find((d) => d.code === 'LK1002')?.message).toMatch(/table "genre" of specs\/chinook\/tables\.yaml declares no columns, and a postgres source is not read at compile time/);
  });

  it('a table defined by a query compiles for a postgres source and is refused for a csv one (LK1002)', async () => {
    const withQuery = readFileSync(join(copyProject(), 'specs/chinook/tables.yaml'), 'utf8')
      .replace('  genre:\n    columns:', '  genre:\n    query: "SELECT genre_id, name FROM genre WHERE genre_id < 100"\n    columns:');
    const pgPlan = await compileEdited((y) => y, { chinook_source: 'postgres' }, { 'specs/chinook/tables.yaml': withQuery });
    expect(pgPlan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const store = pgPlan.plan!.steps.find((s) => s.id === 'chinook.store')!;
    if (store.kind !== 'ingest' || store.source.type !== 'postgres') throw new Error('not a postgres source');
    expect(store.source.tables.find((t) => t.dataset === 'genre')).toMatchObject({ from: 'genre', query: 'SELECT genre_id, name FROM genre WHERE genre_id < 100' });
    const csv = await compileEdited((y) => y, {}, { 'specs/chinook/tables.yaml': withQuery });
    expect(csv.plan).toBeUndefined();
    expect(csv.diagnostics.find((d) => d.code === 'LK1002')?.message).toBe('table "genre" of specs/chinook/tables.yaml is defined by a query, which only a postgres source can run (this source is csv)');
  });

  it('editing one table of a tables source changes the fingerprints of that table\'s readers only; a primary key changes no data', async () => {
    const base = readFileSync(join(copyProject(), 'specs/chinook/tables.yaml'), 'utf8');
    const fingerprints = async (tables: string) => new Map((await compileEdited((y) => y, {}, { 'specs/chinook/tables.yaml': tables })).plan!.steps.map((s) => [s.id, s.fingerprint.data]));
    const before = await fingerprints(base);
    const widened = await fingerprints(base.replace('columns: { genre_id: INTEGER, name: VARCHAR }', 'columns: { genre_id: BIGINT, name: VARCHAR }'));
    expect(widened.get('chinook.genres_clean')).not.toBe(before.get('chinook.genres_clean'));
    expect(widened.get('chinook.albums_clean')).toBe(before.get('chinook.albums_clean'));
    expect(widened.get('chinook.customers_clean')).toBe(before.get('chinook.customers_clean'));
    const keyed = await fingerprints(base.replace('  media_type:\n    columns: { media_type_id: INTEGER, name: VARCHAR }\n    primary_key: [media_type_id]\n', '  media_type:\n    columns: { media_type_id: INTEGER, name: VARCHAR }\n'));
    expect(keyed.get('chinook.media_types_clean')).toBe(before.get('chinook.media_types_clean'));
  });
});
