// The fuzz harness itself: it must report what it is there to catch (uncaught non-Lakec errors, uncoded
// diagnostics, hangs, slow cases) and count coded diagnostics and results correctly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LakecError } from '../../compiler/diagnostics/diagnostic.js';
import { outcomeOfDiagnostics, outcomeOfThrown } from './fuzz-outcome.js';
import { fuzzCase, runFuzzer, type FuzzSession } from './fuzz-runner.js';

describe('fuzz outcomes', () => {
  it('accept a LakecError with a registered code and nothing else thrown', () => {
    expect(outcomeOfThrown(new LakecError({ code: 'LK6101', severity: 'error', message: 'malformed XML' }))).toEqual({ kind: 'diagnostic', codes: ['LK6101'] });
    expect(outcomeOfThrown(new LakecError({ code: 'LK9999', severity: 'error', message: 'x' })).kind).toBe('unexpected');
    expect(outcomeOfThrown(new TypeError('x is undefined')).kind).toBe('unexpected');
    expect(outcomeOfThrown(new RangeError('Maximum call stack size exceeded')).kind).toBe('unexpected');
    expect(outcomeOfThrown('a string').kind).toBe('unexpected');
  });

  it('classify returned diagnostics: errors are coded diagnostics, an unregistered code or a silent failure is unexpected', () => {
    expect(outcomeOfDiagnostics([{ code: 'LK1001', severity: 'error', message: 'bad YAML' }, { code: 'LK1003', severity: 'error', message: 'unknown key' }], false))
      .toEqual({ kind: 'diagnostic', codes: ['LK1001', 'LK1003'] });
    expect(outcomeOfDiagnostics([{ code: 'LK1001', severity: 'warning', message: 'w' }], true)).toEqual({ kind: 'result' });
    expect(outcomeOfDiagnostics([{ code: 'E42', severity: 'error', message: 'x' }], false).kind).toBe('unexpected');
    expect(outcomeOfDiagnostics([{ code: 'LK1001', severity: 'error', message: '' }], false).kind).toBe('unexpected');
    expect(outcomeOfDiagnostics([], false).kind).toBe('unexpected');
  });
});

describe('runFuzzer', () => {
  const session: FuzzSession<number> = {
    arbitrary: fc.integer({ min: 0, max: 4 }),
    async run(n) {
      if (n === 0) return { kind: 'result' };
      if (n === 1) throw new LakecError({ code: 'LK2001', severity: 'error', message: 'syntax' });
      if (n === 2) throw new TypeError('boom');
      if (n === 3) return new Promise(() => undefined);
      const until = performance.now() + 250;
      while (performance.now() < until);
      return { kind: 'result' };
    },
    describe: (n) => `n=${n}`,
    close: async () => undefined,
  };

  it('counts every outcome and reports thrown errors, hangs and slow cases as findings', async () => {
    const stats = await runFuzzer('fake', session, { seed: 3, cases: 24, caseLimitMs: 100 });
    const inputs = Array.from({ length: 24 }, (_, i) => fuzzCase(session.arbitrary, 3, i));
    expect(new Set(inputs)).toEqual(new Set([0, 1, 2, 3, 4]));
    const count = (k: number): number => inputs.filter((n) => n === k).length;
    expect(stats.cases).toBe(24);
    expect(stats.results).toBe(count(0));
    expect(stats.diagnostics).toBe(count(1));
    expect(stats.codes).toEqual({ LK2001: count(1) });
    expect(stats.findings.map((f) => f.input)).toEqual(inputs.map((n) => `n=${n}`).filter((s) => /n=[234]/.test(s)));
    expect(stats.findings.find((f) => f.input === 'n=2')?.problem).toMatch(/^uncaught TypeError: boom/);
    expect(stats.findings.find((f) => f.input === 'n=3')?.problem).toMatch(/hang/);
    expect(stats.findings.find((f) => f.input === 'n=4')?.problem).toMatch(/took \d+ ms/);
  });

  it('draws the same case for the same seed and index, however the run is split', async () => {
    const seen: number[] = [];
    const recording: FuzzSession<number> = { ...session, run: async (n) => (seen.push(n), { kind: 'result' }) };
    await runFuzzer('fake', recording, { seed: 9, cases: 70 });
    await runFuzzer('fake', recording, { seed: 9, from: 45, cases: 25 });
    expect(seen.slice(70)).toEqual(seen.slice(45, 70));
    expect(seen.slice(45, 70)).toEqual(Array.from({ length: 25 }, (_, k) => fuzzCase(session.arbitrary, 9, 45 + k)));
  });
});
