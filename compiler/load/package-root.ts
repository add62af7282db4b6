// Locates lakec's own install folder (for schemas/), from source (compiler/load) or build (dist/compiler/load).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder holding lakec's package.json, found by walking up from this module.
 * @throws Error when no lakec package.json is above this file (a broken install).
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'lakec') {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('lakec install is broken: no package.json named "lakec" above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** Absolute path of a file under lakec's `schemas/` folder. */
export function schemaPath(name: string): string {
  return join(packageRoot(), 'schemas', name);
}
