// lake/: the files of a dataset folder with their identities, for the manifest.
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ManifestFile } from './manifest.js';
import { fileChecksum } from './file-checksum.js';

/** Every `*.parquet` in `dir`, sorted, with size and sha256; paths relative to `runPath`, POSIX. */
export async function datasetFiles(runPath: string, dir: string): Promise<ManifestFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.parquet')).sort();
  const out: ManifestFile[] = [];
  for (const name of names) {
    const abs = join(dir, name);
    const id = await fileChecksum(abs);
    out.push({ path: relative(runPath, abs).split(sep).join('/'), size: id.size, sha256: id.sha256 });
  }
  return out;
}
