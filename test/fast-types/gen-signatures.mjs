// Regenerates compiler/check/fast-types/function-signatures.ts from the bundled DuckDB's
// duckdb_functions() (every overload of every function named in NAMES, verbatim) and
// compiler/check/fast-types/duckdb-keywords.ts from duckdb_keywords().
// Run: node test/fast-types/gen-signatures.mjs   (then `npx vitest run test/fast-types` re-checks it)
import { DuckDBInstance, listValue } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Functions the fast inferer may type, by the name the parser produces (operators included). */
export const NAMES = [
  '+', '-', '*', '/', '//', '%', '~~', '!~~', '~~*', '!~~*',
  'abs', 'round', 'trunc', 'floor', 'ceil', 'ceiling', 'sqrt', 'ln', 'log', 'log10', 'log2', 'power', 'pow', 'exp', 'sign', 'isnan', 'isinf', 'gcd', 'lcm', 'random',
  'upper', 'lower', 'ucase', 'lcase', 'trim', 'ltrim', 'rtrim', 'length', 'len', 'strlen', 'substr', 'substring', 'regexp_replace',
  'regexp_matches', 'regexp_full_match', 'replace', 'left', 'right', 'lpad', 'rpad', 'starts_with',
  'ends_with', 'strpos', 'instr', 'position', 'reverse', 'md5', 'sha256', 'ascii', 'chr', 'string_split',
  'concat', 'concat_ws', '||', 'greatest', 'least', 'hash',
  'date_trunc', 'date_part', 'datepart', 'datediff', 'date_diff', 'date_sub', 'datesub', 'year', 'month', 'day', 'dayofmonth',
  'dayofweek', 'dayofyear', 'week', 'quarter', 'hour', 'minute', 'second', 'epoch', 'epoch_ms', 'last_day', 'make_date',
  'make_timestamp', 'strftime', 'strptime', 'to_days', 'to_months', 'to_years', 'to_hours', 'to_minutes', 'to_seconds',
  'current_date', 'today', 'now', 'get_current_timestamp',
  'sum', 'avg', 'mean', 'min', 'max', 'count', 'count_star', 'string_agg', 'group_concat', 'listagg', 'array_agg', 'list',
  'bool_or', 'bool_and', 'stddev_samp', 'stddev', 'stddev_pop', 'var_samp', 'variance', 'var_pop', 'first', 'any_value',
  'arbitrary', 'last', 'median', 'mode', 'approx_count_distinct', 'arg_max', 'arg_min', 'max_by', 'min_by', 'product',
];

async function main() {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const reader = await c.runAndReadAll(
    `SELECT function_name AS name, function_type AS kind, parameter_types::VARCHAR[] AS params, varargs, return_type
     FROM duckdb_functions() WHERE function_name = ANY($1::VARCHAR[]) AND function_type IN ('scalar', 'aggregate')`,
    [listValue(NAMES)],
  );
  const table = new Map();
  for (const r of reader.getRowObjects()) {
    const name = String(r.name);
    const params = r.params.items.map(String);
    const sig = `${[...params, ...(r.varargs === null ? [] : [`${r.varargs}...`])].join(';')} -> ${r.return_type}`;
    const entry = table.get(name) ?? { kind: String(r.kind), overloads: [] };
    entry.overloads.push(sig);
    table.set(name, entry);
  }
  const version = String((await c.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v);
  const lines = [...table.keys()].sort().map((name) => {
    const e = table.get(name);
    return `  ${JSON.stringify(name)}: { kind: '${e.kind}', overloads: [${e.overloads.sort().map((o) => JSON.stringify(o)).join(', ')}] },`;
  });
  const text = `// check/fast-types/: every overload DuckDB ${version} declares for the functions the fast inferer types,
// copied verbatim from duckdb_functions() by test/fast-types/gen-signatures.mjs. Regenerate, do not edit.
// Format: \`param;param;vararg... -> return\`; \`ANY\`, \`T\` and generic \`DECIMAL\` are resolved by bind rules
// (function-binder.ts). test/fast-types/signatures.test.ts checks this table against the bundled DuckDB.

/** One function's kind and overloads. */
export interface FunctionSignatures {
  readonly kind: 'scalar' | 'aggregate';
  readonly overloads: readonly string[];
}

/** Overloads by function name (as the parser spells it: lower case, operators as symbols). */
export const FUNCTION_SIGNATURES: Readonly<Record<string, FunctionSignatures>> = {
${lines.join('\n')}
};
`;
  return text;
}

async function keywords() {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const version = String((await c.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v);
  const rows = (await c.runAndReadAll('SELECT keyword_name AS k FROM duckdb_keywords() ORDER BY 1')).getRowObjects().map((r) => String(r.k));
  const lines = [];
  for (let i = 0; i < rows.length; i += 10) lines.push(`  ${rows.slice(i, i + 10).map((k) => `'${k}'`).join(', ')},`);
  return `// check/fast-types/: DuckDB ${version}'s keywords (every category), copied from duckdb_keywords() by
// test/fast-types/gen-signatures.mjs. Regenerate, do not edit. DuckDB quotes an identifier that is one of
// these when it prints an expression, which is how unaliased select items get their names.

/** DuckDB's keywords, lower case. */
export const DUCKDB_KEYWORDS: ReadonlySet<string> = new Set([
${lines.join('\n')}
]);
`;
}

export { main as renderSignatureTable, keywords as renderKeywords };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = new URL('../../compiler/check/fast-types/function-signatures.ts', import.meta.url);
  writeFileSync(out, await main());
  const kw = new URL('../../compiler/check/fast-types/duckdb-keywords.ts', import.meta.url);
  writeFileSync(kw, await keywords());
  console.log(`wrote ${fileURLToPath(out)} and ${fileURLToPath(kw)}`);
}
