// Units of the control plane: error classification, retry policy resolution and backoff, healing
// selection, and the run-with-policy loop over a scripted attempt function.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LakecError } from '../../compiler/index.js';
import { DEFAULT_RETRY_POLICY, ERROR_CODES, type PlanHealingAction } from '../../compiler/types/control.js';
import { classifyError } from '../../runtime/control/classify-error.js';
import { selectHealing } from '../../runtime/control/healing/select-healing.js';
import { parseMemorySize } from '../../runtime/control/healing/memory-size.js';
import { resolveRetryPolicy, resolveTimeout, retryDelayMs } from '../../runtime/control/retry-policy.js';
import { runWithPolicy, type PolicyContext } from '../../runtime/executor/run-with-policy.js';
import type { AuditEntry } from '../../runtime/control/audit-writer.js';
import { lakeLayout } from '../../runtime/lake/lake-layout.js';

const lakec = (code: string, cause?: unknown) => new LakecError({ code, severity: 'error', message: `failure ${code}` }, cause ? { cause } : undefined);
const errno = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe('classifyError', () => {
  it.each([
    [lakec('LK6105'), 'SOURCE_UNAVAILABLE', true],
    [lakec('LK6102'), 'SOURCE_CORRUPT', false],
    [lakec('LK6101'), 'SOURCE_CORRUPT', false],
    [lakec('LK6104'), 'DATA_INVALID', false],
    [lakec('LK6201', new Error('Conversion Error: Could not convert string "x" to INT32')), 'ENGINE_ERROR', false],
    [lakec('LK6201', new Error('Out of Memory Error: could not allocate block of size 32.0 MiB')), 'ENGINE_OUT_OF_MEMORY', true],
    [new Error('IO Error: Could not write file "x": No space left on device'), 'DISK_FULL', false],
    [errno('ENOSPC'), 'DISK_FULL', false],
    [errno('EACCES'), 'PERMISSION_DENIED', false],
    [lakec('LK6105', errno('EACCES')), 'PERMISSION_DENIED', false],
    [errno('EMFILE'), 'IO_ERROR', true],
    [lakec('LK6406'), 'LOCK_CONFLICT', true],
    [lakec('LK6407'), 'CANCELLED', false],
    [lakec('LK6408'), 'TIMEOUT', true],
    [lakec('LK6409'), 'SCHEMA_DRIFT', false],
    [lakec('LK5004'), 'MODEL_CHANGED', false],
    [new Error('INTERRUPT Error: Interrupted!'), 'CANCELLED', false],
    [new TypeError('x is undefined'), 'INTERNAL', false],
  ] as const)('%s -> %s', (error, code, transient) => {
    const c = classifyError(error);
    expect(c.code).toBe(code);
    expect(c.transient).toBe(transient);
    expect(c.transient).toBe(ERROR_CODES[c.code].transient);
    expect(c.original.length).toBeGreaterThan(0);
  });

  it('keeps the whole cause chain as the original error', () => {
    const c = classifyError(lakec('LK6201', new Error('Out of Memory Error: failed to allocate data of size 16.0 KiB')));
    expect(c.original).toBe('LK6201: failure LK6201 <- Error: Out of Memory Error: failed to allocate data of size 16.0 KiB');
    expect(c.diagnostic.code).toBe('LK6201');
  });
});

describe('retry policies', () => {
  const overrides = [
    { scope: '*', maxAttempts: 5, delayMs: 100 },
    { scope: 'discogs', backoff: 'linear' as const },
    { scope: 'discogs.releases', maxAttempts: 2, jitter: 0 },
  ];
  it('merges project, pipeline and stage overrides field by field over the default', () => {
    expect(resolveRetryPolicy(overrides, 'discogs.releases', 'discogs')).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2, delayMs: 100, backoff: 'linear', jitter: 0 });
    expect(resolveRetryPolicy(overrides, 'discogs.labels', 'discogs')).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 5, delayMs: 100, backoff: 'linear' });
    expect(resolveRetryPolicy(overrides, 'chinook.x', 'chinook')).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 5, delayMs: 100 });
    expect(resolveRetryPolicy([])).toEqual(DEFAULT_RETRY_POLICY);
  });
  it('timeouts: the innermost declared scope wins', () => {
    const t = [{ scope: 'discogs', timeoutMs: 60_000 }, { scope: 'discogs.releases', timeoutMs: 5000 }];
    expect(resolveTimeout(t, 'discogs.releases', 'discogs')).toBe(5000);
    expect(resolveTimeout(t, 'discogs.labels', 'discogs')).toBe(60_000);
    expect(resolveTimeout(t, 'other.x', 'other')).toBeUndefined();
  });
  it('backoff without jitter: fixed, linear, exponential, capped', () => {
    const p = { maxAttempts: 9, delayMs: 100, maxDelayMs: 1000, jitter: 0 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs({ ...p, backoff: 'fixed' }, n))).toEqual([100, 100, 100, 100]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs({ ...p, backoff: 'linear' }, n))).toEqual([100, 200, 300, 400]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs({ ...p, backoff: 'exponential' }, n))).toEqual([100, 200, 400, 800, 1000]);
  });
  it('jittered delays stay within ±jitter of the base and never exceed the cap (property)', () => {
    fc.assert(fc.property(
      fc.constantFrom('fixed' as const, 'linear' as const, 'exponential' as const), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 100_000 }),
      fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 20 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      (backoff, delayMs, maxDelayMs, jitter, n, r) => {
        const d = retryDelayMs({ maxAttempts: 99, backoff, delayMs, maxDelayMs, jitter }, n, () => r);
        const base = backoff === 'fixed' ? delayMs : backoff === 'linear' ? delayMs * n : delayMs * 2 ** (n - 1);
        return d >= 0 && d <= maxDelayMs && d >= Math.min(maxDelayMs, Math.floor(base * (1 - jitter))) - 1 && d <= Math.ceil(base * (1 + jitter)) + 1;
      },
    ));
  });
});

describe('healing selection', () => {
  const action = (order: number, scope: string, extra: Partial<PlanHealingAction> = {}): PlanHealingAction => ({ order, scope, on: 'SOURCE_UNAVAILABLE', action: 'command', command: ['x'], maxTimes: 1, ...extra });
  const failure = { code: 'SOURCE_UNAVAILABLE' as const, message: 'no file matching "x"', stage: 'discogs.labels', pipeline: 'discogs' };
  it('prefers the most specific scope, then declaration order, and respects maxTimes', () => {
    const actions = [action(0, '*'), action(1, 'discogs'), action(2, 'discogs.labels'), action(3, 'discogs.labels')];
    expect(selectHealing(actions, failure, new Map())?.order).toBe(2);
    expect(selectHealing(actions, failure, new Map([[2, 1]]))?.order).toBe(3);
    expect(selectHealing(actions, failure, new Map([[2, 1], [3, 1]]))?.order).toBe(1);
    expect(selectHealing(actions, { ...failure, stage: 'discogs.artists' }, new Map())?.order).toBe(1);
    expect(selectHealing(actions, { ...failure, code: 'SOURCE_CORRUPT' }, new Map())).toBeUndefined();
  });
  it('filters by message pattern and never picks another pipeline\'s stage', () => {
    const actions = [action(0, 'discogs', { message: '^timeout' }), action(1, 'chinook')];
    expect(selectHealing(actions, failure, new Map())).toBeUndefined();
    expect(selectHealing([action(0, 'discogs', { message: 'no file' })], failure, new Map())?.order).toBe(0);
  });
  it('parses DuckDB memory sizes', () => {
    expect(parseMemorySize('953.6 MiB')).toBe(Math.round(953.6 * 1024 ** 2));
    expect(parseMemorySize('16MB')).toBe(16e6);
    expect(parseMemorySize('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseMemorySize('lots')).toBeUndefined();
  });
});

describe('runWithPolicy', () => {
  const context = (overrides: Partial<PolicyContext> = {}) => {
    const entries: AuditEntry[] = [];
    let discarded = 0;
    const ctx: PolicyContext = {
      stage: 'p.s', pipeline: 'p', runId: 'r', policy: { maxAttempts: 3, backoff: 'fixed', delayMs: 1, maxDelayMs: 10, jitter: 0 }, healing: [],
      healingContext: { projectDir: '/nonexistent', lake: lakeLayout('/nonexistent') },
      disabledScope: () => undefined, setCurrent: () => undefined, discard: async () => void discarded++,
      audit: async (e) => void entries.push(e), now: () => new Date(), ...overrides,
    };
    return { ctx, entries, discarded: () => discarded };
  };
  const failingThen = (errors: unknown[]) => {
    let n = 0;
    return async () => {
      const e = errors[n++];
      if (e) throw e;
      return { value: 'ok', rows: 1, bytes: 2 };
    };
  };

  it('retries transient failures up to maxAttempts, recording each delay', async () => {
    const { ctx, entries, discarded } = context();
    const out = await runWithPolicy(ctx, failingThen([lakec('LK6105'), lakec('LK6105')]));
    expect(out).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(entries.map((e) => [e.attempt, e.status, e.error_code, e.retry_delay_ms])).toEqual([[1, 'failed', 'SOURCE_UNAVAILABLE', 1], [2, 'failed', 'SOURCE_UNAVAILABLE', 1], [3, 'succeeded', null, null]]);
    expect(discarded()).toBe(2);
  });
  it('gives up after maxAttempts transient failures, and at once on a permanent one', async () => {
    const a = context();
    expect(await runWithPolicy(a.ctx, failingThen([lakec('LK6105'), lakec('LK6105'), lakec('LK6105'), lakec('LK6105')]))).toMatchObject({ status: 'failed', attempts: 3 });
    const b = context();
    expect(await runWithPolicy(b.ctx, failingThen([lakec('LK6102')]))).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'SOURCE_CORRUPT' } });
    expect(b.entries.map((e) => e.retry_delay_ms)).toEqual([null]);
  });
  it('a healed permanent failure is tried again, bounded by the action\'s maxTimes', async () => {
    const heal: PlanHealingAction = { order: 0, scope: '*', on: 'SCHEMA_DRIFT', action: 'accept_added_columns', maxTimes: 1 };
    const drift = Object.assign(lakec('LK6409'), { details: { added: ['extra'], missing: [], changed: [] } });
    let accepted = 0;
    const { ctx, entries } = context({ healing: [heal], healingContext: { projectDir: '/x', lake: lakeLayout('/x'), acceptAddedColumns: () => void accepted++ } });
    expect(await runWithPolicy(ctx, failingThen([drift]))).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(accepted).toBe(1);
    expect(entries[0]).toMatchObject({ healing_action: 'accept_added_columns', healing_outcome: 'healed' });
    const again = context({ healing: [heal], healingContext: { projectDir: '/x', lake: lakeLayout('/x'), acceptAddedColumns: () => undefined } });
    expect(await runWithPolicy(again.ctx, failingThen([drift, drift]))).toMatchObject({ status: 'failed', attempts: 2, error: { code: 'SCHEMA_DRIFT' } });
  });
  it('a kill switch set during the backoff wait ends the stage as disabled without another attempt', async () => {
    let off = false;
    let current: AbortController | undefined;
    const { ctx, entries } = context({
      policy: { maxAttempts: 5, backoff: 'fixed', delayMs: 60_000, maxDelayMs: 60_000, jitter: 0 },
      disabledScope: () => (off ? { scope: 'p', reason: 'stop' } : undefined),
      setCurrent: (c) => (current = c),
    });
    const running = runWithPolicy(ctx, failingThen([lakec('LK6105'), lakec('LK6105')]));
    await new Promise((r) => setTimeout(r, 20));
    off = true;
    current?.abort();
    expect(await running).toMatchObject({ status: 'disabled', scope: 'p', attempts: 1 });
    expect(entries.map((e) => e.status)).toEqual(['failed', 'disabled']);
  });
  it('a timeout aborts the attempt with TIMEOUT (transient, retried)', async () => {
    let n = 0;
    const { ctx, entries } = context({ timeoutMs: 20 });
    const out = await runWithPolicy<string>(ctx, (signal) => {
      n++;
      if (n > 1) return Promise.resolve({ value: 'ok', rows: 0, bytes: 0 });
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    expect(out).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(entries[0]).toMatchObject({ status: 'failed', error_code: 'TIMEOUT', transient: true });
  });
});
