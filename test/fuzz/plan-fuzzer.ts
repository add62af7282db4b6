// fuzz/: the plan reader (runtime/plan-reader/read-plan.ts). Bases are real compiled plans (the example
// project's and a generated 40-model project's). Each case writes a mutant to a file and reads it with
// readPlanFile: the base's bytes mutated, its parsed value edited structurally (type confusion, deleted
// or extra keys, deep nesting, prototype keys) and re-serialized, or random JSON carrying the format version.
// A mutant that reads is then diffed against its base with `lakec diff` (text, JSON or Markdown), the other
// consumer of plan files besides apply; the CLI must exit 0, or 1 with a coded diagnostic, never 4 (a bug).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { compileProject, emitPlan, PLAN_FORMAT_VERSION } from '../../compiler/index.js';
import { readPlanFile } from '../../runtime/plan-reader/read-plan.js';
import { generateProject, writeProject } from '../gen/gen-project.js';
import { REPO } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { applyValueEdits, describeEdits, fuzzValue, valueEdit, vocabulary, type ValueEdit } from './edit-value.js';
import type { FuzzSession, FuzzTarget } from './fuzz-runner.js';
import { applyByteMutations, byteMutations, describeMutations, type ByteMutation } from './mutate-bytes.js';

/** JSON punctuation, escapes, odd literals and plan keys inserted into plan bytes. */
export const JSON_TOKENS = ['{', '}', '[', ']', ',', ':', '"', '\\', '\\u0000', '\\ud800', '\\x', 'null', 'true', 'NaN', '1e999', '-0', '0x10', '01', ' ', '\n', '\ufeff',
  '"formatVersion":', '"__proto__":', '{"__proto__":{"polluted":1}}', '"constructor":{"prototype":{}}', '"steps":[]', '"kind":"model"', '"kind":"ingest"', '[[[[[[[[', '{"a":'];

/** One case: a mutant of base plan `base`, or random JSON. */
export type PlanCase =
  | { readonly how: 'bytes'; readonly base: number; readonly mutations: readonly ByteMutation[] }
  | { readonly how: 'structure'; readonly base: number; readonly edits: readonly ValueEdit[]; readonly indent: boolean; readonly mutations: readonly ByteMutation[] }
  | { readonly how: 'random'; readonly value: unknown; readonly versioned: boolean };

/** Compiles `projectDir` and returns its plan.json text. @throws Error when it does not compile. */
async function planText(projectDir: string, vars?: Record<string, string>): Promise<string> {
  const result = await compileProject({ projectDir, env: {}, ...(vars ? { vars } : {}) });
  if (!result.plan) throw new Error(`${projectDir} does not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return emitPlan(result.plan);
}

/** The plan-reader fuzzer. */
export const planFuzzer: FuzzTarget<PlanCase> = {
  name: 'plan',
  async open(): Promise<FuzzSession<PlanCase>> {
    const work = mkdtempSync(join(tmpdir(), 'lakec-fuzz-plan-'));
    const generated = join(work, 'generated');
    writeProject(generated, generateProject({ models: 40, seed: 5 }));
    const texts = [await planText(REPO), await planText(generated)];
    const bases = texts.map((t) => Buffer.from(t, 'utf8'));
    const values = texts.map((t) => JSON.parse(t) as unknown);
    const vocab = vocabulary(values);
    const base = fc.nat(bases.length - 1);
    const arbitrary: fc.Arbitrary<PlanCase> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ how: fc.constant('bytes' as const), base, mutations: byteMutations(JSON_TOKENS, bases.length) }) },
      { weight: 5, arbitrary: fc.record({
        how: fc.constant('structure' as const), base, indent: fc.boolean(),
        edits: fc.array(valueEdit(fuzzValue(vocab), vocab.keys), { minLength: 1, maxLength: 4 }),
        mutations: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: byteMutations(JSON_TOKENS, 0, 2) }),
      }) },
      { weight: 1, arbitrary: fc.record({ how: fc.constant('random' as const), value: fc.jsonValue({ maxDepth: 4 }), versioned: fc.boolean() }) },
    );
    const caseBytes = (c: PlanCase): Uint8Array => {
      if (c.how === 'bytes') return applyByteMutations(bases[c.base]!, c.mutations, bases);
      if (c.how === 'structure') return applyByteMutations(Buffer.from(JSON.stringify(applyValueEdits(values[c.base], c.edits), null, c.indent ? 2 : undefined) ?? '', 'utf8'), c.mutations, bases);
      const value = c.versioned && c.value !== null && typeof c.value === 'object' && !Array.isArray(c.value) ? { formatVersion: PLAN_FORMAT_VERSION, ...c.value } : c.value;
      return Buffer.from(JSON.stringify(value) ?? '', 'utf8');
    };
    const file = join(work, 'plan.json');
    const baseFiles = bases.map((b, i) => {
      const path = join(work, `base-${i}.json`);
      writeFileSync(path, b);
      return path;
    });
    return {
      arbitrary,
      async run(c) {
        writeFileSync(file, caseBytes(c));
        await readPlanFile(file);
        const format = c.how === 'random' ? [] : [[], ['--json'], ['--markdown']][(c.how === 'bytes' ? c.mutations.length : c.edits.length) % 3]!;
        const diff = await runCli(['diff', baseFiles[c.how === 'random' ? 0 : c.base]!, file, ...format], work);
        if (diff.code === 0) return { kind: 'result' };
        const code = /\bLK\d{4}\b/.exec(diff.stderr)?.[0];
        return diff.code === 1 && code ? { kind: 'diagnostic', codes: [code] } : { kind: 'unexpected', problem: `lakec diff ${format.join(' ')} exited ${diff.code}: ${diff.stderr.slice(0, 600)}` };
      },
      describe(c) {
        const what = c.how === 'bytes' ? describeMutations(c.mutations)
          : c.how === 'structure' ? `${describeEdits(c.edits)}${c.mutations.length ? `; then ${describeMutations(c.mutations)}` : ''}`
            : JSON.stringify(c.value).slice(0, 500);
        return `${c.how}${c.how === 'random' ? '' : ` of plan ${c.base}`}: ${what}`;
      },
      async close() {
        rmSync(work, { recursive: true, force: true });
      },
    };
  },
};
