// lake/: brings an unchanged dataset's files into a new run folder without rewriting them, so each run
// folder stays complete and self-contained while unchanged data costs no I/O.
import { copyFile, link, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ManifestFile } from './manifest.js';

/**
 * Hard-links each of `files` (paths relative to a run folder) from `fromRun` into `toRun`, creating
 * folders as needed; copies a file where a link is impossible (another filesystem, or a filesystem
 * without hard links). Runs are immutable, so a shared inode is never written through.
 * @returns how many files were linked and how many copied.
 * @throws the fs error when a source file is missing or the target cannot be written.
 */
export async function linkDatasetFiles(fromRun: string, toRun: string, files: readonly ManifestFile[]): Promise<{ linked: number; copied: number }> {
  let linked = 0;
  let copied = 0;
  for (const f of files) {
    const target = join(toRun, f.path);
    await mkdir(dirname(target), { recursive: true });
    try {
      await link(join(fromRun, f.path), target);
      linked++;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw e;
      await copyFile(join(fromRun, f.path), target);
      copied++;
    }
  }
  return { linked, copied };
}
