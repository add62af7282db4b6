// `openlineage:` in pipelines.yaml compiles into plan.openlineage (defaults applied, covered by the
// fingerprint, reported by plan diffs); mistakes get positioned diagnostics; the token stays out.
import { describe, expect, it } from 'vitest';
import { compileProject, diffPlans } from '../../compiler/index.js';
import { configureProject } from '../support/configure-project.js';
import { copyProject } from '../support/project-copy.js';

async function compileWith(root?: string) {
  const project = copyProject();
  if (root) configureProject(project, { root });
  return compileProject({ projectDir: project, env: { OL_URL: 'https://lineage.example.test:8443/', OL_TOKEN: 'never-in-a-plan' } });
}

describe('openlineage settings in pipelines.yaml', () => {
  it('compile with defaults; the URL may come from the environment; the token only by name', async () => {
    const { plan, diagnostics } = await compileWith('openlineage:\n  http:\n    url: ${OL_URL}\n    api_key_env: OL_TOKEN');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan!.openlineage).toEqual({ namespace: 'lakec_examples', file: true, http: { url: 'https://lineage.example.test:8443', endpoint: '/api/v1/lineage', apiKeyEnv: 'OL_TOKEN', timeoutMs: 5000 } });
    expect(JSON.stringify(plan)).not.toMatch(/never-in-a-plan/);
  });

  it('are absent from the plan without the block, and change its fingerprint and diff when set', async () => {
    const none = (await compileWith()).plan!;
    const some = (await compileWith('openlineage:\n  namespace: prod\n  file: false\n  http: { url: "http://marquez:5000", endpoint: /api/v2/lineage, timeout: 250ms }')).plan!;
    expect(none.openlineage).toBeUndefined();
    expect(some.openlineage).toEqual({ namespace: 'prod', file: false, http: { url: 'http://marquez:5000', endpoint: '/api/v2/lineage', timeoutMs: 250 } });
    expect(some.fingerprint).not.toBe(none.fingerprint);
    expect(diffPlans(none, some).summary.settingsChanged).toEqual(['openlineage']);
  });

  it('refuse credentials in the URL (LK1014 at the url key), also when they come from the environment', async () => {
    const project = copyProject();
    configureProject(project, { root: 'openlineage:\n  http:\n    url: ${OL_URL}' });
    const { plan, diagnostics } = await compileProject({ projectDir: project, env: { OL_URL: 'https://bob:hunter2secret@lineage.example.test' } });
    expect(plan).toBeUndefined();
    const d = diagnostics.find((x) => x.code === 'LK1014')!;
    expect(d.span?.file).toBe('pipelines.yaml');
    expect(d.span?.start.line).toBeGreaterThan(1);
    expect(JSON.stringify(diagnostics)).not.toMatch(/hunter2secret/);
  });

  it('refuse a URL that is not http(s), an unknown key and a bad env name, with positions', async () => {
    const { plan, diagnostics } = await compileWith('openlineage:\n  http:\n    url: ftp://x\n    api_key_env: "1bad"\n  transport: kafka');
    expect(plan).toBeUndefined();
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.span?.start.line}:${d.span?.start.column} ${d.message}`);
    expect(errors.join('\n')).toMatch(/url/);
    expect(errors.join('\n')).toMatch(/api_key_env/);
    expect(errors.join('\n')).toMatch(/transport/);
    expect(diagnostics.every((d) => d.span?.start.line !== undefined)).toBe(true);
  });
});
