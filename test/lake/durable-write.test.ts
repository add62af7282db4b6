import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDurable } from '../../runtime/lake/durable-write.js';

describe('writeDurable', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lakec-atomic-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('replaces the file content and leaves no temp file', async () => {
    const path = join(dir, 'r.json');
    await writeFile(path, 'old');
    await writeDurable(path, 'new ✓');
    expect(await readFile(path, 'utf8')).toBe('new ✓');
    expect(await readdir(dir)).toEqual(['r.json']);
  });

  it('leaves what was there and removes its temp file when the final rename fails', async () => {
    const path = join(dir, 'r.json');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'x');
    await expect(writeDurable(path, 'new')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['r.json']);
    expect(await readdir(path)).toEqual(['keep']);
  });
});
