// The precompiled (ajv standalone) validators must match their schemas and judge documents exactly
// as a validator compiled at run time does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWithAjv, schemaValidator } from '../../compiler/load/validate-schema.js';
import { packageRoot } from '../../compiler/load/package-root.js';
import * as pipelinesValidator from '../../compiler/load/generated/pipelines-validator.js';

const root = packageRoot();

describe('precompiled schema validators', () => {
  it('are up to date with schemas/ (else run `npm run gen:validators`)', async () => {
    const generatorPath: string = join(root, 'test/gen/gen-validators.mjs');
    const { generate } = (await import(generatorPath)) as { generate: (root: string) => Record<string, string> };
    const expected = generate(root);
    expect(Object.keys(expected).length).toBe(4);
    for (const [path, text] of Object.entries(expected)) expect(readFileSync(join(root, path), 'utf8'), path).toBe(text);
  });

  const documents: unknown[] = [
    { lakec: 1, project: 'p', pipelines: {} },
    { lakec: 2, project: 'Bad Name', pipelines: { a: { sources: 3 } }, extra: true },
    { lakec: 1, project: 'p', pipelines: { a: { layer: 'platinum', models: [1] } } },
    {},
    [],
  ];

  it.each(documents.map((d) => [JSON.stringify(d), d]))('pipelines schema: same errors for %s', (_label, doc) => {
    const generated = schemaValidator('pipelines.schema.json');
    const compiled = compileWithAjv(readFileSync(join(root, 'schemas/pipelines.schema.json'), 'utf8'));
    expect(generated).toBe(pipelinesValidator.validate);
    const ok = generated(doc);
    expect(compiled(doc)).toBe(ok);
    const strip = (errors: typeof generated.errors) => JSON.parse(JSON.stringify(errors ?? null)) as unknown;
    expect(strip(generated.errors)).toEqual(strip(compiled.errors));
  });

  it('rejects a document the runtime validator rejects and accepts the shipped example', async () => {
    const { parse } = await import('yaml');
    // As loaded: `${var.…}` values interpolated (a source's `type` comes from a variable).
    const example = parse(readFileSync(join(root, 'pipelines.yaml'), 'utf8').replace('${var.chinook_source}', 'csv')) as unknown;
    expect(schemaValidator('pipelines.schema.json')(example)).toBe(true);
    expect(schemaValidator('pipelines.schema.json')({ lakec: 1 })).toBe(false);
  });
});
