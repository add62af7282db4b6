// bench: `npm run bench` runs every benchmark in turn and prints their figures and ratios.
import { benchIngest } from './ingest-bench.js';
import { benchApply } from './apply-bench.js';
import { benchCompile } from './compile-bench.js';
import { benchIncremental } from './incremental-bench.js';
import { benchSchedule } from './schedule-bench.js';

async function runAll(): Promise<void> {
  await benchApply();
  await benchIncremental();
  await benchSchedule();
  await benchCompile();
  await benchIngest();
}

runAll().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
