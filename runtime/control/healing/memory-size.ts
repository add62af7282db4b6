// control/healing/: DuckDB memory sizes as text <-> bytes. DuckDB prints settings in binary units
// (`953.6 MiB`) and accepts both decimal (`KB`, `MB`, `GB`: powers of 1000) and binary (`KiB`, …:
// powers of 1024) units (https://duckdb.org/docs/stable/configuration/overview).
const UNITS: Readonly<Record<string, number>> = {
  B: 1, BYTES: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3, TIB: 1024 ** 4,
};

/** Bytes of a size such as `'512MB'`, `'953.6 MiB'`, `'2GB'`; undefined when it does not parse. */
export function parseMemorySize(text: string): number | undefined {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = UNITS[(m[2] || 'B').toUpperCase()];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}

/** A byte count as DuckDB accepts it, in whole KiB (`'1048576KiB'`): exact and unambiguous. */
export function formatMemorySize(bytes: number): string {
  return `${Math.max(1, Math.floor(bytes / 1024))}KiB`;
}
