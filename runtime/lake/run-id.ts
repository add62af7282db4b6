// lake/: run ids. Sortable by start time, unique without coordination.
import { randomBytes } from 'node:crypto';

const RUN_ID = /^\d{8}T\d{6}(?:\d{3})?Z-[0-9a-f]{6}$/;

/** `YYYYMMDDTHHMMSSmmmZ-xxxxxx` (UTC start time to the millisecond + 24 random bits), e.g. `20261121T140512345Z-a1b2c3`. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** True when `s` has the form of a run id (guards against path tricks in CLI arguments). */
export function isRunId(s: string): boolean {
  return RUN_ID.test(s);
}
