// readSpecText refuses invalid UTF-8 at the first bad byte, and tells a real U+FFFD from a decoder's one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSpecText } from '../../compiler/load/read-spec-text.js';

const file = (bytes: Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), 'lakec-utf8-')), 'f.yaml');
  writeFileSync(path, bytes);
  return path;
};

describe('readSpecText', () => {
  it('returns valid UTF-8 text unchanged, a literal U+FFFD included', () => {
    expect(readSpecText(file(Buffer.from('a: "caf\u00e9 \uFFFD"\n')), 'f.yaml', 'LK1001')).toEqual({ text: 'a: "caf\u00e9 \uFFFD"\n' });
  });

  it('points at the first invalid sequence, after a literal U+FFFD on an earlier line', () => {
    const bytes = Buffer.concat([Buffer.from('a: \uFFFD\nb: x'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    const r = readSpecText(file(bytes), 'f.yaml', 'LK1001');
    expect(r.diagnostic?.code).toBe('LK1001');
    expect(r.diagnostic?.span?.start).toMatchObject({ line: 2, column: 5 });
    expect(r.diagnostic?.message).toBe('invalid UTF-8 byte sequence at byte offset 11 of "f.yaml"');
  });
});
