// fuzz/: what a front end may do with hostile input, and the test of it. The only acceptable outcomes
// are a result or a coded diagnostic: a LakecError, or returned diagnostics, each with a code from the
// registry (compiler/diagnostics/codes.ts), a severity and a message. Anything else is a finding.
import { CODES } from '../../compiler/diagnostics/codes.js';
import { LakecError, type Diagnostic } from '../../compiler/diagnostics/diagnostic.js';

/** How one fuzz case ended. `unexpected` carries what went wrong (error name, message, first stack frames). */
export type Outcome =
  | { readonly kind: 'result' }
  | { readonly kind: 'diagnostic'; readonly codes: readonly string[] }
  | { readonly kind: 'unexpected'; readonly problem: string };

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** Why `d` is not a proper coded diagnostic, or undefined when it is one. */
export function diagnosticProblem(d: Diagnostic): string | undefined {
  if (!Object.hasOwn(CODES, d.code)) return `diagnostic with unregistered code ${JSON.stringify(d.code)}: ${d.message}`;
  if (!SEVERITIES.has(d.severity)) return `diagnostic ${d.code} with severity ${JSON.stringify(d.severity)}`;
  if (typeof d.message !== 'string' || d.message.trim() === '') return `diagnostic ${d.code} without a message`;
  return undefined;
}

/**
 * The outcome of a phase that returns diagnostics: `diagnostic` when any has severity error (all must be
 * coded), else `result` when `produced` (warnings allowed), else `unexpected` (failed without saying why).
 */
export function outcomeOfDiagnostics(diagnostics: readonly Diagnostic[], produced: boolean): Outcome {
  for (const d of diagnostics) {
    const problem = diagnosticProblem(d);
    if (problem) return { kind: 'unexpected', problem };
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) return { kind: 'diagnostic', codes: [...new Set(errors.map((d) => d.code))].sort() };
  return produced ? { kind: 'result' } : { kind: 'unexpected', problem: 'no result and no error diagnostic' };
}

/** The outcome of a thrown value: `diagnostic` for a LakecError with a proper coded diagnostic, else `unexpected`. */
export function outcomeOfThrown(e: unknown): Outcome {
  if (e instanceof LakecError) {
    const problem = diagnosticProblem(e.diagnostic);
    return problem ? { kind: 'unexpected', problem: `LakecError: ${problem}` } : { kind: 'diagnostic', codes: [e.diagnostic.code] };
  }
  if (e instanceof Error) {
    const frames = (e.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 4).map((l) => l.trim());
    return { kind: 'unexpected', problem: `uncaught ${e.name}: ${e.message.slice(0, 300)}${frames.length ? ` (${frames.join(' < ')})` : ''}` };
  }
  return { kind: 'unexpected', problem: `uncaught non-Error value ${String(e).slice(0, 300)}` };
}

/** Runs `action` and classifies a throw with outcomeOfThrown; a normal return is classified by `action` itself. */
export async function outcomeOf(action: () => Outcome | Promise<Outcome>): Promise<Outcome> {
  try {
    return await action();
  } catch (e) {
    return outcomeOfThrown(e);
  }
}
