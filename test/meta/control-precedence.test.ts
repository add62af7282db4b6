// Pure precedence rules: effective kill switches, retry merge, healing order.
import { describe, expect, it } from 'vitest';
import { effectiveDisabled, healingActions, mergeRetryPolicies, stageDisabledBy, type ControlFlagRow, type HealingActionRow, type RetryPolicyRow } from '../../runtime/meta/meta-store.js';

const flag = (scope: string, origin: 'spec' | 'operator', disabled: boolean, reason: string | null = null): ControlFlagRow =>
  ({ scope, origin, disabled, reason, updated_by: origin === 'spec' ? 'pipelines.yaml' : 'alice@etl', updated_at: '2025-01-01T00:00:00.000Z' });

describe('effectiveDisabled', () => {
  it.each([
    { name: 'spec disable alone', rows: [flag('p.s', 'spec', true, 'why')], off: { 'p.s': 'spec' } },
    { name: 'operator enable overrides spec disable', rows: [flag('p.s', 'spec', true), flag('p.s', 'operator', false)], off: {} },
    { name: 'operator disable overrides spec absence', rows: [flag('p.s', 'operator', true)], off: { 'p.s': 'operator' } },
    { name: 'operator row wins whatever the row order', rows: [flag('p.s', 'operator', false), flag('p.s', 'spec', true)], off: {} },
    { name: 'an enabled operator row alone is not listed', rows: [flag('p', 'operator', false)], off: {} },
    { name: 'operator disable over spec disable keeps operator reason', rows: [flag('p', 'spec', true, 'a'), flag('p', 'operator', true, 'b')], off: { p: 'operator' } },
  ])('$name', ({ rows, off }) => {
    const m = effectiveDisabled(rows);
    expect(Object.fromEntries([...m].map(([k, v]) => [k, v.origin]))).toEqual(off);
  });

  it('keeps reason and author', () => {
    expect(effectiveDisabled([flag('p', 'spec', true, 'a'), flag('p', 'operator', true, 'b')]).get('p')).toEqual({ reason: 'b', origin: 'operator', updatedBy: 'alice@etl' });
  });

  it('a disabled pipeline disables its stages, even one enabled on its own', () => {
    const off = effectiveDisabled([flag('p', 'operator', true, 'maintenance'), flag('p.s', 'operator', false)]);
    expect(stageDisabledBy(off, 'p.s', 'p')).toEqual({ scope: 'p', why: { reason: 'maintenance', origin: 'operator', updatedBy: 'alice@etl' } });
    expect(stageDisabledBy(off, 'q.s', 'q')).toBeUndefined();
    expect(stageDisabledBy(effectiveDisabled([flag('q.s', 'spec', true)]), 'q.s', 'q')?.scope).toBe('q.s');
  });
});

describe('mergeRetryPolicies', () => {
  const retry = (scope: string, origin: 'spec' | 'operator', over: Partial<RetryPolicyRow>): RetryPolicyRow =>
    ({ scope, origin, max_attempts: null, backoff: null, delay_ms: null, max_delay_ms: null, jitter: null, ...over });
  it('overrides field by field, keeps spec fields the operator left null, sorts by scope', () => {
    expect(mergeRetryPolicies([
      retry('p', 'spec', { max_attempts: 3, backoff: 'fixed', delay_ms: 100 }),
      retry('p', 'operator', { max_attempts: 6, jitter: 0 }),
      retry('*', 'operator', { delay_ms: 5 }),
      retry('a.b', 'spec', {}),
    ])).toEqual([
      { scope: '*', delayMs: 5 },
      { scope: 'a.b' },
      { scope: 'p', maxAttempts: 6, backoff: 'fixed', delayMs: 100, jitter: 0 },
    ]);
  });
});

describe('healingActions', () => {
  const h = (origin: 'spec' | 'operator', ord: number, action: HealingActionRow['action']): HealingActionRow =>
    ({ origin, ord, scope: '*', on_code: 'TIMEOUT', message_pattern: null, action, command: null, timeout_ms: null, max_memory: null, max_ratio: null, max_times: 1 });
  it('lists operator rows first, each origin by ord, and renumbers order', () => {
    const out = healingActions([h('spec', 1, 'lower_parallelism'), h('operator', 7, 'command'), h('spec', 0, 'raise_memory_limit'), h('operator', 2, 'wait_for_lock')]);
    expect(out.map((a) => [a.order, a.action])).toEqual([[0, 'wait_for_lock'], [1, 'command'], [2, 'raise_memory_limit'], [3, 'lower_parallelism']]);
  });
});
