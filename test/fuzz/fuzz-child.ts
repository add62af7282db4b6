// fuzz/: child process of run-fuzz.ts: runs one fuzzer's cases and reports each case's start and outcome
// over IPC, so the parent keeps exact counts, stops the child when one case hangs and notices when the
// process dies. Arguments: NAME SEED FROM CASES CASE_LIMIT_MS.
import type { Outcome } from './fuzz-outcome.js';
import { FUZZERS } from './fuzzers.js';

/** A message from the child: a case started, a case ended, or all cases ran. */
export type ChildMessage =
  | { readonly type: 'case'; readonly index: number }
  | { readonly type: 'outcome'; readonly index: number; readonly outcome: Outcome; readonly ms: number; readonly input: string | undefined }
  | { readonly type: 'done' };

async function main(): Promise<void> {
  const [name, seed, from, cases, limit] = process.argv.slice(2);
  const target = FUZZERS.find((f) => f.name === name);
  if (!target || !process.send) throw new Error(`usage: fuzz-child NAME SEED FROM CASES CASE_LIMIT_MS (under run-fuzz), got ${process.argv.slice(2).join(' ')}`);
  const send = (m: ChildMessage): void => {
    process.send!(m);
  };
  await target.run({
    seed: Number(seed), from: Number(from), cases: Number(cases), caseLimitMs: Number(limit),
    onCase: (index) => send({ type: 'case', index }),
    onOutcome: (index, outcome, ms, input) => send({ type: 'outcome', index, outcome, ms, input }),
  });
  send({ type: 'done' });
  process.disconnect();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 2;
});
