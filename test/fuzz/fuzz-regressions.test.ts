// Inputs the fuzzers (test/fuzz, `npm run fuzz`) found to end in something other than a result or a
// coded diagnostic, reduced by hand; each stays here after its fix.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileProject, emitPlan } from '../../compiler/index.js';
import { loadMapping } from '../../compiler/load/load-mapping.js';
import { readPlanFile } from '../../runtime/plan-reader/read-plan.js';
import { asyncDiagnosticOf } from '../ingest/ingest-test-helpers.js';
import { REPO } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { ITEMS_MAPPING, manifest, smallProject } from '../support/temp-project.js';

const work = mkdtempSync(join(tmpdir(), 'lakec-fuzz-regress-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('plan reader', () => {
  let planJson: string;
  beforeAll(async () => {
    const { plan } = await compileProject({ projectDir: REPO, env: {} });
    planJson = emitPlan(plan!);
    writeFileSync(join(work, 'base.json'), planJson);
  });

  // Found by the plan fuzzer (structure edit `set validations[120].rule.id = null`): the plan schema left a
  // rule's fields untyped, so the plan read, and `lakec diff --markdown` failed with a TypeError (exit 4).
  it.each([
    ['id', null], ['id', 7], ['kind', 'no_such_kind'], ['dataset', ['releases']], ['severity', 'fatal'],
  ])('refuses a validation rule whose %s is %j (LK5001), and lakec diff reports it', async (field, value) => {
    const plan = JSON.parse(planJson) as { validations: { rule: Record<string, unknown> }[] };
    plan.validations[0]!.rule[field] = value;
    const file = join(work, `rule-${field}.json`);
    writeFileSync(file, JSON.stringify(plan));
    const d = await asyncDiagnosticOf(readPlanFile(file));
    expect(d.code).toBe('LK5001');
    expect(d.message).toContain(`/validations/0/rule/${field}`);
    const diff = await runCli(['diff', join(work, 'base.json'), file, '--markdown'], work);
    expect(diff.code).toBe(1);
    expect(diff.stderr).toContain('LK5001');
  });
});

describe('spec loader', () => {
  const mappingDiagnostics = (text: string) => {
    const file = join(work, 'mapping.yaml');
    writeFileSync(file, text);
    const loaded = loadMapping(file, 'mapping.yaml');
    expect(loaded.value).toBeUndefined();
    return loaded.diagnostics;
  };

  // Found by the spec fuzzer (a mapping with `: ` inserted 1,863 times after `path: artists/artis`): the
  // yaml parser overflowed its stack and the RangeError escaped readYaml.
  it('refuses YAML nested deeper than the parser can go (LK1001)', () => {
    const [d] = mappingDiagnostics(`${ITEMS_MAPPING}    path: a${': '.repeat(20_000)}t\n  - table: g\n`);
    expect(d).toMatchObject({ code: 'LK1001', message: 'YAML nested too deeply to read' });
  });

  // Found by the spec fuzzer (` *b` inserted into a mapping): the yaml package resolves aliases only in
  // toJS(), which threw ReferenceError out of every loader; the same for an alias bomb.
  it('refuses an alias without an anchor (LK1001 at the alias)', () => {
    const [d] = mappingDiagnostics(ITEMS_MAPPING.replace('record: item', 'record: *item'));
    expect(d).toMatchObject({ code: 'LK1001', message: 'unresolved alias (the anchor must be set before the alias): item' });
    expect(d!.span!.start).toMatchObject({ line: 2, column: 9 });
  });

  it('refuses a "billion laughs" alias bomb (LK1001), in a mapping and in pipelines.yaml', async () => {
    const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${`*a${i}, `.repeat(8)}*a${i}]`)].join('\n');
    const [d] = mappingDiagnostics(`${bomb}\n${ITEMS_MAPPING}`);
    expect(d).toMatchObject({ code: 'LK1001', message: 'excessive alias count indicates a resource exhaustion attack' });
    const project = smallProject({}, `${bomb}\nlakec: 1\nproject: p\npipelines: {}\n`);
    try {
      const result = await compileProject({ projectDir: project, env: {} });
      expect(result.diagnostics.map((x) => x.code)).toEqual(['LK1001']);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  // Found by the spec fuzzer (a structure edit gave a value with a `toString` key): the schema check of an
  // enum printed the value with String(), which throws on such an object (TypeError out of loadProject).
  it('reports an enum value that is a mapping with a toString key (LK1002)', async () => {
    const project = smallProject({}, manifest().replace('type: xml', 'type: { toString: xml }'));
    try {
      const result = await compileProject({ projectDir: project, env: {} });
      const enumError = result.diagnostics.find((x) => x.message.includes('is not allowed for'));
      expect(enumError).toMatchObject({ code: 'LK1002', message: '"{"toString":"xml"}" is not allowed for pipelines.shop.sources.items.type' });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  // Found by the spec fuzzer (a child column of artists.yaml renamed `artist_id`): loadMapping checked a child
  // table's own columns for duplicates but not against the record key and seq columns every child row
  // gets, nor PARTIAL_DATE's d_year/d_month/d_day, so the compile failed in DuckDB ("Column with name
  // artist_id already exists!", an uncoded engine error).
  it.each([
    ['a child column named like the record key', ITEMS_MAPPING.replace('{ name: tag, path: "." }', '{ name: item_id, path: "." }'), 'duplicate column "item_id" in table "item_tags"'],
    ['a child column named like its seq column', ITEMS_MAPPING.replace('{ name: tag, path: "." }', '{ name: seq, path: "." }'), 'duplicate column "seq" in table "item_tags"'],
    ['a column named like a PARTIAL_DATE part', ITEMS_MAPPING.replace('  - { name: name, path: name }', '  - { name: born, path: born, type: PARTIAL_DATE }\n  - { name: born_year, path: year }'), 'duplicate column "born_year" in table "items"'],
  ])('refuses %s (LK1008) before the engine sees it', async (_what, mapping, message) => {
    expect(mappingDiagnostics(mapping).map((d) => [d.code, d.message])).toEqual([['LK1008', message]]);
    const project = smallProject({ 'silver/all_tags.sql': 'SELECT * FROM item_tags' });
    writeFileSync(join(project, 'items.mapping.yaml'), mapping);
    try {
      const result = await compileProject({ projectDir: project, env: {} });
      expect(result.diagnostics.map((x) => x.code)).toEqual(['LK1008']);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
