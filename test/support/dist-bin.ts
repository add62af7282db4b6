// Test support: the built `lakec` executable, for tests that need a real second process (an apply
// running while the test acts as an operator). Refuses a dist/ older than the sources it was built from.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './paths.js';

/** Newest modification time (ms) of the .ts files under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Absolute path of `dist/runtime/cli/bin.js`.
 * @throws Error when dist/ is missing or older than compiler/ or runtime/ sources (run `npm run build`).
 */
export function builtLakec(): string {
  const bin = join(REPO, 'dist', 'runtime', 'cli', 'bin.js');
  const built = statSync(bin, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const source = Math.max(newestSource(join(REPO, 'compiler')), newestSource(join(REPO, 'runtime')));
  if (built < source) throw new Error('dist/ is older than the sources: run `npm run build` first');
  return bin;
}
