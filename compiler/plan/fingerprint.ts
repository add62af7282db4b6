// plan/: content fingerprints. sha256 over canonical JSON, never a separator join (SQLMesh's crc32
// over ";".join(...) is ambiguous; see STYLE.md §3.3).
// crypto.hash: one-shot digest, about twice as fast as createHash for short inputs (Node >= 20.12).
import { hash } from 'node:crypto';
import { canonicalJson } from '../emit/canonical-json.js';

/** Lowercase hex sha256 of the canonical JSON of `value`. Stable across OS, Node version and key order. */
export function fingerprintOf(value: unknown): string {
  return hash('sha256', canonicalJson(value));
}
