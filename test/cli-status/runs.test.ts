// `lakec runs` with the run states of the control plane: halted and running (interrupted) runs, the
// error code column, and JSON fields kept backward compatible (errorCode and halt added).
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../runtime/index.js';
import { runCli } from '../support/run-cli.js';
import { ACTIVE, buildLake, FAILED, HALTED, OLD, RUNNING } from './lake-fixture.js';

const lake = buildLake();

describe('lakec runs', () => {
  it('lists every status newest first, with the error code and the halt reason', async () => {
    const r = await runCli(['runs', '--lake', lake], lake);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^RUN\s+STATUS\s+ACTIVE\s+DATASETS\s+ROWS\s+SECONDS\s+CODE\s+NOTE$/);
    expect(lines[1]).toMatch(new RegExp(`^${RUNNING}\\s+running\\s+0\\s+0\\s+-$`));
    expect(lines[2]).toMatch(new RegExp(`^${HALTED}\\s+halted\\s+0\\s+0\\s+12\\.5\\s+CANCELLED\\s+halted by shop, shop\\.orders: bad feed$`));
    expect(lines[3]).toMatch(new RegExp(`^${ACTIVE}\\s+succeeded\\s+\\*\\s+0\\s+0\\s+12\\.5$`));
    expect(lines[4]).toMatch(new RegExp(`^${OLD}\\s+succeeded\\s+\\(was\\)`));
    expect(lines[5]).toMatch(new RegExp(`^${FAILED}\\s+failed\\s+0\\s+0\\s+12\\.5\\s+VALIDATION_FAILED$`));
    expect(lines[6]).toBe('running: in progress, or interrupted if no apply is running');
  });

  it('--json keeps the old fields and adds errorCode and halt', async () => {
    const runs = JSON.parse((await runCli(['runs', '--lake', lake, '--json'], lake)).stdout) as RunSummary[];
    expect(runs.map((r) => [r.runId, r.status, r.active, r.promoted])).toEqual([
      [RUNNING, 'running', false, false], [HALTED, 'halted', false, false], [ACTIVE, 'succeeded', true, true],
      [OLD, 'succeeded', false, true], [FAILED, 'failed', false, false],
    ]);
    const halted = runs[1]!;
    expect(halted).toMatchObject({ errorCode: 'CANCELLED', error: 'LK6410: run halted by a kill switch', halt: { scopes: ['shop', 'shop.orders'], reason: 'bad feed' } });
    expect(runs[4]).toMatchObject({ errorCode: 'VALIDATION_FAILED', error: expect.stringMatching(/^LK6301: /) });
    expect(runs[2]).not.toHaveProperty('errorCode');
    expect(runs[2]).not.toHaveProperty('halt');
    expect(Object.keys(runs[3]!)).toEqual(['runId', 'status', 'active', 'promoted', 'startedAt', 'durationMs', 'datasets', 'rows']);
  });
});
