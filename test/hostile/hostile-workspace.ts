// Hostile-input corpus: the base project and lake every case starts from, and per-case copies of them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtLakec } from '../support/dist-bin.js';
import { REPO } from '../support/paths.js';
import type { CaseWorkspace } from './hostile-case.js';

/** The secret planted in `outside/secret.txt`: it must never show up in lakec's output or the lake. */
export const OUTSIDE_SECRET = 'HOSTILE-CORPUS-SECRET-7f3a9c';

/** The folders every case copies (see CaseWorkspace); the lake holds one promoted run. */
export type BaseWorkspace = CaseWorkspace;

/**
 * Copies the example project and its gzipped example Discogs dumps into a new temp folder and applies
 * it once with the built CLI, so the lake has an `active` run for the cases to leave untouched.
 * @throws Error when dist/ is stale or the good apply fails.
 */
export function prepareBase(): BaseWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'lakec-hostile-base-'));
  const ws = layout(root);
  mkdirSync(ws.project);
  cpSync(join(REPO, 'pipelines.yaml'), join(ws.project, 'pipelines.yaml'));
  cpSync(join(REPO, 'specs'), join(ws.project, 'specs'), { recursive: true });
  mkdirSync(ws.dumps);
  const examples = join(REPO, 'specs', 'discogs', 'example-dumps');
  for (const f of readdirSync(examples)) if (f.endsWith('.xml.gz')) cpSync(join(examples, f), join(ws.dumps, f));
  mkdirSync(ws.outside);
  writeFileSync(join(ws.outside, 'secret.txt'), `${OUTSIDE_SECRET}\n`);
  mkdirSync(ws.out);
  const r = spawnSync(process.execPath, [builtLakec(), ...lakecArgs('apply', ws)], { cwd: ws.project, encoding: 'utf8', env: childEnv(root) });
  if (r.status !== 0) throw new Error(`the good apply of the base project failed (exit ${r.status}):\n${r.stderr}`);
  return ws;
}

/** A fresh copy of `base` in a new temp folder (symlinks such as the lake's `active` copied verbatim). */
export function copyWorkspace(base: BaseWorkspace): CaseWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'lakec-hostile-'));
  const ws = layout(root);
  for (const dir of ['project', 'dumps', 'lake', 'outside', 'out'] as const) cpSync(base[dir], ws[dir], { recursive: true, verbatimSymlinks: true });
  return ws;
}

/** Removes a workspace made by prepareBase or copyWorkspace. */
export function removeWorkspace(ws: CaseWorkspace): void {
  rmSync(ws.root, { recursive: true, force: true });
}

/** The CLI arguments of `command` against `ws`: project, lake, dump folder and (plan) the plan's path. */
export function lakecArgs(command: 'plan' | 'apply', ws: CaseWorkspace): string[] {
  return [command, '--project', ws.project, '--lake', ws.lake, '--var', `discogs_dump_dir=${ws.dumps}`, ...(command === 'plan' ? ['--out', join(ws.out, 'plan.json')] : [])];
}

/** A minimal child environment whose HOME and TMPDIR lie inside `root`, so stray writes are seen. */
export function childEnv(root: string): Record<string, string> {
  for (const d of ['home', 'tmp']) mkdirSync(join(root, d), { recursive: true });
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: join(root, 'home'), TMPDIR: join(root, 'tmp') };
}

function layout(root: string): CaseWorkspace {
  return { root, project: join(root, 'project'), dumps: join(root, 'dumps'), lake: join(root, 'lake'), outside: join(root, 'outside'), out: join(root, 'out') };
}
