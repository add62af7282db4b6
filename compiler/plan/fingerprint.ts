// plan/: content fingerprints. sha256 over canonical JSON, never a separator join (SQLMesh's crc32
// over ";".join(...) is ambiguous; see STYLE.md §3.3).
import { createHash } from 'node:crypto';
import { canonicalJson } from '../emit/canonical-json.js';

/** Lowercase hex sha256 of the canonical JSON of `value`. Stable across OS, Node version and key order. */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
