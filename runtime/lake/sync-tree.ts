// lake/: makes a finished run folder durable before it is promoted: every file and every folder in it
// fsynced, so after a crash `active` never points at a run whose data or directory entries were still
// only in the page cache (DuckDB's COPY and the report writers do not fsync what they write).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir, syncFile } from './durable-write.js';

/**
 * fsyncs every regular file under `root` (hard-linked files included: the link count is inode metadata),
 * then every folder bottom-up, `root` last, so each folder's entries are durable once its files are.
 * Symlinks and other special files are skipped. Files are synced a few at a time.
 * @returns how many files and folders were synced.
 * @throws the fs error when a file cannot be opened or fsynced (e.g. EIO: the data may be lost, so the
 *   run must not be promoted). Folders where the platform refuses fsync are skipped (see syncDir).
 */
export async function syncTree(root: string): Promise<{ files: number; dirs: number }> {
  const files: string[] = [];
  const dirs: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(path);
    }
    dirs.push(dir);
  };
  await walk(root);
  const PARALLEL = 8;
  for (let i = 0; i < files.length; i += PARALLEL) await Promise.all(files.slice(i, i + PARALLEL).map(syncFile));
  // `dirs` is in post-order: children before their parents, `root` last.
  for (const dir of dirs) await syncDir(dir);
  return { files: files.length, dirs: dirs.length };
}
