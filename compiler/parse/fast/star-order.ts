// parse/fast/: the order in which DuckDB serializes `* EXCLUDE (...)` and `* REPLACE (...)` lists.
// DuckDB keeps them in std::unordered_set / unordered_map keyed by a case-insensitive Jenkins hash
// (StringUtil::CIHash), so the serialized order is libstdc++'s iteration order: a freshly built table has
// 13 buckets up to 13 entries, and an entry goes in front of the first entry of its bucket, or at the front
// of the list when its bucket is empty. EXCLUDE names pass through two such sets (the parsed qualified set,
// then the set of unqualified names built for serialization); REPLACE entries through one map.

/** StringUtil::CIHash: Jenkins one-at-a-time over ASCII-lowercased bytes, as uint32. Names are ASCII here. */
export function ciHash(s: string): number {
  let h = 0;
  for (let k = 0; k < s.length; k++) {
    let c = s.charCodeAt(k);
    if (c >= 65 && c <= 90) c += 32;
    h = (h + c) >>> 0;
    h = (h + (h << 10)) >>> 0;
    h = (h ^ (h >>> 6)) >>> 0;
  }
  h = (h + (h << 3)) >>> 0;
  h = (h ^ (h >>> 11)) >>> 0;
  h = (h + (h << 15)) >>> 0;
  return h;
}

/** Largest list whose order is modelled (13 buckets, no rehash). */
export const MAX_HASHED_ENTRIES = 13;
const BUCKETS = 13;

/** Iteration order of a libstdc++ hash table after inserting `keys` (distinct, ≤ 13) in order. */
export function hashTableOrder<T>(keys: readonly T[], nameOf: (key: T) => string): T[] {
  const list: T[] = [];
  const buckets: number[] = [];
  for (const key of keys) {
    const b = ciHash(nameOf(key)) % BUCKETS;
    const at = buckets.indexOf(b);
    if (at < 0) {
      list.unshift(key);
      buckets.unshift(b);
    } else {
      list.splice(at, 0, key);
      buckets.splice(at, 0, b);
    }
  }
  return list;
}
