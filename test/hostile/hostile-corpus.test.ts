// The hostile-input corpus: every case runs through the built CLI against a copy of the example project
// and its lake, and must end in a coded diagnostic (positioned where the input has a position), a
// non-zero exit, bounded memory and time, no write outside the run's own folder and `active` unchanged.
// `npm test` runs the quick slice (cases marked `quick`, one or more per category, about 25 of them:
// each case is a child process of 0.3-2 s); `npm run test:hostile` (LAKEC_HOSTILE_FULL=1) runs every
// case, among them the 100 MB text node (about 5 s and 300 MiB: it is what trips the 64 Mi text limit)
// and the blank-filled gzip bomb at 100 MB instead of 20 MB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostileCase } from './hostile-case.js';
import { DATA_CASES } from './data-cases.js';
import { SPEC_CASES } from './spec-cases.js';
import { prepareBase, removeWorkspace, type BaseWorkspace } from './hostile-workspace.js';
import { runHostileCase, type CaseResult } from './run-hostile-case.js';
import { formatCorpusSummary } from './corpus-summary.js';

const FULL = process.env['LAKEC_HOSTILE_FULL'] === '1';
const CASES: readonly HostileCase[] = [...SPEC_CASES, ...DATA_CASES].filter((c) => FULL || c.quick);

describe(`hostile-input corpus (${FULL ? 'full' : 'quick slice'}: ${CASES.length} cases)`, () => {
  let base: BaseWorkspace;
  const results: CaseResult[] = [];

  beforeAll(() => {
    base = prepareBase();
  });
  afterAll(() => {
    if (base) removeWorkspace(base);
    process.stdout.write(formatCorpusSummary(results, CASES.length));
  });

  it('case ids are unique', () => {
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(`${c.category}: ${c.id}`, async () => {
      const r = await runHostileCase(c, base);
      results.push(r);
      expect({ id: r.id, problems: r.problems }).toEqual({ id: c.id, problems: [] });
    });
  }
});
