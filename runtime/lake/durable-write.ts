// lake/: writes that survive a crash: temp file in the same folder, fsync, rename, fsync of the folder.
import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` with `text` (UTF-8) atomically: readers and crashes see the old content or the new,
 * never a mix; at worst a stray `.<name>.<uuid>.tmp` file is left behind by a crash.
 * @see rename(2): "If newpath already exists, it will be atomically replaced".
 * @throws the fs error when the folder is missing or not writable (the temp file is removed).
 */
export async function writeDurable(path: string, text: string): Promise<void> {
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
  await syncDir(dir);
}

/** fsyncs a folder so a rename or create in it is durable (a no-op where the platform refuses). */
export async function syncDir(dir: string): Promise<void> {
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
