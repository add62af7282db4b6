// Golden Trino bootstrap of the shipped examples (Discogs from its example dumps, Chinook from its example
// CSV files: the default vars): the DDL and every model's Trino SQL are committed under golden/trino/, and
// every statement must parse with a Trino-dialect parser. `UPDATE_GOLDEN=1` (npm run golden:update)
// rewrites the files; reviewers read the diff.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileProject, trinoBootstrap, type TrinoBootstrap } from '../../compiler/index.js';
import { REPO } from '../support/paths.js';
import { nodeSqlParserError, trinoGrammarError } from './trino-grammars.js';

const GOLDEN = join(REPO, 'golden', 'trino');
/** A fixed location keeps the DDL free of this machine's paths. */
const LOCATION = 's3://lakec-example/lake';

let boot: TrinoBootstrap;

/** Golden file path (relative to golden/trino) -> generated text. */
function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>([['ddl.sql', boot.ddl.text]]);
  for (const m of boot.models) files.set(`models/${m.layer}/${m.dataset}.sql`, m.text);
  return files;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(GOLDEN, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

beforeAll(async () => {
  const compiled = await compileProject({ projectDir: REPO, env: {} });
  expect(compiled.diagnostics).toEqual([]);
  boot = await trinoBootstrap(compiled.plan!, REPO, { location: LOCATION });
});

describe('golden Trino bootstrap of the examples', () => {
  it('translates every dataset and model with no diagnostic', () => {
    expect(boot.diagnostics).toEqual([]);
    expect(boot.models.length).toBe(35);
    expect(boot.ddl.statements.filter((s) => s.startsWith('CREATE TABLE')).length).toBe(81);
  });

  it('matches the committed files under golden/trino/', () => {
    const files = generatedFiles();
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(GOLDEN)) {
      if (process.env['CI'] === 'true' && !existsSync(GOLDEN)) throw new Error('golden/trino is missing: run npm run golden:update and commit it');
      rmSync(GOLDEN, { recursive: true, force: true });
      for (const [rel, text] of files) {
        mkdirSync(dirname(join(GOLDEN, rel)), { recursive: true });
        writeFileSync(join(GOLDEN, rel), text);
      }
    }
    expect(listFiles(GOLDEN)).toEqual([...files.keys()].sort());
    for (const [rel, text] of files) expect(text, rel).toBe(readFileSync(join(GOLDEN, rel), 'utf8'));
  });

  it('writes external Hive tables over <location>/active/<layer>/<dataset> in Parquet', () => {
    const table = boot.ddl.statements.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS hive.gold.release_facts '))!;
    expect(table).toContain(`external_location = '${LOCATION}/active/gold/release_facts'`);
    expect(table).toContain("format = 'PARQUET'");
    expect(table).toContain('main_artist_ids ARRAY(BIGINT)');
    expect(boot.ddl.statements.slice(0, 3)).toEqual(['CREATE SCHEMA IF NOT EXISTS hive.bronze', 'CREATE SCHEMA IF NOT EXISTS hive.silver', 'CREATE SCHEMA IF NOT EXISTS hive.gold']);
  });
});

describe('the generated SQL parses as Trino', () => {
  it('both parsers reject DuckDB-only syntax, so the checks below are not vacuous', () => {
    for (const sql of ['SELECT * EXCLUDE (a) FROM t', 'SELECT a FROM t GROUP BY ALL', 'SELECT a FROM t WHERE']) {
      expect(nodeSqlParserError(sql), sql).toBeDefined();
      expect(trinoGrammarError(sql), sql).toBeDefined();
    }
    expect(trinoGrammarError('SELECT a::INTEGER, a // 2 FROM t')).toBeDefined();
  });

  it('every DDL statement parses with the Trino grammar (dt-sql-parser TrinoSQL)', () => {
    const failures = boot.ddl.statements.map((s) => [s.split('\n')[0], trinoGrammarError(s)]).filter(([, e]) => e !== undefined);
    expect(failures).toEqual([]);
  });

  it('every CREATE SCHEMA parses with node-sql-parser (database: trino)', () => {
    const schemas = boot.ddl.statements.filter((s) => s.startsWith('CREATE SCHEMA'));
    expect(schemas.map((s) => [s, nodeSqlParserError(s)]).filter(([, e]) => e !== undefined)).toEqual([]);
  });

  it('node-sql-parser\'s trino grammar still lacks table properties, so CREATE TABLE is checked with the Trino grammar alone', () => {
    // When this starts parsing, extend the check above to the CREATE TABLE statements.
    expect(nodeSqlParserError("CREATE TABLE IF NOT EXISTS hive.s.t (a BIGINT) WITH (format = 'PARQUET')")).toBeDefined();
    expect(trinoGrammarError("CREATE TABLE IF NOT EXISTS hive.s.t (a BIGINT) WITH (format = 'PARQUET')")).toBeUndefined();
  });

  it('every transpiled model file parses with node-sql-parser (database: trino)', () => {
    const failures = boot.models.map((m) => [m.file, nodeSqlParserError(m.text)]).filter(([, e]) => e !== undefined);
    expect(failures).toEqual([]);
  });

  it('every transpiled model file parses with the Trino grammar (dt-sql-parser TrinoSQL)', () => {
    const failures = boot.models.map((m) => [m.file, trinoGrammarError(m.text)]).filter(([, e]) => e !== undefined);
    expect(failures).toEqual([]);
  });
});
