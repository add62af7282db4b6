// Suggestions for misspelt names ("did you mean …?").

/**
 * Optimal string alignment distance: Levenshtein (insert/delete/substitute cost 1) plus transposition of
 * two adjacent characters at cost 1, the commonest typo. O(|a|·|b|) time and memory.
 * @see F. J. Damerau, "A technique for computer detection and correction of spelling errors", CACM 1964.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row[j] = d;
    }
  }
  return rows[a.length]![b.length]!;
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

/**
 * Cyrillic and Greek letters that render like Latin ones, mapped to the Latin letter (a subset of the
 * Unicode confusables data, UTS #39 §4 "Confusable Detection", for the letters identifiers use).
 */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  '\u0430': 'a', '\u0435': 'e', '\u043e': 'o', '\u0440': 'p', '\u0441': 'c', '\u0443': 'y', '\u0445': 'x', '\u0456': 'i', '\u0458': 'j', '\u0455': 's',
  '\u0501': 'd', '\u04bb': 'h', '\u04cf': 'l', '\u0410': 'A', '\u0412': 'B', '\u0415': 'E', '\u041a': 'K', '\u041c': 'M', '\u041d': 'H', '\u041e': 'O',
  '\u0420': 'P', '\u0421': 'C', '\u0422': 'T', '\u0425': 'X', '\u03bf': 'o', '\u03b1': 'a', '\u03bd': 'v', '\u0391': 'A', '\u0392': 'B', '\u0395': 'E',
  '\u0397': 'H', '\u0399': 'I', '\u039a': 'K', '\u039c': 'M', '\u039d': 'N', '\u039f': 'O', '\u03a1': 'P', '\u03a4': 'T', '\u03a7': 'X', '\u0396': 'Z',
};

/**
 * A note for a name holding letters that look Latin but are not (e.g. Cyrillic "а" U+0430 in "lаbels"):
 * names the first such letter and the name spelt with Latin letters. Undefined for names without any.
 */
export function lookalikeNote(name: string): string | undefined {
  const first = [...name].find((ch) => LATIN_LOOKALIKES[ch] !== undefined);
  if (first === undefined) return undefined;
  const latin = [...name].map((ch) => LATIN_LOOKALIKES[ch] ?? ch).join('');
  return `"${name}" contains "${first}" (U+${first.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}), a non-Latin letter that looks like "${LATIN_LOOKALIKES[first]}"; in Latin letters the name is "${latin}"`;
}
