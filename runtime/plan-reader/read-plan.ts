// plan-reader/: reads a plan file, checks its format version and schema before the runtime trusts it.
import { readFile } from 'node:fs/promises';
import { LakecError, PLAN_FORMAT_VERSION, type Plan } from '../../compiler/index.js';
import { schemaValidator } from '../../compiler/load/validate-schema.js';

/**
 * Reads and validates `path` against schemas/plan.schema.json.
 * @throws LakecError LK5002 (format version), LK5001 (schema), LK1006 (unreadable / not JSON).
 */
export async function readPlanFile(path: string): Promise<Plan> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new LakecError({ code: 'LK1006', severity: 'error', message: `cannot read plan "${path}": ${e instanceof Error ? e.message : String(e)}` });
  }
  const version = (value as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== PLAN_FORMAT_VERSION) {
    throw new LakecError({ code: 'LK5002', severity: 'error', message: `plan "${path}" has formatVersion ${JSON.stringify(version)}; this lakec reads ${PLAN_FORMAT_VERSION}`, hint: 're-create the plan with this lakec version' });
  }
  const validate = schemaValidator('plan.schema.json');
  if (!validate(value)) {
    const first = validate.errors?.[0];
    throw new LakecError({ code: 'LK5001', severity: 'error', message: `plan "${path}" does not match the plan schema: ${first?.instancePath || '/'} ${first?.message ?? ''}`.trim() });
  }
  return value as Plan;
}
