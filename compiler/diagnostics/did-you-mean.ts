// Suggestions for misspelt names ("did you mean …?").

/**
 * Levenshtein edit distance (insert/delete/substitute cost 1), O(|a|·|b|) time, O(|b|) memory.
 * @see V. I. Levenshtein, "Binary codes capable of correcting deletions, insertions and reversals", 1966.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The closest candidate to `name` (case-insensitive), or undefined when none is close enough:
 * distance ≤ max(1, ⌊len/3⌋). Ties break by candidate order after sorting, so results are stable.
 */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  const target = name.toLowerCase();
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of [...candidates].sort()) {
    const d = editDistance(target, candidate.toLowerCase());
    if (d < bestDistance && d <= limit) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `did you mean "x"?` for the closest candidate, else a list of up to 8 valid names, else undefined. */
export function suggestName(name: string, candidates: readonly string[], noun = 'name'): string | undefined {
  const match = closestMatch(name, candidates);
  if (match !== undefined) return `did you mean "${match}"?`;
  if (candidates.length === 0) return undefined;
  const sorted = [...candidates].sort();
  const shown = sorted.slice(0, 8).map((c) => `"${c}"`).join(', ');
  return `valid ${noun}s: ${shown}${sorted.length > 8 ? `, … (${sorted.length} in all)` : ''}`;
}
