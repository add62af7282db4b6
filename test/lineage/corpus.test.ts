// The lineage acceptance corpus: real-world queries (TPC-H, TPC-DS, dbt example models) whose
// expected DIRECT sources were written by hand, independently of lakec. Exact match on >= 98% of
// output columns, and every miss must have a written reason in test/lineage-corpus/misses.json.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/paths.js';
import { runCorpus } from './run-corpus.js';

const ROOT = join(REPO, 'test', 'lineage-corpus');

describe('lineage corpus', () => {
  it('matches >= 98% of output columns exactly, and every miss has a reason', async () => {
    const outcomes = await runCorpus(ROOT);
    const queries = new Set(outcomes.map((o) => `${o.suite}/${o.query}`));
    const misses = outcomes.filter((o) => !o.match);
    const reasons = existsSync(join(ROOT, 'misses.json')) ? (JSON.parse(readFileSync(join(ROOT, 'misses.json'), 'utf8')) as Record<string, string>) : {};
    const ratio = (outcomes.length - misses.length) / outcomes.length;
    process.stdout.write(`lineage corpus: ${queries.size} queries, ${outcomes.length} output columns, ${outcomes.length - misses.length} exact (${(100 * ratio).toFixed(2)}%)\n`);
    for (const m of misses) process.stdout.write(`  miss ${m.suite}/${m.query}.${m.column}: expected [${m.expected.join(', ')}] got [${m.got?.join(', ') ?? 'no column'}] — ${reasons[`${m.suite}/${m.query}.${m.column}`] ?? 'NO REASON RECORDED'}\n`);
    expect(queries.size).toBeGreaterThanOrEqual(150);
    expect(ratio).toBeGreaterThanOrEqual(0.98);
    expect(misses.filter((m) => !reasons[`${m.suite}/${m.query}.${m.column}`]).map((m) => `${m.suite}/${m.query}.${m.column}`)).toEqual([]);
  });
});
