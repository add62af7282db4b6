// progress/: the text of progress lines. Pure; no streams, no clock.

/** Cumulative ingestion counters, all since the start. */
export interface ProgressCounts {
  /** Decompressed XML bytes parsed. */
  readonly xmlBytes: number;
  /** Top-level XML records (e.g. `<release>` elements) parsed. */
  readonly records: number;
  /** Rows written, summed over every output table. */
  readonly rows: number;
  /** Bytes of the (possibly compressed) input file read; equal to xmlBytes for plain XML. */
  readonly compressedBytes: number;
}

/** Everything one line shows. `elapsedMs` is wall time since the reporter was created. */
export interface ProgressSnapshot {
  readonly label: string;
  readonly counts: ProgressCounts;
  readonly elapsedMs: number;
  /** Size of the input file in bytes, when known: adds a percentage of it read. */
  readonly totalCompressedBytes?: number;
}

/** An integer with `,` thousands separators, independent of locale: `1,234,567`. */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Bytes as decimal megabytes (1 MB = 1,000,000 bytes) with one decimal: `123.4 MB`. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A duration: `12.3s` under a minute, then `4m05s`, then `1h02m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const total = Math.floor(ms / 1000);
  const s = String(total % 60).padStart(2, '0');
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m${s}s` : `${m}m${s}s`;
}

/** Average XML throughput since the start in MB/s (0 before any time has passed): `45.6 MB/s`. */
export function formatRate(bytes: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? bytes / 1e6 / (elapsedMs / 1000) : 0;
  return `${rate.toFixed(1)} MB/s`;
}

/**
 * The counters part: `1,234 records, 5,678 rows, 12.3 MB XML, 4.5 MB/s[, 42% of input]`; for a source
 * that is not XML (no XML bytes, e.g. CSV tables or a database): `5,678 rows, 1.2 MB read, 4.5 MB/s`.
 */
export function formatCounters(snap: ProgressSnapshot): string {
  const { counts, elapsedMs, totalCompressedBytes } = snap;
  if (counts.xmlBytes === 0 && counts.compressedBytes > 0) {
    return [`${formatCount(counts.rows)} rows`, `${formatMegabytes(counts.compressedBytes)} read`, formatRate(counts.compressedBytes, elapsedMs)].join(', ');
  }
  const parts = [
    `${formatCount(counts.records)} records`,
    `${formatCount(counts.rows)} rows`,
    `${formatMegabytes(counts.xmlBytes)} XML`,
    formatRate(counts.xmlBytes, elapsedMs),
  ];
  if (totalCompressedBytes !== undefined && totalCompressedBytes > 0) {
    const pct = Math.min(100, Math.floor((counts.compressedBytes / totalCompressedBytes) * 100));
    parts.push(`${pct}% of input`);
  }
  return parts.join(', ');
}

/** A running line: `releases: 1,234 records, 5,678 rows, 12.3 MB XML, 4.5 MB/s`. */
export function formatProgressLine(snap: ProgressSnapshot): string {
  return `${snap.label}: ${formatCounters(snap)}`;
}

/** The final line: `releases: done in 12.3s: 1,234 records, …`. */
export function formatDoneLine(snap: ProgressSnapshot): string {
  return `${snap.label}: done in ${formatDuration(snap.elapsedMs)}: ${formatCounters(snap)}`;
}

/** The failure line: `releases: failed after 12.3s[ (reason)]: 1,234 records, …`. */
export function formatFailLine(snap: ProgressSnapshot, reason?: string): string {
  const why = reason === undefined || reason === '' ? '' : ` (${reason})`;
  return `${snap.label}: failed after ${formatDuration(snap.elapsedMs)}${why}: ${formatCounters(snap)}`;
}
