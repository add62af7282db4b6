// Test support: the model files of a project folder.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.sql` file under `<dir>/<sub>` (recursively), project-relative with `/`, in readdir order. */
export function modelFiles(dir: string, sub = 'models'): string[] {
  return readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? modelFiles(dir, `${sub}/${e.name}`) : e.name.endsWith('.sql') ? [`${sub}/${e.name}`] : []));
}
