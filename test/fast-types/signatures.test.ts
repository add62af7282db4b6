// The function signature table against the bundled DuckDB: it lists exactly duckdb_functions()'s
// overloads, and a sweep calling every function with arguments of each declared type (plus literals and
// sampled mismatches) finds no call the fast inferer types differently from DESCRIBE.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FUNCTION_SIGNATURES } from '../../compiler/check/fast-types/function-signatures.js';
import { inferColumnsFast, type TableLookup } from '../../compiler/check/fast-types/infer-fast.js';
import { lookupFunction } from '../../compiler/check/fast-types/signature-table.js';
import { DuckOracle } from './support/duckdb-oracle.js';

/** The sweep table: a column per type, and literal arguments. */
const COLUMNS: readonly (readonly [string, string])[] = [
  ['ti', 'TINYINT'], ['s', 'SMALLINT'], ['i', 'INTEGER'], ['b', 'BIGINT'], ['h', 'HUGEINT'], ['ui', 'UINTEGER'], ['ub', 'UBIGINT'],
  ['f', 'FLOAT'], ['d', 'DOUBLE'], ['m', 'DECIMAL(15,2)'], ['w', 'DECIMAL(38,6)'], ['v', 'VARCHAR'], ['x', 'BOOLEAN'],
  ['dt', 'DATE'], ['ts', 'TIMESTAMP'], ['tz', 'TIMESTAMP WITH TIME ZONE'], ['tm', 'TIME'], ['iv', 'INTERVAL'],
  ['bl', 'BLOB'], ['u', 'UUID'], ['vl', 'VARCHAR[]'], ['il', 'INTEGER[]'], ['st', 'STRUCT(a INTEGER, b VARCHAR)'],
];
const LITERALS = ['1', '300', '-70000', '3000000000', '9000000000000000000', '10000000000000000000', '1.5', "'x'", "'2020-01-01'"];
/** String constants bind steps look at (date parts, formats, regex patterns and options, separators). */
const TEXT_VALUES = ["'year'", "'Month'", "'epoch'", "'julian'", "'era'", "'q'", "'foo'", "'%Y-%m-%d'", "'%e'", "'%-d %H'", "'g'", "'i'", "'gi'", "','", "'('", "'\\s+'", "'a{2}'"];
const POOL = [...COLUMNS.map(([n]) => n), ...LITERALS];

/** An argument of (signature) type `type`. */
function argumentFor(type: string): string {
  const exact = COLUMNS.find(([, t]) => t === type);
  if (exact) return exact[0];
  if (type === 'DECIMAL') return 'm';
  if (type.endsWith('[]')) return type.startsWith('INTEGER') || type.startsWith('BIGINT') ? 'il' : 'vl';
  return type === 'ANY' || type === 'T' ? 'i' : 'v';
}

const OPERATORS: Readonly<Record<string, string>> = { '~~': 'LIKE', '!~~': 'NOT LIKE', '~~*': 'ILIKE', '!~~*': 'NOT ILIKE' };

function callSql(name: string, args: readonly string[]): string {
  if (name === 'count_star') return 'count(*)';
  const op = OPERATORS[name] ?? (/^[^a-z]/.test(name) ? name : undefined);
  if (op && args.length === 2) return `(${args[0]} ${op} ${args[1]})`;
  if (op && args.length === 1) return `(${op}${args[0]})`;
  return `${name}(${args.join(', ')})`;
}

/** Deterministic sample of `n` tuples of `arity` arguments from POOL. */
function sample(arity: number, n: number, seed: number): string[][] {
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648) % POOL.length;
  return Array.from({ length: n }, () => Array.from({ length: arity }, () => POOL[next()]!));
}

let oracle: DuckOracle;
const lookup: TableLookup = (schema, name) => (schema === '' && name === 's' ? COLUMNS.map(([n, t]) => ({ name: n, type: t })) : undefined);
beforeAll(async () => {
  oracle = await DuckOracle.open();
  await oracle.declare('s', COLUMNS.map(([name, type]) => ({ name, type })));
});
afterAll(() => oracle.close());

test('the table lists exactly the overloads duckdb_functions() declares', async () => {
  const names = Object.keys(FUNCTION_SIGNATURES);
  const reader = await oracle.connection.runAndReadAll(
    `SELECT function_name AS name, function_type AS kind, parameter_types::VARCHAR[] AS params, varargs, return_type FROM duckdb_functions()
     WHERE function_type IN ('scalar', 'aggregate')`,
  );
  const actual = new Map<string, { kind: string; overloads: string[] }>();
  for (const r of reader.getRowObjects()) {
    const name = String(r['name']);
    if (!names.includes(name)) continue;
    const params = (r['params'] as { items: unknown[] }).items.map(String);
    const sig = `${[...params, ...(r['varargs'] === null ? [] : [`${String(r['varargs'])}...`])].join(';')} -> ${String(r['return_type'])}`;
    const e = actual.get(name) ?? { kind: String(r['kind']), overloads: [] };
    e.overloads.push(sig);
    actual.set(name, e);
  }
  for (const name of names) {
    const e = actual.get(name);
    expect({ name, kind: e?.kind, overloads: e?.overloads.sort() }).toEqual({ name, kind: FUNCTION_SIGNATURES[name]!.kind, overloads: [...FUNCTION_SIGNATURES[name]!.overloads].sort() });
  }
});

test('every function, called with each overload\'s types, literals and sampled arguments, types as DESCRIBE says', async () => {
  const seen = new Set<string>();
  const calls: string[] = [];
  for (const name of Object.keys(FUNCTION_SIGNATURES)) {
    const entry = lookupFunction(name)!;
    const arities = new Set<number>();
    for (const o of entry.overloads) {
      const arity = o.params.length + (o.varargs ? 1 : 0);
      arities.add(arity);
      const natural = [...o.params.map((p) => p.text), ...(o.varargs ? [o.varargs.text] : [])].map((t) => argumentFor(t));
      calls.push(callSql(name, natural));
      natural.forEach((arg, k) => {
        if (arg !== 'v') return;
        for (const value of TEXT_VALUES) calls.push(callSql(name, natural.map((a, j) => (j === k ? value : a))));
      });
    }
    for (const arity of arities) {
      const tuples = arity === 1 ? POOL.map((a) => [a]) : arity > 1 ? sample(arity, 20, name.length * 7919 + arity) : [];
      for (const args of tuples) calls.push(callSql(name, args));
    }
  }
  let answered = 0;
  const mismatches: string[] = [];
  const unique = calls.filter((c) => !seen.has(c) && seen.add(c));
  const sqls = unique.map((c) => `SELECT ${c} AS r FROM s`);
  const asts = await oracle.serialize(sqls);
  for (let k = 0; k < sqls.length; k++) {
    const fast = asts[k] === undefined ? undefined : inferColumnsFast(asts[k], lookup);
    if (!fast) continue;
    answered++;
    const expected = await oracle.describe(sqls[k]!);
    if (JSON.stringify(fast) !== JSON.stringify(expected)) mismatches.push(`${sqls[k]}: fast ${JSON.stringify(fast)} duckdb ${JSON.stringify(expected)}`);
  }
  process.stdout.write(`signature sweep: answered ${answered}/${sqls.length} calls\n`);
  expect(mismatches).toEqual([]);
});
