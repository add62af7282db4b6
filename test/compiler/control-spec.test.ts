// Controls in pipelines.yaml (disabled, retry, timeout, healing, stages:) compile into the plan's
// `control` section, deterministically; mistakes get positioned diagnostics.
import { describe, expect, it } from 'vitest';
import { compileProject, emitPlan } from '../../compiler/index.js';
import { renderPlanText } from '../../runtime/cli/render-plan.js';
import { configureProject } from '../support/configure-project.js';
import { copyProject } from '../support/project-copy.js';

async function compileWith(yaml: { root?: string; pipeline?: string }) {
  const project = copyProject();
  configureProject(project, yaml);
  return compileProject({ projectDir: project, env: {} });
}

describe('control settings in pipelines.yaml', () => {
  it('compile into plan.control: scopes, durations in ms, sorted; the plan shows disabled stages', async () => {
    const { plan, diagnostics } = await compileWith({
      root: 'retry: { max_attempts: 4, delay: 1.5s }\nhealing:\n  - { on: ENGINE_OUT_OF_MEMORY, action: raise_memory_limit, max_memory: 2GB }',
      pipeline: [
        '    retry: { backoff: linear, max_delay: 1m }',
        '    timeout: 2h',
        '    healing:',
        '      - { on: SOURCE_UNAVAILABLE, stage: labels, action: command, command: [./fetch.sh, labels], timeout: 30s, message: "no file" }',
        '    stages:',
        '      releases: { disabled: "dump under repair", retry: { max_attempts: 1 }, timeout: 500ms }',
        '      release_facts: { disabled: true }',
      ].join('\n'),
    });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan!.control).toEqual({
      flags: [{ scope: 'discogs.release_facts' }, { scope: 'discogs.releases', reason: 'dump under repair' }],
      retry: [{ scope: '*', maxAttempts: 4, delayMs: 1500 }, { scope: 'discogs', backoff: 'linear', maxDelayMs: 60_000 }, { scope: 'discogs.releases', maxAttempts: 1 }],
      healing: [
        { order: 0, scope: '*', on: 'ENGINE_OUT_OF_MEMORY', action: 'raise_memory_limit', maxMemory: '2GB', maxTimes: 3 },
        { order: 1, scope: 'discogs.labels', on: 'SOURCE_UNAVAILABLE', action: 'command', command: ['./fetch.sh', 'labels'], timeoutMs: 30_000, message: 'no file', maxTimes: 1 },
      ],
      timeouts: [{ scope: 'discogs', timeoutMs: 7_200_000 }, { scope: 'discogs.releases', timeoutMs: 500 }],
    });
    const text = renderPlanText(plan!);
    expect(text).toMatch(/discogs\.releases +ingest .*DISABLED \(dump under repair\)/);
    expect(text).toMatch(/discogs\.release_facts +release_facts .*DISABLED \(no reason given\)/);
    expect(text).toMatch(/control: 2 kill switches set \(discogs\.release_facts, discogs\.releases\)/);
  });

  it('without any healing declared, the built-in defaults are in the plan; `healing: []` turns them off', async () => {
    const defaults = (await compileWith({})).plan!.control.healing;
    expect(defaults.map((h) => [h.on, h.action])).toEqual([['ENGINE_OUT_OF_MEMORY', 'raise_memory_limit'], ['LOCK_CONFLICT', 'wait_for_lock']]);
    expect((await compileWith({ root: 'healing: []' })).plan!.control.healing).toEqual([]);
  });

  it('a control change changes the plan fingerprint but no step fingerprint', async () => {
    const a = (await compileWith({})).plan!;
    const b = (await compileWith({ pipeline: '    stages:\n      releases: { disabled: true }' })).plan!;
    expect(b.fingerprint).not.toBe(a.fingerprint);
    expect(b.steps.map((s) => s.fingerprint)).toEqual(a.steps.map((s) => s.fingerprint));
    expect(emitPlan((await compileWith({ pipeline: '    stages:\n      releases: { disabled: true }' })).plan!)).toBe(emitPlan(b));
  });

  it('an unknown stage is LK3006 at its position with a did-you-mean', async () => {
    const { plan, diagnostics } = await compileWith({ pipeline: '    stages:\n      relases: { disabled: true }' });
    expect(plan).toBeUndefined();
    const d = diagnostics.find((x) => x.code === 'LK3006')!;
    expect(d.message).toBe('unknown stage "discogs.relases" in control settings');
    expect(d.hint).toMatch(/discogs\.releases/);
    expect(d.span).toMatchObject({ file: 'pipelines.yaml' });
  });

  it('schema mistakes are positioned: unknown error code, command without argv, bad duration; a bad regex is LK1002', async () => {
    const codes = async (pipeline: string) => (await compileWith({ pipeline })).diagnostics.map((d) => `${d.code}@${d.span?.start.line}`);
    expect(await codes('    healing:\n      - { on: SOURCE_GONE, action: command, command: [x] }')).toEqual([expect.stringMatching(/^LK1002@\d+$/)]);
    expect((await codes('    healing:\n      - { on: SOURCE_CORRUPT, action: command }')).length).toBeGreaterThan(0);
    expect((await codes('    retry: { delay: soon }')).every((c) => c.startsWith('LK1002'))).toBe(true);
    const regex = await compileWith({ pipeline: '    healing:\n      - { on: SOURCE_CORRUPT, action: command, command: [x], message: "(" }' });
    expect(regex.diagnostics.map((d) => d.code)).toEqual(['LK1002']);
    expect(regex.diagnostics[0]!.message).toMatch(/not a valid regular expression/);
  });
});
