// A fixed-seed slice of every fuzzer (a few hundred cases each; `npm run fuzz` runs 10,000 per fuzzer with
// a fresh seed): every case must end in a result or a coded diagnostic, and each fuzzer must reach both.
import { describe, expect, it } from 'vitest';
import { FUZZERS } from './fuzzers.js';

/** Cases per fuzzer in the slice: about 20 s for the file on two idle cores (SQL cases start DuckDB, ~50 ms each). */
const SLICE: Readonly<Record<string, number>> = { spec: 200, sql: 200, xml: 600, plan: 300 };
const SEED = 20_260_101;

describe('fuzzers, fixed-seed slice', () => {
  for (const f of FUZZERS) {
    it(`${f.name}: ${SLICE[f.name]} cases end in a result or a coded diagnostic`, async () => {
      const stats = await f.run({ seed: SEED, cases: SLICE[f.name]!, caseLimitMs: 10_000 });
      expect(stats.findings).toEqual([]);
      expect(stats.cases).toBe(SLICE[f.name]);
      expect(stats.results).toBeGreaterThan(0);
      expect(stats.diagnostics).toBeGreaterThan(0);
    });
  }
});
