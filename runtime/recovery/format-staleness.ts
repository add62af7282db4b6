// recovery/: how route staleness reads in messages, listings and the audit log.

const UNITS: readonly [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]];

/**
 * A staleness in milliseconds as its largest whole unit and, when not zero, the next one: `0s`, `42s`,
 * `5m30s`, `2h5m`, `30d`, `3d4h`. Milliseconds below a second are dropped (rounded down).
 * @param ms milliseconds, >= 0 (negative values read as `0s`).
 */
export function formatStaleness(ms: number): string {
  const rest = Math.max(0, Math.floor(ms));
  const i = UNITS.findIndex(([, size]) => rest >= size);
  if (i === -1) return '0s';
  const [unit, size] = UNITS[i]!;
  const whole = Math.floor(rest / size);
  const next = UNITS[i + 1];
  const part = next ? Math.floor((rest - whole * size) / next[1]) : 0;
  return `${whole}${unit}${part && next ? `${part}${next[0]}` : ''}`;
}
