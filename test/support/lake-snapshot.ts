// Test support: a byte-level fingerprint of a folder tree, to prove earlier runs were not touched.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * sha256 per file (and link target per symlink) under `dir`, keyed by relative path. Top-level entries
 * in `skip` are left out: by default the metadata store `_meta/`, which every apply updates by design
 * (catalog sync, audit log) and which holds no published data.
 */
export function treeDigest(dir: string, skip: readonly string[] = ['_meta']): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      if (!rel && skip.includes(name)) continue;
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, r));
      if (st.isSymbolicLink()) out[r] = `-> ${readlinkSync(join(dir, r))}`;
      else if (st.isDirectory()) walk(r);
      else out[r] = createHash('sha256').update(readFileSync(join(dir, r))).digest('hex');
    }
  };
  walk('');
  return out;
}
