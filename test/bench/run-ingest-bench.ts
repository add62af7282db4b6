// bench: standalone entry for the XML ingest benchmark (`node dist/test/bench/run-ingest-bench.js`).
import { benchIngest } from './ingest-bench.js';

benchIngest().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
