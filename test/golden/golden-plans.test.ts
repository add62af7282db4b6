// Golden plans: the compiled plan of every example project is committed under golden/; a change to
// the compiler or the examples that moves a byte fails here until reviewed and regenerated with
// `npm run golden:update` (UPDATE_GOLDEN=1).
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject, emitPlan } from '../../compiler/index.js';
import { schemaValidator } from '../../compiler/load/validate-schema.js';
import { packageRoot } from '../../compiler/load/package-root.js';

const root = packageRoot();
const EXAMPLES = [{ name: 'examples', projectDir: root, golden: join(root, 'golden', 'examples', 'plan.json') }];

describe('golden plans', () => {
  it.each(EXAMPLES)('$name compiles to the committed plan', async ({ projectDir, golden }) => {
    const result = await compileProject({ projectDir, env: {} });
    expect(result.diagnostics).toEqual([]);
    const text = emitPlan(result.plan!);
    const validate = schemaValidator('plan.schema.json');
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(golden)) {
      if (process.env['CI'] === 'true' && !existsSync(golden)) throw new Error(`golden file ${golden} is missing: run npm run golden:update and commit it`);
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, text);
    }
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});
