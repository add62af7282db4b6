// cache/: identifies the compiler build, so cached results never outlive the code that computed them.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let memo: string | undefined;

/**
 * sha256 (hex) over the relative path, size and modification time of every file of the compiler's
 * own code (the folder this module was loaded from, one level up: compiler/), so any rebuild or edit of
 * the compiler invalidates every cache entry. Costs one stat per file (~100 files), once per process.
 */
export function compilerBuildId(): string {
  if (memo) return memo;
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha256');
  const walk = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, `${rel}${entry.name}/`);
      else if (/\.(js|ts)$/.test(entry.name)) {
        const st = statSync(path);
        hash.update(`${rel}${entry.name}\u0000${st.size}\u0000${st.mtimeMs}\n`);
      }
    }
  };
  walk(root, '');
  return (memo = hash.digest('hex'));
}
