// lake/: writes that survive a crash: temp file in the same folder, fsync, rename, fsync of the folder.
import { randomUUID } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
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
    await writeSynced(tmp, text, 'wx');
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

/**
 * Writes `text` (UTF-8) to `path` opened with `flag` (`'a'` appends, `'wx'` creates, …) and fsyncs it
 * before closing. Not atomic: a crash may leave part of it (a torn last line when appending).
 * @throws the fs error of open, write or fsync (the file is closed either way).
 */
export async function writeSynced(path: string, text: string, flag: string): Promise<void> {
  await withHandle(path, flag, async (handle) => {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  });
}

/** fsyncs the file at `path` so what was written to it survives a crash. @throws the fs error of open or fsync. */
export async function syncFile(path: string): Promise<void> {
  await withHandle(path, 'r', (handle) => handle.sync());
}

/** fsyncs a folder so a rename or create in it is durable (a no-op where the platform refuses). */
export async function syncDir(dir: string): Promise<void> {
  try {
    await withHandle(dir, 'r', (handle) => handle.sync());
  } catch {
    // Not supported everywhere (e.g. Windows); the rename itself is already atomic.
  }
}

async function withHandle(path: string, flag: string, use: (handle: FileHandle) => Promise<void>): Promise<void> {
  const handle = await open(path, flag);
  try {
    await use(handle);
  } finally {
    await handle.close();
  }
}
