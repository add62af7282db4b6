// fuzz/: the SQL front end (model header, parse, bind, type check, column lineage, plan). A copy of the
// example project gets a `fuzz` pipeline whose tables t, s, orders, items and u carry the columns the
// query arbitrary of test/parse-fast uses, so generated queries bind. Each case either mutates one real
// model (specs/*/models) in place or writes a generated, possibly mutated, query as a fuzz model, then
// compiles the project through compileProject; some cases also run lineageOfSql (`lakec lineage --sql`)
// over the compiled datasets' schema.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import { compileProject, lineageOfSql, openCompileCache, type SchemaJson } from '../../compiler/index.js';
import { copyProject } from '../support/project-copy.js';
import { query, render, SQL_SOUP, type Node } from '../parse-fast/sql-arbitrary.js';
import { sqlFilesUnder } from '../parse-fast/sql-files.js';
import { outcomeOfDiagnostics } from './fuzz-outcome.js';
import type { FuzzSession, FuzzTarget } from './fuzz-runner.js';
import { applyByteMutations, byteMutations, describeMutations, type ByteMutation } from './mutate-bytes.js';

/** Columns of every fuzz table: the names the query arbitrary uses, with a spread of types. */
const FUZZ_COLUMNS = { a: 'INTEGER', b: 'VARCHAR', c: 'DOUBLE', x1: 'BIGINT', amount: 'DECIMAL(10,2)', year: 'INTEGER', position: 'INTEGER', value: 'VARCHAR', first: 'VARCHAR', day: 'DATE', name: 'VARCHAR', _x: 'BOOLEAN' };
const FUZZ_TABLES = ['t', 's', 'orders', 'items', 'u'];
const FUZZ_MODEL = 'fuzz/models/silver/fuzz_query.sql';

/** Model-header and statement-form tokens, on top of the SQL soup. */
const HEADER_TOKENS = ['-- lakec: ', '-- lakec: unique_key=a', 'unique_key=', 'layer=', 'layer=Gold', 'description=', '=', '+', 'CREATE TABLE x AS ', 'INSERT INTO x ', 'CREATE VIEW v AS ',
  'PRAGMA ', 'ATTACH ', 'COPY ', 'read_csv(', "read_parquet('/etc/passwd')", 'getenv(', ' main.', ' silver.', ' gold.', ' bronze.', 'LATERAL ', 'RECURSIVE '];

/** Replaces the `which`-th word (modulo the word count) of a query by `word`: mostly keeps the syntax, so it reaches binding and typing. */
export interface WordSwap { readonly which: number; readonly word: string }

const WORD = /[A-Za-z_][A-Za-z0-9_]*/g;

/** `sql` with `swaps` applied in order. */
export function applyWordSwaps(sql: string, swaps: readonly WordSwap[]): string {
  return swaps.reduce((text, { which, word }) => {
    const words = [...text.matchAll(WORD)];
    if (!words.length) return text;
    const m = words[which % words.length]!;
    return text.slice(0, m.index) + word + text.slice(m.index + m[0].length);
  }, sql);
}

/** One case: a real model mutated in place (bytes or words), or a generated query written as the fuzz model. */
export type SqlCase =
  | { readonly how: 'model'; readonly model: number; readonly mutations: readonly ByteMutation[]; readonly swaps: readonly WordSwap[]; readonly lineage: boolean }
  | { readonly how: 'generated'; readonly query: Node; readonly style: number; readonly header: string; readonly mutations: readonly ByteMutation[]; readonly lineage: boolean };

/** The SQL front-end fuzzer. */
export const sqlFuzzer: FuzzTarget<SqlCase> = {
  name: 'sql',
  async open(): Promise<FuzzSession<SqlCase>> {
    const projectDir = copyProject();
    const manifestPath = join(projectDir, 'pipelines.yaml');
    const doc = parseDocument(readFileSync(manifestPath, 'utf8'));
    // Validation rules are the spec fuzzer's business; without them each compile loads faster.
    for (const pipeline of ['discogs', 'chinook']) doc.deleteIn(['pipelines', pipeline, 'validations']);
    doc.setIn(['pipelines', 'fuzz'], doc.createNode({ models: 'fuzz/models', sources: { shop: { type: 'csv', tables: 'fuzz/tables.yaml', location: 'fuzz/csv' } } }));
    writeFileSync(manifestPath, doc.toString());
    mkdirSync(join(projectDir, 'fuzz/models/silver'), { recursive: true });
    writeFileSync(join(projectDir, 'fuzz/tables.yaml'), stringify({ tables: Object.fromEntries(FUZZ_TABLES.map((t) => [t, { columns: FUZZ_COLUMNS }])) }));
    writeFileSync(join(projectDir, FUZZ_MODEL), 'SELECT a, b FROM t\n');
    const cache = openCompileCache(join(projectDir, '.lakec', 'cache'));
    const base = await compileProject({ projectDir, env: {}, cache });
    if (!base.plan) throw new Error(`the SQL fuzz project does not compile: ${base.diagnostics.map((d) => d.message).join('; ')}`);
    const schema: SchemaJson = Object.fromEntries(base.plan.datasets.map((d) => [d.name, Object.fromEntries(d.columns.map((c) => [c.name, c.type]))]));
    const models = ['specs/discogs/models', 'specs/chinook/models'].flatMap((dir) => sqlFilesUnder(join(projectDir, dir))).map(([path]) => path);
    const bases = models.map((p) => readFileSync(p));
    const tokens = [...SQL_SOUP, ...HEADER_TOKENS, ...base.plan.datasets.map((d) => ` ${d.name} `)];
    const mutations = byteMutations(tokens, bases.length);
    const words = [...new Set([...base.plan.datasets.flatMap((d) => [d.name, ...d.columns.map((c) => c.name)]), ...Object.keys(FUZZ_COLUMNS),
      'count', 'sum', 'min', 'max', 'avg', 'list', 'unnest', 'coalesce', 'cast', 'distinct', 'null', 'true', 'row_number', 'over', 'lateral', 'group', 'all', 'star', 'columns'])].sort();
    const swap = fc.record({ which: fc.nat(), word: fc.constantFrom(...words) });
    const lineage = fc.oneof({ weight: 11, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
    const arbitrary: fc.Arbitrary<SqlCase> = fc.oneof(
      { weight: 2, arbitrary: fc.record({ how: fc.constant('model' as const), model: fc.nat(models.length - 1), mutations, swaps: fc.constant([]), lineage }) },
      { weight: 2, arbitrary: fc.record({ how: fc.constant('model' as const), model: fc.nat(models.length - 1), mutations: fc.constant([]), swaps: fc.array(swap, { minLength: 1, maxLength: 3 }), lineage }) },
      { weight: 2, arbitrary: fc.record({
        how: fc.constant('generated' as const), query, style: fc.nat(), lineage,
        header: fc.constantFrom('', '', '-- lakec: unique_key=a\n', '-- lakec: layer=gold, description=generated\n', '-- lakec: unique_key=a+b+nope\n'),
        mutations: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: byteMutations(tokens, bases.length, 2) }),
      }) },
    );
    const caseSql = (c: SqlCase): Uint8Array => (c.how === 'model'
      ? applyByteMutations(Buffer.from(applyWordSwaps(bases[c.model]!.toString('utf8'), c.swaps), 'utf8'), c.mutations, bases)
      : applyByteMutations(Buffer.from(`${c.header}${render(c.query, c.style)}\n`, 'utf8'), c.mutations, bases));
    return {
      arbitrary,
      async run(c) {
        const path = c.how === 'model' ? models[c.model]! : join(projectDir, FUZZ_MODEL);
        const original = readFileSync(path);
        const sql = caseSql(c);
        writeFileSync(path, sql);
        try {
          const result = await compileProject({ projectDir, env: {}, cache });
          const compiled = outcomeOfDiagnostics(result.diagnostics, result.plan !== undefined);
          if (!c.lineage || compiled.kind === 'unexpected') return compiled;
          const lineage = await lineageOfSql(Buffer.from(sql).toString('utf8'), schema);
          return outcomeOfDiagnostics(lineage.diagnostics, lineage.lineage !== undefined);
        } finally {
          writeFileSync(path, original);
        }
      },
      describe(c) {
        const sql = Buffer.from(caseSql(c)).toString('utf8');
        const what = c.how === 'model' ? `${models[c.model]!.slice(projectDir.length + 1)} mutated by ${c.swaps.length ? c.swaps.map((w) => `word#${w.which}->${w.word}`).join(', ') : describeMutations(c.mutations)}` : `generated query${c.mutations.length ? ` mutated by ${describeMutations(c.mutations)}` : ''}`;
        return `${what}${c.lineage ? ' (+ lineageOfSql)' : ''}:\n${sql}`;
      },
      async close() {
        rmSync(projectDir, { recursive: true, force: true });
      },
    };
  },
};
