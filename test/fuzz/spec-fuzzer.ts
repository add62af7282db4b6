// fuzz/: the spec loader (compiler/load: pipelines.yaml, XML mappings, tables files, schema validation).
// Each case replaces one YAML file of a copy of the example project (pipelines.yaml, specs/discogs/mappings/*,
// specs/chinook/tables.yaml) with a mutant, loads it (a mapping or tables file with its own loader first)
// and compiles the project through compileProject, then restores the file. Mutants are byte-level (flips, truncation, YAML tokens, splices) or structure-aware (entries
// deleted, replaced, added, renamed, shared as anchors/aliases, then written in another YAML style).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify, type ToStringOptions } from 'yaml';
import { compileProject, openCompileCache } from '../../compiler/index.js';
import { loadMapping } from '../../compiler/load/load-mapping.js';
import { loadTables } from '../../compiler/load/load-tables.js';
import { copyProject } from '../support/project-copy.js';
import { applyValueEdits, describeEdits, fuzzValue, valueEdit, vocabulary, type ValueEdit } from './edit-value.js';
import { outcomeOfDiagnostics, type Outcome } from './fuzz-outcome.js';
import type { FuzzSession, FuzzTarget } from './fuzz-runner.js';
import { applyByteMutations, byteMutations, describeMutations, type ByteMutation } from './mutate-bytes.js';

/** The example project's YAML files, with how often each is the one mutated. */
const SPEC_FILES: readonly (readonly [string, number])[] = [
  ['pipelines.yaml', 4],
  ['specs/discogs/mappings/artists.yaml', 1],
  ['specs/discogs/mappings/labels.yaml', 1],
  ['specs/discogs/mappings/masters.yaml', 1],
  ['specs/discogs/mappings/releases.yaml', 2],
  ['specs/chinook/tables.yaml', 2],
];

/** YAML punctuation, indicators, directives, tags, anchors and interpolation syntax. */
export const YAML_TOKENS = [': ', ':', '- ', '-', '\n', '\n  ', '\n    - ', '  ', '\t', '#', ' # c', '? ', '{', '}', '[', ']', ',', '"', "'", '|', '|-', '>', '>+',
  '&a ', '*a', '&a [1, 2]', '*b', ' *b\n', ': *a\n', '\n- *a', '<<: *a\n', 'x: &x [&y [&z [1, 1, 1], *z, *z], *y, *y]\n', '!!str ', '!!int ', '!!binary ', '!!set ', '!!omap ', '!!timestamp ', '!custom ', '!<tag:x> ', '---\n', '...\n',
  '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '~', 'null', 'true', 'yes', '.inf', '-.nan', '0x1F', '0o17', '1e400', '-0', '2001-12-14t21:59:43.10-05:00',
  '${', '}', '${var.', '${var.discogs_dump_dir}', '${var.nope}', '${HOME}', '${UNSET:-}', '${A:-${B}}', '\\', '\u0000', '\ufeff', '\u2028', '\r', '\r\n', 'é', '💥'];

/** YAML output styles a structure-aware mutant is written in. */
const YAML_STYLES: readonly ToStringOptions[] = [
  {},
  { collectionStyle: 'flow' },
  { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' },
  { defaultStringType: 'QUOTE_SINGLE', indent: 4, indentSeq: false },
  { lineWidth: 20, minContentWidth: 0 },
  { blockQuote: 'literal', collectionStyle: 'block' },
];

/** One case: which file, and its mutant as byte mutations of the real text or edits of its parsed value. */
export type SpecCase =
  | { readonly file: number; readonly how: 'bytes'; readonly mutations: readonly ByteMutation[] }
  | { readonly file: number; readonly how: 'structure'; readonly edits: readonly ValueEdit[]; readonly style: number; readonly mutations: readonly ByteMutation[] };

/** The mutant bytes of `c` given the real files' bytes and parsed values. */
export function specMutant(c: SpecCase, bases: readonly Uint8Array[], values: readonly unknown[]): Uint8Array {
  if (c.how === 'bytes') return applyByteMutations(bases[c.file]!, c.mutations, bases);
  let text: string;
  try {
    text = stringify(applyValueEdits(values[c.file], c.edits), YAML_STYLES[c.style]);
  } catch {
    // A value the yaml package refuses to write (none known): mutate the real text instead.
    text = Buffer.from(bases[c.file]!).toString('utf8');
  }
  return applyByteMutations(Buffer.from(text, 'utf8'), c.mutations, bases);
}

/** Loads a mapping or tables file (`rel` in the project, at `abs`) with its own loader. */
function loadSpecFile(rel: string, abs: string): Outcome {
  const loaded = rel.endsWith('tables.yaml') ? loadTables(abs, rel, (dataset) => `${dataset}.csv`) : loadMapping(abs, rel);
  return outcomeOfDiagnostics(loaded.diagnostics, loaded.value !== undefined);
}

/** The spec-loader fuzzer. */
export const specFuzzer: FuzzTarget<SpecCase> = {
  name: 'spec',
  async open(): Promise<FuzzSession<SpecCase>> {
    const projectDir = copyProject();
    const cache = openCompileCache(join(projectDir, '.lakec', 'cache'));
    const paths = SPEC_FILES.map(([p]) => join(projectDir, p));
    const bases = paths.map((p) => readFileSync(p));
    const values = bases.map((b) => parse(b.toString('utf8')) as unknown);
    const vocab = vocabulary(values);
    const file = fc.oneof(...SPEC_FILES.map(([, weight], i) => ({ weight, arbitrary: fc.constant(i) })));
    const edits = fc.array(valueEdit(fuzzValue(vocab), vocab.keys), { minLength: 1, maxLength: 5 });
    const arbitrary: fc.Arbitrary<SpecCase> = fc.oneof(
      fc.record({ file, how: fc.constant('bytes' as const), mutations: byteMutations(YAML_TOKENS, bases.length) }),
      fc.record({ file, how: fc.constant('structure' as const), edits, style: fc.nat(YAML_STYLES.length - 1), mutations: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: byteMutations(YAML_TOKENS, 0, 2) }) }),
    );
    return {
      arbitrary,
      async run(c) {
        const path = paths[c.file]!;
        writeFileSync(path, specMutant(c, bases, values));
        try {
          // A mapping or tables file goes through its loader first; only one that loads is compiled with
          // the project (a compile would report the same problems, after parsing pipelines.yaml again).
          const loaded = c.file === 0 ? undefined : loadSpecFile(SPEC_FILES[c.file]![0], path);
          if (loaded && loaded.kind !== 'result') return loaded;
          const result = await compileProject({ projectDir, env: {}, cache });
          return outcomeOfDiagnostics(result.diagnostics, result.plan !== undefined);
        } finally {
          writeFileSync(path, bases[c.file]!);
        }
      },
      describe(c) {
        const what = c.how === 'bytes' ? describeMutations(c.mutations) : `${describeEdits(c.edits)}; style ${JSON.stringify(YAML_STYLES[c.style])}${c.mutations.length ? `; then ${describeMutations(c.mutations)}` : ''}`;
        return `${SPEC_FILES[c.file]![0]} (${c.how}): ${what}`;
      },
      async close() {
        rmSync(projectDir, { recursive: true, force: true });
      },
    };
  },
};
