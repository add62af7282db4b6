// `npm run test:repeat [-- N]`: runs the lock-contention and reader-consistency tests (real processes,
// races by design) N times in a row (default 100), each time in a fresh vitest, and prints the pass count.
// Exits 1 when any round failed; the failing rounds' output is kept in the printed report.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FILES = ['test/lake/concurrent-apply.test.ts', 'test/lake/reader-consistency.test.ts', 'test/lake/lake-lock.test.ts'];
const rounds = Number(process.argv[2] ?? 100);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('usage: run-repeat.mjs [ROUNDS]');

let passed = 0;
const failures = [];
const started = Date.now();
for (let i = 1; i <= rounds; i++) {
  const t = Date.now();
  const r = spawnSync(join(REPO, 'node_modules', '.bin', 'vitest'), ['run', ...FILES], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ok = r.status === 0;
  if (ok) passed++;
  else failures.push({ round: i, output: `${r.stdout}\n${r.stderr}`.slice(-4000) });
  process.stdout.write(`round ${i}/${rounds}: ${ok ? 'passed' : `FAILED (exit ${r.status})`} in ${((Date.now() - t) / 1000).toFixed(1)} s; ${passed} passed so far\n`);
}
for (const f of failures) process.stdout.write(`\n--- round ${f.round} ---\n${f.output}\n`);
process.stdout.write(`\n${passed}/${rounds} rounds passed (${FILES.join(', ')}), ${((Date.now() - started) / 60000).toFixed(1)} min\n`);
process.exitCode = passed === rounds ? 0 : 1;
