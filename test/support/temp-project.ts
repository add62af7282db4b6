// Test support: builds small throwaway projects on disk.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A minimal XML mapping: <items><item id=".."><name/><tag/>*</item></items>. */
export const ITEMS_MAPPING = `root: items
record: item
table: items
key: item_id
columns:
  - { name: item_id, path: "@id", type: BIGINT }
  - { name: name, path: name }
children:
  - table: item_tags
    path: tags/tag
    columns:
      - { name: tag, path: "." }
`;

/** A manifest with one pipeline `shop`, one xml source `items` and models under `models/`. */
export function manifest(extra = ''): string {
  return `lakec: 1
project: test_project
vars:
  dump_dir: dumps
pipelines:
  shop:
    models: models
    sources:
      items:
        type: xml
        location: \${var.dump_dir}
        pattern: items*.xml*
        mapping: items.mapping.yaml
${extra}`;
}

/** Writes `files` (relative path -> content) into a new temp folder and returns its path. */
export function writeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lakec-test-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}

/** A complete small project: manifest, mapping, and the given models (`layer/name.sql` -> SQL). */
export function smallProject(models: Record<string, string>, manifestText = manifest()): string {
  const files: Record<string, string> = { 'pipelines.yaml': manifestText, 'items.mapping.yaml': ITEMS_MAPPING };
  for (const [rel, sql] of Object.entries(models)) files[`models/${rel}`] = sql;
  return writeProject(files);
}
