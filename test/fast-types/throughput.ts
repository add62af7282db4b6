// test/fast-types/: measures the fast inferer's throughput on a generated project. DuckDB prepares the
// inputs (ASTs via json_serialize_sql, upstream schemas by materializing each model empty); only the
// inferColumnsFast calls are timed, several passes over every model, after two warm-up passes.
//
// Usage (once compiled, e.g. with test/fast-types in tsconfig.build.json):
//   node dist/test/fast-types/throughput.js [--models N] [--seed S] [--passes P]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { inferColumnsFast } from '../../compiler/check/fast-types/infer-fast.js';
import { DuckOracle } from './support/duckdb-oracle.js';
import { generatedCases } from './support/oracle-cases.js';

/** What one measurement found. */
export interface Throughput {
  readonly models: number;
  readonly answered: number;
  readonly msPerModel: number;
  readonly modelsPerSecond: number;
}

/** Generates `models` models, then times `passes` passes of inferColumnsFast over all of them. */
export async function measureThroughput(models: number, seed: number, passes: number): Promise<Throughput> {
  const oracle = await DuckOracle.open();
  let cases;
  try {
    cases = await generatedCases(oracle, models, seed);
  } finally {
    oracle.close();
  }
  let answered = 0;
  for (const c of cases) if (inferColumnsFast(c.ast, c.lookup)) answered++;
  for (const c of cases) inferColumnsFast(c.ast, c.lookup);
  const start = performance.now();
  for (let p = 0; p < passes; p++) for (const c of cases) inferColumnsFast(c.ast, c.lookup);
  const ms = (performance.now() - start) / (passes * cases.length);
  return { models: cases.length, answered, msPerModel: ms, modelsPerSecond: 1000 / ms };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { models: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' }, passes: { type: 'string', default: '5' } } });
  const t = await measureThroughput(Number(values.models), Number(values.seed), Number(values.passes));
  process.stdout.write(`fast-types: ${t.answered}/${t.models} models inferred; ${t.msPerModel.toFixed(4)} ms/model, ${Math.round(t.modelsPerSecond).toLocaleString('en-US')} models/s\n`);
}
