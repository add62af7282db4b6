// cli/commands: `lakec fetch discogs --month YYYY-MM [--out DIR] [--base-url URL]`: downloads a month's
// Discogs dumps (runtime/fetch/fetch-discogs.ts) and prints what was downloaded or skipped.
import type { S3Client } from '@aws-sdk/client-s3';
import { isAbsolute, resolve } from 'node:path';
import { LakecError, renderDiagnosticsText } from '../../../compiler/index.js';
import { DISCOGS_BUCKET, DISCOGS_REGION, isMonth } from '../../fetch/discogs-dump-names.js';
import { fetchDiscogs, type FetchDiscogsReport } from '../../fetch/fetch-discogs.js';
import type { FetchedFile } from '../../fetch/fetch-verified-file.js';
import { formatDuration, formatMegabytes } from '../../progress/format-progress.js';
import { s3ClientFromEnv } from '../../sources/s3/s3-client-from-env.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CommonOptions } from '../main.js';

/** Arguments of `lakec fetch`. */
export interface FetchArgs {
  /** What to fetch; only the Discogs dumps so far. */
  readonly dataset: 'discogs';
  /** `YYYY-MM`: the month whose last published dump is fetched. */
  readonly month: string;
  /**
   * Output folder (absolute, or relative to `io.cwd`). Default: DISCOGS_DUMP_DIR from the environment
   * (the folder the Discogs example ingests), else `raw/discogs`.
   */
  readonly out?: string;
  /**
   * S3 endpoint URL of the dumps' store (e.g. `http://127.0.0.1:9000` for a mirror); default
   * AWS_ENDPOINT_URL, else AWS itself. Path-style addressing is used with it.
   */
  readonly baseUrl?: string;
}

const TTY_PROGRESS_MS = 1000;

/**
 * Fetches the month's four Discogs dumps into the output folder, verified against the published
 * checksum file; files already complete are skipped. Credentials are optional (AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY; without them requests are unsigned, as the real bucket is public); the region
 * defaults to the bucket's.
 * @returns EXIT.ok; EXIT.usage for a bad `--month`; EXIT.diagnostics (diagnostic on stderr) when no dump
 *   is published that month, S3 fails or a checksum does not match.
 */
export async function runFetchCommand(opts: CommonOptions, args: FetchArgs, io: CliIo): Promise<number> {
  if (!isMonth(args.month)) {
    io.stderr.write(`error: --month ${args.month}: give a month as YYYY-MM, e.g. 2020-08\n`);
    return EXIT.usage;
  }
  const outArg = args.out ?? io.env['DISCOGS_DUMP_DIR'] ?? 'raw/discogs';
  const out = isAbsolute(outArg) ? outArg : resolve(io.cwd, outArg);
  const started = performance.now();
  let report: FetchDiscogsReport;
  let client: S3Client | undefined;
  try {
    client = s3ClientFromEnv(io.env, { ...(args.baseUrl ? { endpoint: args.baseUrl } : {}), defaultRegion: DISCOGS_REGION, allowAnonymous: true });
    let lastPrint = 0;
    report = await fetchDiscogs({
      client, bucket: DISCOGS_BUCKET, month: args.month, out,
      ...(io.stderr.isTTY && !opts.json ? {
        onProgress: (name: string, bytes: number, size: number) => {
          const now = performance.now();
          if (now - lastPrint < TTY_PROGRESS_MS) return;
          lastPrint = now;
          io.stderr.write(`\r\x1b[K${name}: ${formatMegabytes(bytes)} of ${formatMegabytes(size)}`);
        },
      } : {}),
      ...(!opts.json ? { onFileDone: (f: FetchedFile) => {
        if (io.stderr.isTTY) io.stderr.write('\r\x1b[K');
        io.stdout.write(formatFileLine(f));
      } } : {}),
    });
  } catch (e) {
    if (e instanceof LakecError) {
      io.stderr.write(renderDiagnosticsText([e.diagnostic]));
      return EXIT.diagnostics;
    }
    throw e;
  } finally {
    client?.destroy();
  }
  const elapsedMs = performance.now() - started;
  if (opts.json) io.stdout.write(JSON.stringify({ ...report, out, elapsedMs: Math.round(elapsedMs) }) + '\n');
  else io.stdout.write(formatSummary(report, out, elapsedMs));
  return EXIT.ok;
}

/** `downloaded  discogs_20200806_artists.xml.gz  1.2 MB` (plus `, resumed at X MB`). */
function formatFileLine(f: FetchedFile): string {
  const resumed = f.resumedBytes > 0 ? `, resumed at ${formatMegabytes(f.resumedBytes)}` : '';
  const note = f.status === 'skipped' ? ' (already complete)' : f.status === 'replaced' ? ' (local copy was wrong)' : '';
  return `${f.status.padEnd(10)}  ${f.name}  ${formatMegabytes(f.size)}${resumed}${note}\n`;
}

function formatSummary(report: FetchDiscogsReport, out: string, elapsedMs: number): string {
  const fetched = report.files.filter((f) => f.status !== 'skipped');
  const bytes = fetched.reduce((n, f) => n + f.transferredBytes, 0);
  const rate = elapsedMs > 0 ? `${(bytes / 1e6 / (elapsedMs / 1000)).toFixed(1)} MB/s` : '';
  const d = report.date;
  return `discogs dump ${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)} from ${report.source} in ${out}: ` +
    `${fetched.length} downloaded (${formatMegabytes(bytes)} in ${formatDuration(elapsedMs)}${bytes > 0 ? `, ${rate}` : ''}), ` +
    `${report.files.length - fetched.length} already complete; verified against ${report.checksumFile}\n`;
}
