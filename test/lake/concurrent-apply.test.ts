// Two real `lakec apply` processes on one lake: the second fails fast with LK6406 or waits, as configured
// (pipelines.yaml's wait_for_lock healing, or --lock-wait which overrides it), and the stale lock of a
// SIGKILLed apply is taken over at once, its run marked aborted. The first apply is frozen with SIGSTOP
// while it holds the lock, so "the lake is held" is a fact, not a timing guess.
import { readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ITEMS_MAPPING, manifest, writeProject } from '../support/temp-project.js';
import { startLakec, type LakecProcess } from '../support/lakec-process.js';

const WAIT_IN_YAML = 'healing:\n  - { on: LOCK_CONFLICT, action: wait_for_lock, timeout: 60s }\n';
const FAIL_FAST_IN_YAML = 'retry: { max_attempts: 1 }\nhealing: []\n';

let project: string;
const started: LakecProcess[] = [];

function setup(control: string): void {
  project = writeProject({
    'pipelines.yaml': manifest(control), 'items.mapping.yaml': ITEMS_MAPPING,
    'models/silver/item_names.sql': 'SELECT item_id, name FROM items\n',
  });
  mkdirSync(join(project, 'dumps'));
  writeFileSync(join(project, 'dumps', 'items.xml'), '<items><item id="1"><name>a</name><tags><tag>x</tag></tags></item><item id="2"><name>b</name></item></items>\n');
}
function apply(...args: string[]): LakecProcess {
  const p = startLakec(['apply', '--project', project, '--lake', join(project, 'lake'), ...args], project);
  started.push(p);
  return p;
}
/** Starts an apply and freezes it once its run has started (it holds the lake lock from before that). */
async function frozenHolder(): Promise<{ holder: LakecProcess; runId: string }> {
  const holder = apply('--full');
  const line = await holder.stderrLine(/^run \S+$/);
  holder.child.kill('SIGSTOP');
  return { holder, runId: line.slice(4) };
}
const lockOwner = () => JSON.parse(readFileSync(join(project, 'lake', '_lock'), 'utf8')) as { pid: number };
const manifestOf = (runId: string) => JSON.parse(readFileSync(join(project, 'lake', '_runs', runId, '_manifest.json'), 'utf8')) as { status: string };

afterEach(() => {
  for (const p of started.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGCONT');
      p.child.kill('SIGKILL');
    }
  }
  rmSync(project, { recursive: true, force: true });
});

describe('a second apply on a locked lake', () => {
  it('fails fast with LK6406 naming the holder under --lock-wait 0, even where pipelines.yaml says wait', async () => {
    setup(WAIT_IN_YAML);
    const { holder } = await frozenHolder();
    expect(lockOwner().pid).toBe(holder.pid);
    const second = await apply('--lock-wait', '0').exited;
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('LK6406');
    expect(second.stderr).toContain(`pid ${holder.pid}`);
    expect(second.stderr).toMatch(/gave up after 0\.\d s of waiting \(LOCK_CONFLICT, --lock-wait 0 ms\)/);
    expect(second.stderr).not.toContain('waiting up to');
    holder.child.kill('SIGCONT');
    expect((await holder.exited).code).toBe(0);
    expect(readdirSync(join(project, 'lake', '_runs'))).toHaveLength(1);
  });

  it('fails fast where pipelines.yaml turns waiting off (healing: [], one attempt)', async () => {
    setup(FAIL_FAST_IN_YAML);
    const { holder } = await frozenHolder();
    const second = await apply().exited;
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('LK6406');
    expect(second.stderr).toMatch(/gave up after 1 attempt .*LOCK_CONFLICT/);
    holder.child.kill('SIGCONT');
    expect((await holder.exited).code).toBe(0);
  });

  it.each([
    ['pipelines.yaml (wait_for_lock, 60s)', WAIT_IN_YAML, [] as string[], /waiting up to 60\.0 s for it/],
    ['--lock-wait 2m over a fail-fast pipelines.yaml', FAIL_FAST_IN_YAML, ['--lock-wait', '2m'], /waiting up to 1[12]\d\.\d s for it/],
  ])('waits as configured by %s, then applies once the holder finishes', async (_name, control, flags, waiting) => {
    setup(control);
    const { holder, runId } = await frozenHolder();
    const second = apply('--full', ...flags);
    await second.stderrLine(waiting);
    holder.child.kill('SIGCONT');
    expect((await holder.exited).code).toBe(0);
    const done = await second.exited;
    expect(done.stderr).toMatch(/wait_for_lock: healed \(the lake lock was released after \d+ ms\)/);
    expect(done.code).toBe(0);
    // Both made a run, one after the other; the second is active, the first stays succeeded.
    const runs = readdirSync(join(project, 'lake', '_runs')).sort();
    expect(runs).toHaveLength(2);
    expect(runs[0]).toBe(runId);
    expect(manifestOf(runs[0]!).status).toBe('succeeded');
    expect(readFileSync(join(project, 'lake', '_promotions.jsonl'), 'utf8')).toContain(`"runId":"${runs[1]}"`);
    expect(existsSync(join(project, 'lake', '_lock'))).toBe(false);
  });

  it('takes over the stale lock of a SIGKILLed apply at once and marks its run aborted', async () => {
    setup(WAIT_IN_YAML);
    const { holder, runId } = await frozenHolder();
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(lockOwner().pid).toBe(holder.pid); // the dead holder's lock is still there
    const next = await apply('--lock-wait', '0').exited;
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(`marked aborted (interrupted earlier, never promoted): ${runId}`);
    expect(manifestOf(runId)).toMatchObject({ status: 'aborted', error: { code: 'LK6412' } });
    expect(existsSync(join(project, 'lake', '_lock'))).toBe(false);
    const runs = await startLakec(['runs', '--project', project, '--lake', join(project, 'lake')], project).exited;
    expect(runs.stdout).toMatch(new RegExp(`^${runId} +aborted `, 'm'));
  });
});
