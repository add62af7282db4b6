// check/fast-types/: case-insensitive name keys without allocating for names already in lower case
// (nearly all of them), since name lookups are the inferer's hottest path.

/** `name` in lower case; returns `name` itself when it has no upper-case ASCII letter. */
export function lowerName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return name.toLowerCase();
  }
  return name;
}
