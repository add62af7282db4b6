// bench: one measured ingestion in a fresh process (so peak RSS is this run's alone). Prints one JSON
// line on stdout. Usage: node ingest-bench-child.js <dump.xml[.gz]> <outDir> <tmpDir> [duckdbThreads]
import { rmSync } from 'node:fs';
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import { ingestXml } from '../../runtime/ingest/xml/index.js';
import { join } from 'node:path';
import { loadMapping } from '../../compiler/load/load-mapping.js';
import { packageRoot } from '../../compiler/load/package-root.js';

/** The shipped releases mapping: the benchmark measures exactly what `lakec apply` runs. */
function releasesMapping() {
  const loaded = loadMapping(join(packageRoot(), 'specs', 'discogs', 'mappings', 'releases.yaml'), 'specs/discogs/mappings/releases.yaml');
  if (!loaded.value) throw new Error(`releases mapping does not load: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.value;
}

/** What one child run reports (bytes, seconds, bytes of RSS). */
export interface ChildReport {
  readonly xmlBytes: number;
  readonly compressedBytes: number;
  readonly records: number;
  readonly rows: number;
  readonly tables: number;
  readonly files: number;
  readonly seconds: number;
  readonly peakRss: number;
}

async function main(argv: readonly string[]): Promise<void> {
  const [file, outDir, tmpDir, threads] = argv;
  if (file === undefined || outDir === undefined || tmpDir === undefined) throw new Error('usage: ingest-bench-child <file> <outDir> <tmpDir> [threads]');
  const engine = await openDuckDb(threads === undefined ? {} : { threads: Number(threads) });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  try {
    const start = performance.now();
    const result = await ingestXml({ mapping: releasesMapping(), file, displayPath: file, outDir, engine, tmpDir });
    const seconds = (performance.now() - start) / 1000;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const report: ChildReport = {
      xmlBytes: result.xmlBytes,
      compressedBytes: result.compressedBytes,
      records: result.records,
      rows: result.tables.reduce((n, t) => n + t.rows, 0),
      tables: result.tables.length,
      files: result.tables.reduce((n, t) => n + t.files.length, 0),
      seconds,
      peakRss,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    clearInterval(sampler);
    await engine.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
