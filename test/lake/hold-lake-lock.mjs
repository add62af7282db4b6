// Test helper: a separate process that takes the lake lock with the real runtime/lake/lake-lock.ts.
//   node test/lake/hold-lake-lock.mjs <lake-root>
// Prints one JSON line per event on stdout: {"event":"ready"} once loaded, then after reading "go" on
// stdin {"event":"acquired","tookOverFrom":<pid>|null} or {"event":"locked","holderPid":<pid>|null}
// (or {"event":"error","message"}); then holds the lock until "release" (or stdin closes), releases,
// prints {"event":"released"} and exits.
import { register } from 'node:module';
import { createInterface } from 'node:readline';

register('./ts-hooks.mjs', import.meta.url);
const { acquireLakeLock, LakeLockedError } = await import('../../runtime/lake/lake-lock.ts');
const { lakeLayout } = await import('../../runtime/lake/lake-layout.ts');

const lake = lakeLayout(process.argv[2]);
const say = (event) => process.stdout.write(JSON.stringify(event) + '\n');
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const nextLine = async () => {
  const r = await lines.next();
  return r.done ? undefined : r.value.trim();
};

say({ event: 'ready' });
let line;
do line = await nextLine();
while (line !== undefined && line !== 'go');
if (line === undefined) process.exit(0);
let lock;
try {
  lock = await acquireLakeLock(lake, { runId: `child-${process.pid}`, command: 'hold-lake-lock' });
  say({ event: 'acquired', tookOverFrom: lock.tookOverFrom?.pid ?? null });
} catch (e) {
  if (e instanceof LakeLockedError) say({ event: 'locked', holderPid: e.holder?.pid ?? null });
  else say({ event: 'error', message: String(e) });
}
if (lock) {
  do line = await nextLine();
  while (line !== undefined && line !== 'release');
  await lock.release();
  say({ event: 'released' });
}
process.exit(0);
