// ${var.X}, ${ENV}, ${ENV:-default} and $${ in spec strings.
import { describe, expect, it } from 'vitest';
import { interpolateString } from '../../compiler/load/interpolate.js';
import { makeSourceFile } from '../../compiler/diagnostics/source-file.js';

const source = makeSourceFile('pipelines.yaml', 'x');
const scope = (env: Record<string, string | undefined> = {}) => ({ vars: new Map([['dir', 'data/dumps']]), env, allowVars: true });

describe('interpolateString', () => {
  it.each([
    ['${var.dir}/x', {}, 'data/dumps/x'],
    ['${HOME_DIR:-/srv}/lake', {}, '/srv/lake'],
    ['${HOME_DIR:-/srv}/lake', { HOME_DIR: '/data' }, '/data/lake'],
    ['${HOME_DIR:-/srv}', { HOME_DIR: '' }, '/srv'],
    ['${A}-${B}', { A: '1', B: '2' }, '1-2'],
    ['cost $${notavar} and ${var.dir}', {}, 'cost ${notavar} and data/dumps'],
    ['${X:-a:-b}', {}, 'a:-b'],
    ['plain text', {}, 'plain text'],
  ])('%s with %j -> %s', (text, env, expected) => {
    const r = interpolateString(text, scope(env), source, 0);
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toBe(expected);
  });

  it.each([
    ['${var.dri}', /unknown variable "dri"/, /did you mean "dir"/],
    ['${MISSING}', /environment variable "MISSING" is not set/, /\$\{MISSING:-value\}/],
    ['${not valid}', /malformed reference/, /\$\{var\.NAME\}/],
  ])('%s is an LK1004 error', (text, message, hint) => {
    const r = interpolateString(text, scope(), source, 0);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'LK1004', severity: 'error' });
    expect(r.diagnostics[0]!.message).toMatch(message);
    expect(r.diagnostics[0]!.hint).toMatch(hint);
  });

  it('refuses ${var.X} inside variable defaults', () => {
    const r = interpolateString('${var.dir}', { ...scope(), allowVars: false }, source, 0);
    expect(r.diagnostics[0]?.hint).toMatch(/environment variables only/);
  });
});

describe('editDistance', () => {
  it.each([
    ['dir', 'dri', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['pattern', 'patern', 1],
    ['same', 'same', 0],
  ])('%s ~ %s = %i', async (a, b, d) => {
    const { editDistance } = await import('../../compiler/diagnostics/did-you-mean.js');
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});
