// bench: standalone entry for the compile benchmark (`node dist/test/bench/run-compile-bench.js`).
import { benchCompile } from './compile-bench.js';

benchCompile().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
