// Scheduling and recovery settings in pipelines.yaml (schedule:, priority, deadline, system, routes)
// compile into the plan's `schedule` and `recovery` sections; mistakes get positioned diagnostics.
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../compiler/index.js';
import { configureProject } from '../support/configure-project.js';
import { copyProject } from '../support/project-copy.js';

async function compileWith(yaml: { root?: string; pipeline?: string }) {
  const project = copyProject();
  configureProject(project, yaml);
  return compileProject({ projectDir: project, env: {} });
}

describe('scheduling settings in pipelines.yaml', () => {
  it('compile into plan.schedule: throttles with units resolved, every step with priority, deadline and systems', async () => {
    const { plan, diagnostics } = await compileWith({
      root: 'schedule:\n  profile: focus\n  workers: 3\n  systems:\n    discogs-dumps: { max_concurrent: 1, bytes_per_second: 20MB, rows_per_second: 5000 }\n    lake: { max_concurrent: 2 }',
      pipeline: '    priority: low\n    deadline: 1h\n    stages:\n      release_facts: { priority: critical, deadline: 90s }\n      releases: { priority: high }',
    });
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const s = plan!.schedule;
    expect(s.profile).toBe('focus');
    expect(s.workers).toBe(3);
    expect(s.systems).toEqual([
      { name: 'chinook-oltp' },
      { name: 'discogs-dumps', maxConcurrent: 1, bytesPerSecond: 20_000_000, rowsPerSecond: 5000 },
      { name: 'lake', maxConcurrent: 2 },
    ]);
    const by = new Map(s.stages.map((x) => [x.stage, x]));
    expect(by.get('discogs.release_facts')).toEqual({ stage: 'discogs.release_facts', priority: 'critical', deadlineMs: 90_000, systems: ['lake'] });
    expect(by.get('discogs.releases')).toEqual({ stage: 'discogs.releases', priority: 'high', deadlineMs: 3_600_000, systems: ['discogs-dumps', 'lake'] });
    expect(by.get('discogs.labels')).toMatchObject({ priority: 'low', systems: ['discogs-dumps', 'lake'] });
    expect(s.stages.map((x) => x.stage)).toEqual(plan!.steps.map((x) => x.id).sort());
  });

  it('without settings: balanced, no workers, systems files/lake unthrottled, every step normal', async () => {
    const { plan } = await compileWith({ root: 'schedule: {}', pipeline: '    stages:\n      releases: {}' });
    expect(plan!.schedule.profile).toBe('balanced');
    expect(plan!.schedule.workers).toBeUndefined();
    expect(new Set(plan!.schedule.stages.map((x) => x.priority))).toEqual(new Set(['normal']));
  });

  it('routes compile into plan.recovery sorted by cost, locations project-relative, staleness in ms', async () => {
    const project = copyProject();
    const text = (await import('node:fs')).readFileSync(`${project}/pipelines.yaml`, 'utf8').replace(
      '        mapping: specs/discogs/mappings/labels.yaml\n',
      '        mapping: specs/discogs/mappings/labels.yaml\n        routes:\n          - { name: last_published, previous_run: true, cost: 50 }\n          - { name: mirror, location: ./mirror/dumps, cost: 2 }\n          - { name: last_month, location: old, pattern: "discogs_*_labels.xml.gz", cost: 5, staleness: 30d }\n',
    );
    (await import('node:fs')).writeFileSync(`${project}/pipelines.yaml`, text);
    const { plan, diagnostics } = await compileProject({ projectDir: project, env: {} });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan!.recovery.routes).toEqual([
      { stage: 'discogs.labels', name: 'mirror', kind: 'location', location: 'mirror/dumps', cost: 2, order: 1 },
      { stage: 'discogs.labels', name: 'last_month', kind: 'location', location: 'old', pattern: 'discogs_*_labels.xml.gz', cost: 5, stalenessMs: 30 * 86_400_000, order: 2 },
      { stage: 'discogs.labels', name: 'last_published', kind: 'previous_run', cost: 50, order: 0 },
    ]);
  });

  it('a rate limit on a system models write to is LK1012; a throttle on an unused system is warning LK1013 with a did-you-mean', async () => {
    const { plan, diagnostics } = await compileWith({ root: 'schedule:\n  systems:\n    lake: { rows_per_second: 100 }\n    discogs-dump: { max_concurrent: 1 }' });
    expect(plan).toBeUndefined();
    const rate = diagnostics.find((d) => d.code === 'LK1012')!;
    expect(rate.message).toMatch(/system "lake" has a rate limit, but models write to it/);
    expect(rate.span).toMatchObject({ file: 'pipelines.yaml' });
    const unused = diagnostics.find((d) => d.code === 'LK1013')!;
    expect(unused.severity).toBe('warning');
    expect(unused.hint).toMatch(/discogs-dumps/);
  });

  it('a route with both a location and previous_run, or a duplicate name, is refused at its position', async () => {
    const project = copyProject();
    const fs = await import('node:fs');
    const base = fs.readFileSync(`${project}/pipelines.yaml`, 'utf8');
    const withRoutes = (routes: string) => base.replace('        mapping: specs/discogs/mappings/labels.yaml\n', `        mapping: specs/discogs/mappings/labels.yaml\n        routes:\n${routes}`);
    fs.writeFileSync(`${project}/pipelines.yaml`, withRoutes('          - { name: both, location: x, previous_run: true, cost: 1 }\n'));
    const both = await compileProject({ projectDir: project, env: {} });
    expect(both.plan).toBeUndefined();
    expect(both.diagnostics[0]!.code).toBe('LK1002');
    expect(both.diagnostics[0]!.span?.start.line).toBeGreaterThan(1);
    fs.writeFileSync(`${project}/pipelines.yaml`, withRoutes('          - { name: m, location: x, cost: 1 }\n          - { name: m, location: y, cost: 2 }\n'));
    const dup = await compileProject({ projectDir: project, env: {} });
    expect(dup.diagnostics.find((d) => d.code === 'LK1008')?.message).toBe('source discogs.labels declares route "m" twice');
  });

  it('a priority change changes the plan fingerprint but no step fingerprint', async () => {
    const a = (await compileWith({})).plan!;
    const b = (await compileWith({ pipeline: '    stages:\n      releases: { priority: critical }' })).plan!;
    expect(b.fingerprint).not.toBe(a.fingerprint);
    expect(b.steps.map((s) => s.fingerprint)).toEqual(a.steps.map((s) => s.fingerprint));
  });
});
