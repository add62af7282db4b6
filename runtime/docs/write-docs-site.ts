// docs/: writes the static site of `lakec docs`: index.html, app.js and style.css (copied from
// runtime/docs/site/), data.js (the index) and details/<k>.js (per-dataset pages, in chunks). Opens
// from file:// with no server and no network.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../compiler/load/package-root.js';
import type { DocsDetail, DocsIndex } from './docs-data.js';

/** The site's static files, under runtime/docs/site/ of the lakec install. */
export const SITE_ASSETS = ['index.html', 'app.js', 'style.css'] as const;

/** What writeDocsSite wrote: file count and bytes of the data files (data.js + details/). */
export interface DocsSiteStats {
  readonly files: number;
  readonly dataBytes: number;
}

/**
 * Writes the site into `outDir` (created; a previous `details/` folder there is replaced).
 * Data files are `<script>`s assigning globals, so the site works from file:// (no fetch, no CORS).
 * @throws the file system's errors (EACCES, ENOSPC) as they come.
 */
export async function writeDocsSite(outDir: string, index: DocsIndex, details: readonly DocsDetail[]): Promise<DocsSiteStats> {
  const detailsDir = join(outDir, 'details');
  await rm(detailsDir, { recursive: true, force: true });
  await mkdir(detailsDir, { recursive: true });
  for (const f of SITE_ASSETS) await copyFile(join(packageRoot(), 'runtime', 'docs', 'site', f), join(outDir, f));
  const data = `window.LAKEC_DOCS = ${scriptJson(index)};\n`;
  await writeFile(join(outDir, 'data.js'), data);
  let dataBytes = Buffer.byteLength(data);
  let files = SITE_ASSETS.length + 1;
  for (let k = 0; k * index.detailChunk < details.length; k++) {
    const text = `window.LAKEC_DOCS_DETAIL(${k}, ${scriptJson(details.slice(k * index.detailChunk, (k + 1) * index.detailChunk))});\n`;
    await writeFile(join(detailsDir, `${k}.js`), text);
    dataBytes += Buffer.byteLength(text);
    files++;
  }
  return { files, dataBytes };
}

/** JSON safe to embed in a script: `<` and the JS line separators escaped (SQL text may hold `</script>`). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
