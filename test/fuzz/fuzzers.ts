// fuzz/: the registry of fuzzers, in the order `npm run fuzz` runs them.
import { fuzzer, type Fuzzer } from './fuzz-runner.js';
import { planFuzzer } from './plan-fuzzer.js';
import { specFuzzer } from './spec-fuzzer.js';
import { sqlFuzzer } from './sql-fuzzer.js';
import { xmlFuzzer } from './xml-fuzzer.js';

/** Every fuzzer: spec loader, SQL front end, XML ingest, plan reader. */
export const FUZZERS: readonly Fuzzer[] = [fuzzer(specFuzzer), fuzzer(sqlFuzzer), fuzzer(xmlFuzzer), fuzzer(planFuzzer)];
