// bench: end-to-end XML ingestion (gunzip -> parse -> map -> Parquet) on scaled Discogs releases dumps,
// against zcat of the same file; peak RSS at 100x and 1000x to show memory stays flat.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildReport } from './ingest-bench-child.js';

const BIG_DIR = '/tmp/discogs_big';
const HERE = dirname(fileURLToPath(import.meta.url));

/** The shared/ folder beside the repository (found from this file in src or dist), else /work/shared. */
function sharedDir(): string {
  for (let dir = HERE; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const beside = resolve(dir, '../shared');
      if (existsSync(beside)) return beside;
    }
  }
  return '/work/shared';
}

/** Path of the `copies`x releases dump, generating it with make_big_discogs when absent. */
function scaledDump(copies: number, plain: boolean): string {
  const gz = join(BIG_DIR, `discogs_20200806x${copies}_releases.xml.gz`);
  if (existsSync(gz)) return gz;
  const shared = sharedDir();
  process.stdout.write(`generating ${gz} (make_big_discogs --copies ${copies}) …\n`);
  execFileSync(join(shared, 'tools', 'make_big_discogs'), [
    '--src-dir', join(shared, 'data', 'discogs'), '--out-dir', BIG_DIR, '--copies', String(copies), '--entities', 'releases',
    ...(plain ? [] : ['--no-plain']),
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  return gz;
}

/** Seconds `zcat file > /dev/null` takes. */
function timeZcat(file: string): number {
  const start = performance.now();
  const r = spawnSync('sh', ['-c', 'zcat "$1" > /dev/null', 'sh', file], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`zcat failed on ${file}`);
  return (performance.now() - start) / 1000;
}

/** Runs one ingestion in a child process (fresh heap, own RSS). */
function runChild(file: string, threads?: number): ChildReport {
  const work = mkdtempSync(join(tmpdir(), 'lakec-bench-'));
  try {
    const args = [join(HERE, 'ingest-bench-child.js'), file, join(work, 'out'), work, ...(threads === undefined ? [] : [String(threads)])];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`ingest child failed on ${file}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as ChildReport;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const mb = (bytes: number): number => bytes / 1e6;
const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MiB`;
const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * Benchmarks XML ingestion with the shipped releases mapping (specs/discogs/mappings/releases.yaml) and prints a table:
 * MB/s of uncompressed XML, records/s, rows written, Parquet files, peak RSS, and the ratio to zcat
 * (decompression alone) on the same file. Inputs: the 100x dump (generated into /tmp/discogs_big when
 * absent) and the 1000x dump (generated with --no-plain) for the memory-flatness check.
 * Set LAKEC_BENCH_SKIP_1000X=1 to skip the 4.5 GB run.
 */
export async function benchIngest(): Promise<void> {
  const inputs = [{ copies: 100, plain: true }, ...(process.env['LAKEC_BENCH_SKIP_1000X'] ? [] : [{ copies: 1000, plain: false }])];
  const rows: string[][] = [];
  const peaks: number[] = [];
  let tables = 0;
  for (const input of inputs) {
    const file = scaledDump(input.copies, input.plain);
    const zcatSeconds = timeZcat(file);
    const r = runChild(file);
    const speed = mb(r.xmlBytes) / r.seconds;
    const zcatSpeed = mb(r.xmlBytes) / zcatSeconds;
    peaks.push(r.peakRss);
    tables = r.tables;
    rows.push([`releases x${input.copies}`, mb(r.xmlBytes).toFixed(0), r.seconds.toFixed(2), speed.toFixed(1), int(r.records / r.seconds),
      int(r.rows), String(r.files), mib(r.peakRss), `${(speed / zcatSpeed).toFixed(2)}x (zcat ${zcatSpeed.toFixed(0)} MB/s)`]);
  }
  const header = ['input (.xml.gz)', 'XML MB', 'seconds', 'MB/s', 'records/s', 'rows', 'parquet files', 'peak RSS', 'lakec vs zcat'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write(`\nXML ingest: gunzip -> parse -> map -> Parquet (zstd), full releases mapping (${tables} tables)\n`);
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
  if (peaks.length === 2) {
    process.stdout.write(`peak RSS at 10x the input: ${mib(peaks[1]!)} vs ${mib(peaks[0]!)} (${(peaks[1]! / peaks[0]!).toFixed(2)}x)\n`);
  }
}
