// schedule/: checks that recorded token-bucket admissions never exceeded a system's rate limit.
import type { ScheduleRecord, SystemThrottle } from './schedule-types.js';
import type { ScheduleViolation } from './schedule-violation.js';
import { bucketCapacity } from './system-throttles.js';
import { throttlesByName } from './task-ranks.js';

/** Relative slack for float drift (the buckets admit within 1e-9 of their capacity). */
const TOLERANCE = 1e-6;

/**
 * Windows [a, b] in which a system admitted more than rate·(b−a)/1000 + capacity rows or bytes,
 * with rate and capacity (rate × burstSeconds) taken from `throttles`, not from the record. O(n)
 * per log: the excess of the best window ending at admission j is (S_j − r·t_j) − min_{i≤j}
 * (S_{i−1} − r·t_i), S the prefix sums. One violation (the worst window) per system and kind.
 * Checks the kept admissions only (see RateRecord.droppedAdmissions).
 */
export function rateViolations(record: Pick<ScheduleRecord, 'rates'>, throttles: readonly SystemThrottle[]): ScheduleViolation[] {
  const limits = throttlesByName(throttles);
  const out: ScheduleViolation[] = [];
  for (const rec of record.rates) {
    const t = limits.get(rec.system);
    const rate = rec.kind === 'rows' ? t?.rowsPerSecond : t?.bytesPerSecond;
    if (rate === undefined) {
      if (rec.admitted > 0) out.push({ check: 'rate', atMs: 0, system: rec.system, message: `system "${rec.system}" has no ${rec.kind}/s limit but a bucket` });
      continue;
    }
    const capacity = bucketCapacity(rate, t?.burstSeconds);
    let sum = 0;
    let minBase = Infinity;
    let worst = { excess: -Infinity, from: 0, to: 0, amount: 0 };
    let minFrom = 0;
    let sumBefore = 0;
    for (const [at, amount] of rec.admissions) {
      const base = sum - (rate * at) / 1000;
      if (base < minBase) {
        minBase = base;
        minFrom = at;
        sumBefore = sum;
      }
      sum += amount;
      const excess = sum - (rate * at) / 1000 - minBase;
      if (excess > worst.excess) worst = { excess, from: minFrom, to: at, amount: sum - sumBefore };
    }
    if (worst.excess > capacity * (1 + TOLERANCE)) {
      out.push({
        check: 'rate', atMs: worst.from, system: rec.system,
        message: `system "${rec.system}": ${fmt(worst.amount)} ${rec.kind} admitted in [${fmt(worst.from)}, ${fmt(worst.to)}] ms, limit ${fmt(rate)}/s + burst ${fmt(capacity)}`,
      });
    }
  }
  return out;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(3);
}
