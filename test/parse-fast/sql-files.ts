// parse-fast tests: the real SQL the fast parser is checked on: a generated project, the discogs spec
// models and the lineage corpus.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject, writeProject } from '../gen/gen-project.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** `.sql` files under `dir` (recursive), sorted, as [path, text]. */
export function sqlFilesUnder(dir: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.sql')) out.push([path, readFileSync(path, 'utf8')]);
    }
  };
  walk(dir);
  return out;
}

/** Writes a generated project of `models` models to a temp folder and returns its model SQL. */
export function generatedModels(models: number, seed: number): [string, string][] {
  const dir = mkdtempSync(join(tmpdir(), 'lakec-fastparse-'));
  try {
    writeProject(dir, generateProject({ models, seed }));
    return sqlFilesUnder(join(dir, 'models'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The discogs spec models. */
export const discogsModels = (): [string, string][] => sqlFilesUnder(join(REPO, 'specs/discogs/models'));

/** The queries of one lineage-corpus suite. */
export const corpusQueries = (suite: 'tpch' | 'tpcds' | 'dbt'): [string, string][] => sqlFilesUnder(join(REPO, 'test/lineage-corpus', suite, 'queries'));

/** `text` without its leading `--` comment lines (the lakec header). */
export function withoutHeader(text: string): string {
  const lines = text.split('\n');
  let k = 0;
  while (k < lines.length && lines[k]!.trimStart().startsWith('--')) k++;
  return lines.slice(k).join('\n');
}
