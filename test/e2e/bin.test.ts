// The built `lakec` executable runs directly (as `npx lakec` runs it), not only through `node`.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/paths.js';

describe('lakec executable', () => {
  it('is built executable and prints its usage', () => {
    const bin = join(REPO, 'dist', 'runtime', 'cli', 'bin.js');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const out = execFileSync(bin, ['--help'], { encoding: 'utf8' });
    expect(out).toMatch(/Usage: lakec/);
    expect(out).toMatch(/apply/);
  });
});
