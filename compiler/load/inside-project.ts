// load/: whether a spec path stays inside the project folder. Spec files (mappings, tables files, model
// folders and files) must: a project is reviewed and versioned as one folder, and a path out of it
// (`../`, an absolute path, a symlink) would make lakec read whatever file it names. Source locations
// and the lake are data, not spec, and may lie anywhere.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/**
 * True when the absolute path `abs` lies outside `projectDir`: lexically (`..`, another root), or, when
 * it exists, after resolving symlinks in both. A missing path is judged lexically only (callers report
 * it as missing).
 */
export function escapesProject(projectDir: string, abs: string): boolean {
  if (outside(projectDir, abs)) return true;
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return false;
  }
  return outside(realpathSync(projectDir), real);
}

function outside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

/** True for a plain file name: no folder part, not `.` or `..` (a table source's file inside its location). */
export function isFileName(name: string): boolean {
  return !/[/\\]/.test(name) && name !== '.' && name !== '..';
}
