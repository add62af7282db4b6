// Throughput of the fast SQL parser: `node dist/test/parse-fast/throughput.js DIR [--rounds N]` parses every
// .sql file under DIR (recursively) N times after a warm-up round and prints MB/s (UTF-8 bytes of SQL per
// second of parsing) and how many files the fast path accepted. Not a test; a measuring stick.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { fastParseSelect } from '../../compiler/parse/fast/fast-parse.js';

/** Result of one measurement. */
export interface Throughput {
  readonly files: number;
  readonly accepted: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly mbPerSecond: number;
}

function sqlTexts(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sqlTexts(path));
    else if (entry.name.endsWith('.sql')) out.push(readFileSync(path, 'utf8'));
  }
  return out;
}

/** Parses `texts` `rounds` times (after one warm-up round) and reports the rate. */
export function measureThroughput(texts: readonly string[], rounds: number): Throughput {
  let accepted = 0;
  for (const t of texts) if (fastParseSelect(t) !== undefined) accepted++;
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const t of texts) fastParseSelect(t);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { files: texts.length, accepted, bytes, seconds, mbPerSecond: (bytes * rounds) / 1e6 / seconds };
}

/** CLI entry: returns the exit code. */
export function runThroughputCli(argv: readonly string[]): number {
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { rounds: { type: 'string' } } });
  const dir = positionals[0];
  const rounds = values.rounds === undefined ? 5 : Number(values.rounds);
  if (dir === undefined || !Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write('usage: throughput DIR [--rounds N]\n');
    return 2;
  }
  const texts = sqlTexts(resolve(dir));
  if (texts.length === 0) {
    process.stderr.write(`no .sql files under ${dir}\n`);
    return 1;
  }
  const r = measureThroughput(texts, rounds);
  process.stdout.write(
    `${r.files} files, ${(r.bytes / 1e6).toFixed(2)} MB, fast path accepted ${r.accepted}/${r.files}\n` +
      `${rounds} rounds in ${r.seconds.toFixed(3)} s: ${r.mbPerSecond.toFixed(1)} MB/s, ${((r.seconds * 1e3) / (rounds * r.files)).toFixed(4)} ms/file\n`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = runThroughputCli(process.argv.slice(2));
}
