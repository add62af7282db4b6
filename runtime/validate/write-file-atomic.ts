// validate/: whole-file writes that never leave a partly written file under the final name.
import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` (UTF-8) to `path` by writing a temp file in the same directory, fsyncing it and
 * renaming it over `path`. A crash leaves either the old file or the new one, plus at worst a stray
 * `.<name>.<uuid>.tmp` file. The directory is fsynced afterwards where the platform allows it.
 * @throws the fs error when the directory is missing or not writable (the temp file is removed).
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported everywhere (e.g. Windows); the rename itself is already atomic.
  }
}
