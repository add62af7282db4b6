// fetch/: how Discogs names its monthly dumps in the public bucket. Pure: no I/O.
// Layout (https://data.discogs.com, bucket `discogs-data-dumps`): `data/YYYY/discogs_YYYYMMDD_<kind>.xml.gz`
// for the four kinds, and `data/YYYY/discogs_YYYYMMDD_CHECKSUM.txt` (sha256sum format) for each dump date.

/** The public bucket of the dumps, and its region (used when AWS_REGION is unset). */
export const DISCOGS_BUCKET = 'discogs-data-dumps';
export const DISCOGS_REGION = 'us-west-2';

/** The four dumps of a date, in the order they are fetched. */
export const DISCOGS_DUMP_KINDS = ['artists', 'labels', 'masters', 'releases'] as const;
export type DiscogsDumpKind = (typeof DISCOGS_DUMP_KINDS)[number];

/** `data/YYYY/`: where a year's dumps are listed. */
export function discogsYearPrefix(year: string): string {
  return `data/${year}/`;
}

/** `discogs_YYYYMMDD_<kind>.xml.gz`. */
export function discogsDumpName(date: string, kind: DiscogsDumpKind): string {
  return `discogs_${date}_${kind}.xml.gz`;
}

/** `discogs_YYYYMMDD_CHECKSUM.txt`. */
export function discogsChecksumName(date: string): string {
  return `discogs_${date}_CHECKSUM.txt`;
}

/**
 * The last dump date (`YYYYMMDD`) of `month` (`YYYY-MM`) among object names: the newest date of that
 * month that has a CHECKSUM file (a dump is published once its checksum file is). Undefined when none.
 */
export function lastDumpDateOfMonth(names: readonly string[], month: string): string | undefined {
  const ym = month.replace('-', '');
  const dates = names.map((n) => /^discogs_(\d{8})_CHECKSUM\.txt$/.exec(n)?.[1]).filter((d): d is string => d !== undefined && d.startsWith(ym));
  return dates.sort().at(-1);
}

/** The dump dates (`YYYYMMDD`, sorted) that have a CHECKSUM file among `names`. */
export function dumpDates(names: readonly string[]): string[] {
  return names.map((n) => /^discogs_(\d{8})_CHECKSUM\.txt$/.exec(n)?.[1]).filter((d): d is string => d !== undefined).sort();
}

/** True for `YYYY-MM` with a month 01..12. */
export function isMonth(month: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
}
