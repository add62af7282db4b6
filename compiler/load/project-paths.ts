// load/: path conventions. Paths inside a compiled project are POSIX and relative to the project
// folder, so plans do not depend on where the project was checked out.
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** `p` (absolute, or relative to `projectDir`) as a POSIX path relative to `projectDir`. */
export function projectRelative(projectDir: string, p: string): string {
  const abs = isAbsolute(p) ? p : resolve(projectDir, p);
  const rel = relative(projectDir, abs);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/** The absolute path of a project-relative POSIX path. */
export function projectAbsolute(projectDir: string, rel: string): string {
  return resolve(projectDir, ...rel.split('/'));
}
