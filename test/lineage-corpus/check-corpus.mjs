// Checks the column-lineage corpus against DuckDB, with no lakec code involved.
//
// For every suite (a folder holding schema.json, queries/ and expected/):
//   - creates the schema.json tables, empty, in an in-memory DuckDB;
//   - checks each queries/<name>.sql is exactly one SELECT statement and that
//     `DESCRIBE <query>` binds;
//   - checks expected/<name>.json lists the output columns with DESCRIBE's
//     names in DESCRIBE's order;
//   - checks every source is a "table.column" of schema.json, and that each
//     sources list is sorted and free of duplicates;
//   - checks that queries/ and expected/ name the same queries.
// Prints the query and output-column counts per suite; exits 1 on any problem.
//
// Usage: node test/lineage-corpus/check-corpus.mjs [suite ...]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const root = dirname(fileURLToPath(import.meta.url));

/** Quotes an identifier for DuckDB. */
function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Removes trailing semicolons and whitespace so the text can follow DESCRIBE. */
function stripTerminator(sql) {
  return sql.replace(/[\s;]+$/u, '');
}

function listSuites() {
  const wanted = process.argv.slice(2);
  const all = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'schema.json')))
    .map((e) => e.name)
    .sort();
  return wanted.length > 0 ? all.filter((s) => wanted.includes(s)) : all;
}

async function createTables(connection, schema) {
  for (const [table, columns] of Object.entries(schema)) {
    const cols = Object.entries(columns).map(([c, t]) => `${quoteIdent(c)} ${t}`);
    await connection.run(`CREATE TABLE ${quoteIdent(table)} (${cols.join(', ')})`);
  }
}

async function countSelectStatements(connection, sql) {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  const parsed = JSON.parse(String(reader.getRows()[0][0]));
  if (parsed.error) throw new Error(`json_serialize_sql: ${parsed.error_message}`);
  return parsed.statements.length;
}

async function describeNames(connection, sql) {
  const reader = await connection.runAndReadAll(`DESCRIBE ${stripTerminator(sql)}`);
  const names = reader.columnNames();
  const nameIndex = names.indexOf('column_name');
  return reader.getRows().map((row) => String(row[nameIndex]));
}

function checkExpected(expected, names, schema, problems, where) {
  if (!expected || !Array.isArray(expected.columns)) {
    problems.push(`${where}: expected file has no "columns" array`);
    return;
  }
  const got = expected.columns.map((c) => c.name);
  if (JSON.stringify(got) !== JSON.stringify(names)) {
    problems.push(`${where}: column names ${JSON.stringify(got)} != DESCRIBE ${JSON.stringify(names)}`);
  }
  for (const col of expected.columns) {
    const keys = Object.keys(col).sort().join(',');
    if (keys !== 'name,sources') problems.push(`${where}: column ${col.name} has keys ${keys}`);
    const sources = col.sources ?? [];
    const sorted = [...new Set(sources)].sort();
    if (JSON.stringify(sorted) !== JSON.stringify(sources)) {
      problems.push(`${where}: sources of ${col.name} are not sorted and unique`);
    }
    for (const src of sources) {
      const [table, column, extra] = src.split('.');
      if (extra !== undefined || !schema[table] || !(column in schema[table])) {
        problems.push(`${where}: column ${col.name}: unknown source ${src}`);
      }
    }
  }
}

async function checkSuite(suite) {
  const dir = join(root, suite);
  const schema = JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await createTables(connection, schema);
  const problems = [];
  const queries = readdirSync(join(dir, 'queries')).filter((f) => f.endsWith('.sql')).sort();
  const expectedFiles = readdirSync(join(dir, 'expected')).filter((f) => f.endsWith('.json'));
  const queryNames = new Set(queries.map((f) => basename(f, '.sql')));
  for (const f of expectedFiles) {
    if (!queryNames.has(basename(f, '.json'))) problems.push(`${suite}/expected/${f}: no matching query`);
  }
  let columnCount = 0;
  for (const file of queries) {
    const name = basename(file, '.sql');
    const where = `${suite}/${name}`;
    const sql = readFileSync(join(dir, 'queries', file), 'utf8');
    let names;
    try {
      const statements = await countSelectStatements(connection, sql);
      if (statements !== 1) problems.push(`${where}: ${statements} statements, want 1`);
      names = await describeNames(connection, sql);
    } catch (err) {
      problems.push(`${where}: DuckDB refused it: ${err.message.split('\n')[0]}`);
      continue;
    }
    const expectedPath = join(dir, 'expected', `${name}.json`);
    if (!existsSync(expectedPath)) {
      problems.push(`${where}: no expected/${name}.json`);
      continue;
    }
    checkExpected(JSON.parse(readFileSync(expectedPath, 'utf8')), names, schema, problems, where);
    columnCount += names.length;
  }
  connection.closeSync();
  return { suite, queries: queries.length, columns: columnCount, problems };
}

let failed = false;
let totalQueries = 0;
let totalColumns = 0;
for (const suite of listSuites()) {
  const result = await checkSuite(suite);
  for (const p of result.problems) console.error(`problem: ${p}`);
  if (result.problems.length > 0) failed = true;
  totalQueries += result.queries;
  totalColumns += result.columns;
  console.log(`${suite}: ${result.queries} queries, ${result.columns} output columns, ${result.problems.length} problems`);
}
console.log(`total: ${totalQueries} queries, ${totalColumns} output columns`);
process.exit(failed ? 1 : 0);
