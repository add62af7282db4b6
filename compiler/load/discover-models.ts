// load/: finds a pipeline's SQL models: `<models>/<layer>/<dataset>.sql`, in sorted order so that
// file-system listing order never reaches the plan.
import { readdirSync, statSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ModelFile } from '../types/project.js';
import { escapesProject } from './inside-project.js';
import { projectAbsolute } from './project-paths.js';
import { readSpecText } from './read-spec-text.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Lists models under `modelsDir` (project-relative). Each sub-folder is a layer; each `*.sql` file in
 * it is one model named after the file. Other files are ignored; SQL files directly in `modelsDir`,
 * bad layer or file names are diagnostics (LK3005, LK1010); a missing folder is LK1006; a file that is
 * not valid UTF-8 is LK2001 at its first invalid byte; a layer folder or model file that is a symlink out
 * of the project is LK1009.
 */
export function discoverModels(projectDir: string, pipeline: string, modelsDir: string): { value: ModelFile[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const models: ModelFile[] = [];
  const root = projectAbsolute(projectDir, modelsDir);
  let layers: string[];
  try {
    layers = readdirSync(root).sort();
  } catch {
    return { value: [], diagnostics: [{ code: 'LK1006', severity: 'error', message: `models folder "${modelsDir}" of pipeline "${pipeline}" not found`, hint: 'create it or fix `models:` in pipelines.yaml' }] };
  }
  const outside = (path: string, what: string): boolean => {
    if (!escapesProject(projectDir, projectAbsolute(projectDir, path))) return false;
    diagnostics.push({ code: 'LK1009', severity: 'error', message: `${what} "${path}" is a symlink out of the project folder`, hint: 'keep models inside the project folder; copy the file in instead of linking it' });
    return true;
  };
  for (const layer of layers) {
    const layerPath = `${modelsDir}/${layer}`;
    if (!statSync(projectAbsolute(projectDir, layerPath)).isDirectory()) {
      if (layer.endsWith('.sql')) diagnostics.push({ code: 'LK3005', severity: 'error', message: `model "${layerPath}" is not inside a layer folder`, hint: `move it to ${modelsDir}/silver/ or ${modelsDir}/gold/` });
      continue;
    }
    if (outside(layerPath, 'layer folder')) continue;
    if (!IDENTIFIER.test(layer)) {
      diagnostics.push({ code: 'LK3005', severity: 'error', message: `layer folder "${layerPath}" is not a valid layer name`, hint: 'use bronze, silver, gold or another lower-case identifier' });
      continue;
    }
    for (const entry of readdirSync(projectAbsolute(projectDir, layerPath), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const file = entry.name;
      if (!file.endsWith('.sql')) continue;
      const path = `${layerPath}/${file}`;
      if (entry.isSymbolicLink() && outside(path, 'model file')) continue;
      const name = file.slice(0, -4);
      if (!IDENTIFIER.test(name)) {
        diagnostics.push({ code: 'LK1010', severity: 'error', message: `model file "${path}" has an invalid dataset name "${name}"`, hint: 'name model files with lower-case letters, digits and _ (e.g. release_facts.sql)' });
        continue;
      }
      const read = readSpecText(projectAbsolute(projectDir, path), path, 'LK2001');
      if (read.diagnostic) diagnostics.push(read.diagnostic);
      else models.push({ pipeline, layer, name, path, text: read.text });
    }
  }
  return { value: models, diagnostics };
}
