// Test support: adds control settings (retry, healing, stages, disabled) to a copied example project's
// pipelines.yaml, at the project root and/or inside the `discogs` pipeline.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Inserts `root` (YAML at indent 0) before `pipelines:` and `pipeline` (YAML at indent 4) right after
 * `  discogs:`. A `pipeline` with its own `    stages:` block replaces the example's (YAML keys are
 * unique), and a `root` with `schedule:` replaces the example's schedule block.
 * @throws Error when the manifest does not have those lines.
 */
export function configureProject(project: string, yaml: { root?: string; pipeline?: string }): void {
  const file = join(project, 'pipelines.yaml');
  let text = readFileSync(file, 'utf8');
  if (!/^pipelines:\n {2}discogs:\n/m.test(text)) throw new Error('unexpected pipelines.yaml layout');
  if (yaml.pipeline && /^ {4}stages:$/m.test(yaml.pipeline)) text = text.replace(/^ {4}stages:\n(?: {6}.*\n| *#.*\n)*/m, '');
  if (yaml.root && /^schedule:/m.test(yaml.root)) text = text.replace(/^schedule:\n(?: {2}.*\n)*/m, '');
  if (yaml.root) text = text.replace(/^pipelines:\n/m, `${yaml.root.trimEnd()}\npipelines:\n`);
  if (yaml.pipeline) text = text.replace(/^( {2}discogs:\n)/m, `$1${yaml.pipeline.trimEnd()}\n`);
  writeFileSync(file, text);
}
