// Timings of the store's hot paths, printed, not asserted (machines differ). Opt-in:
//   LAKEC_META_TIMINGS=1 npx vitest run test/meta/meta-timings.test.ts
// The 10,000-model plan comes from `npm run gen:project` + `lakec plan` (test/bench/compile-bench.ts
// leaves one at /tmp/lakec-compile-bench/plan-n10000.json); the case is skipped when it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { buildCatalog, compileProject, type Plan } from '../../compiler/index.js';
import { exchangeWithMeta, syncPlanToMeta, setControlFlag } from '../../runtime/meta/meta-store.js';
import { REPO } from '../support/paths.js';
import { auditRecord, tempStore } from './meta-fixtures.js';

const BIG_PLAN = '/tmp/lakec-compile-bench/plan-n10000.json';
const say = (s: string) => process.stdout.write(`[meta timings] ${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeSync(label: string, plan: Plan): Promise<void> {
  const db = tempStore();
  const t0 = performance.now();
  buildCatalog(plan);
  const catalogMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await syncPlanToMeta(db, plan);
    times.push(performance.now() - t);
  }
  say(`${label}: syncPlanToMeta ${times.map((t) => t.toFixed(0)).join(' / ')} ms (first = fresh store; buildCatalog alone ${catalogMs.toFixed(0)} ms)`);
}

describe.runIf(process.env['LAKEC_META_TIMINGS'])('metadata store timings', () => {
  it('exchangeWithMeta, one call', async () => {
    const db = tempStore();
    for (let i = 0; i < 20; i++) await setControlFlag(db, { scope: `p.s${i}`, disabled: i % 2 === 0, reason: 'x', by: 'bench' });
    let seq = 0;
    for (const batch of [0, 1, 10]) {
      const times: number[] = [];
      for (let i = 0; i < 40; i++) {
        const records = Array.from({ length: batch }, () => auditRecord('r1', ++seq));
        const t = performance.now();
        await exchangeWithMeta(db, records, { waitMs: 0 });
        times.push(performance.now() - t);
      }
      say(`exchangeWithMeta with ${batch} audit records and 20 flags: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (40 calls)`);
    }
  });

  it('syncPlanToMeta, Discogs example', async () => {
    const compiled = await compileProject({ projectDir: REPO, vars: {}, env: {} });
    await timeSync('discogs example (15 stages)', compiled.plan!);
  });

  it.runIf(existsSync(BIG_PLAN))('syncPlanToMeta, 10,000 models', async () => {
    const plan = JSON.parse(readFileSync(BIG_PLAN, 'utf8')) as Plan;
    const c = buildCatalog(plan);
    say(`10k plan: ${c.stages.length} stages, ${c.datasets.length} datasets, ${c.column_lineage.length} column lineage edges`);
    await timeSync('10k plan', plan);
  });
});
