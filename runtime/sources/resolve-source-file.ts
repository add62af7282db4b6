// sources/: picks the file an ingest step reads: the last match of the pattern in name order
// (Discogs dump names sort by date, so the newest dump wins).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LakecError } from '../../compiler/index.js';

/** Converts a file-name glob (`*`, `?`; no `/`) into an anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) re += ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`);
}

/**
 * Resolves the input of an ingest step.
 * @param folder absolute folder; `displayFolder` is how to name it in messages.
 * @returns absolute path of the chosen file and every candidate considered (sorted).
 * @throws LakecError LK6105 when the folder is missing or nothing matches.
 */
export async function resolveSourceFile(folder: string, displayFolder: string, pattern: string): Promise<{ file: string; candidates: string[] }> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    throw new LakecError({ code: 'LK6105', severity: 'error', message: `source folder "${displayFolder}" not found`, hint: 'point the source at the dump folder, e.g. --var discogs_dump_dir=DIR' });
  }
  const re = globToRegExp(pattern);
  const matches = names.filter((n) => re.test(n) && !n.endsWith('.part')).sort();
  const chosen = matches[matches.length - 1];
  if (!chosen) {
    throw new LakecError({ code: 'LK6105', severity: 'error', message: `no file matching "${pattern}" in "${displayFolder}"`, hint: `the folder holds ${names.length} entries; check the dump folder and pattern` });
  }
  return { file: join(folder, chosen), candidates: matches };
}
