// fastParseSelect never throws: arbitrary strings, token soup, pathological nesting, and mutations of
// real queries. Mutants it accepts must still match DuckDB exactly.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastParseSelect } from '../../compiler/parse/fast/fast-parse.js';
import { openOracle, type Oracle } from './duckdb-oracle.js';
import { corpusQueries, discogsModels, generatedModels } from './sql-files.js';
import { SQL_SOUP as SOUP } from './sql-arbitrary.js';

let oracle: Oracle;
beforeAll(async () => {
  oracle = await openOracle();
});
afterAll(() => oracle.close());

describe('fastParseSelect never throws', () => {
  it('on arbitrary strings', () => {
    const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: anyCodeUnit })), (s) => {
      fastParseSelect(s);
    }), { seed: 42, numRuns: 1000 });
  });

  it('on SQL token soup', () => {
    const soup = fc.array(fc.constantFrom(...SOUP), { maxLength: 40 }).chain((tokens) =>
      fc.array(fc.constantFrom(' ', '', '\n'), { minLength: tokens.length, maxLength: tokens.length }).map((gaps) => tokens.map((t, i) => gaps[i] + t).join('')));
    fc.assert(fc.property(soup, (s) => {
      fastParseSelect(s);
    }), { seed: 43, numRuns: 2000 });
  });

  it('on deep nesting', () => {
    for (const n of [10, 1000, 100000]) {
      expect(() => fastParseSelect(`SELECT ${'('.repeat(n)}1${')'.repeat(n)}`)).not.toThrow();
      expect(() => fastParseSelect(`SELECT ${'-'.repeat(n)}1`)).not.toThrow();
      expect(() => fastParseSelect(`SELECT ${'NOT '.repeat(n)}a`)).not.toThrow();
      expect(() => fastParseSelect(`SELECT 1${' + 1'.repeat(n)}`)).not.toThrow();
    }
    // nested ambiguous parentheses around queries must not make the parse exponential
    const started = Date.now();
    expect(fastParseSelect(`SELECT ${'((((((((SELECT '.repeat(12)}1 +`)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('on mutated real queries, matching DuckDB whenever it accepts one', async () => {
    const base = [...generatedModels(40, 5), ...discogsModels(), ...corpusQueries('tpch'), ...corpusQueries('dbt')].map(([, sql]) => sql);
    const mutation = fc.record({
      which: fc.nat(base.length - 1),
      at: fc.nat(),
      kind: fc.constantFrom('delete', 'insert', 'duplicate', 'swap'),
      len: fc.integer({ min: 1, max: 12 }),
      text: fc.constantFrom(...SOUP),
    });
    const mutants = fc.sample(mutation, { seed: 44, numRuns: 600 }).map(({ which, at, kind, len, text }) => {
      const sql = base[which]!;
      const i = at % (sql.length + 1);
      switch (kind) {
        case 'delete': return sql.slice(0, i) + sql.slice(i + len);
        case 'insert': return `${sql.slice(0, i)} ${text} ${sql.slice(i)}`;
        case 'duplicate': return sql.slice(0, i) + sql.slice(i, i + len) + sql.slice(i);
        case 'swap': return sql.slice(0, i) + sql.slice(i + len, i + 2 * len) + sql.slice(i, i + len) + sql.slice(i + 2 * len);
      }
    });
    const results = mutants.map((sql) => fastParseSelect(sql));
    const expected = await oracle.serialize(mutants);
    let accepted = 0;
    results.forEach((mine, i) => {
      if (mine === undefined) return;
      accepted++;
      expect(JSON.stringify(mine), mutants[i]).toBe(expected[i]);
    });
    expect(accepted).toBeGreaterThan(50);
  });
});
