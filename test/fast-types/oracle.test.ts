// The fast inferer against DuckDB: on a generated project, the Discogs models and the lineage corpus,
// every answer inferColumnsFast gives must equal DuckDB's DESCRIBE (names and types, in order), and it
// must answer at least the coverage floors below. Coverage is printed per source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferColumnsFast } from '../../compiler/check/fast-types/infer-fast.js';
import { DuckOracle } from './support/duckdb-oracle.js';
import { corpusCases, discogsCases, generatedCases, type OracleCase } from './support/oracle-cases.js';

/** Least share of queries answered, per source (the generated projects must be covered completely). */
const FLOORS: Readonly<Record<string, number>> = { generated: 1, discogs: 1, tpch: 1, tpcds: 0.96, dbt: 1 };

interface Outcome {
  readonly answered: number;
  readonly total: number;
  readonly mismatches: string[];
  readonly declined: string[];
}

function check(cases: readonly OracleCase[]): Outcome {
  const mismatches: string[] = [];
  const declined: string[] = [];
  let answered = 0;
  for (const c of cases) {
    const got = c.ast === undefined ? undefined : inferColumnsFast(c.ast, c.lookup);
    if (!got) {
      declined.push(c.id);
      continue;
    }
    answered++;
    if (JSON.stringify(got) !== JSON.stringify(c.expected)) mismatches.push(`${c.id}\n  fast:   ${JSON.stringify(got)}\n  duckdb: ${JSON.stringify(c.expected)}`);
  }
  return { answered, total: cases.length, mismatches, declined };
}

const oracles: DuckOracle[] = [];
async function oracle(): Promise<DuckOracle> {
  const o = await DuckOracle.open();
  oracles.push(o);
  return o;
}
afterAll(() => oracles.forEach((o) => o.close()));

const sources: Record<string, () => Promise<OracleCase[]>> = {
  generated: async () => [...(await generatedCases(await oracle(), 300, 11)), ...(await generatedCases(await oracle(), 120, 5))],
  discogs: async () => discogsCases(await oracle()),
  tpch: async () => corpusCases(await oracle(), 'tpch'),
  tpcds: async () => corpusCases(await oracle(), 'tpcds'),
  dbt: async () => corpusCases(await oracle(), 'dbt'),
};

describe('inferColumnsFast agrees with DuckDB DESCRIBE', () => {
  const outcomes = new Map<string, Outcome>();
  beforeAll(async () => {
    for (const [name, load] of Object.entries(sources)) outcomes.set(name, check(await load()));
    const lines = [...outcomes].map(([name, o]) => `${name.padEnd(10)} ${o.answered}/${o.total} (${((100 * o.answered) / o.total).toFixed(1)}%)`);
    process.stdout.write(`fast-types coverage:\n  ${lines.join('\n  ')}\n`);
  });

  for (const name of Object.keys(sources)) {
    it(`${name}: every answer equals DESCRIBE, coverage ≥ ${FLOORS[name]! * 100}%`, () => {
      const o = outcomes.get(name)!;
      expect(o.mismatches).toEqual([]);
      if (o.answered / o.total < FLOORS[name]!) expect.fail(`${name}: answered ${o.answered}/${o.total}; declined: ${o.declined.join(', ')}`);
    });
  }
});
