// validate/: turns failed rule results into coded diagnostics (LK6301 failed, LK6302 unevaluable).
import type { Diagnostic, Severity } from '../../compiler/diagnostics/diagnostic.js';
import type { RuleResult, RuleSeverity } from '../../compiler/types/validation.js';

const SEVERITY: Record<RuleSeverity, Severity> = { error: 'error', warn: 'warning', info: 'info' };

/**
 * One diagnostic per result that is not ok, in result order: LK6301 when the rule ran and failed,
 * LK6302 when it could not be evaluated. Severity maps `warn` to `warning`; line breaks in the
 * details are folded to spaces so each message is one line. No span: rules come from the project
 * spec, whose positions this layer does not have.
 */
export function ruleDiagnostics(results: readonly RuleResult[]): Diagnostic[] {
  return results
    .filter((r) => !r.ok)
    .map((r) => {
      const details = oneLine(r.details);
      return r.error === undefined
        ? { code: 'LK6301', severity: SEVERITY[r.severity], message: `rule "${r.id}" failed: ${r.check}: ${details}` }
        : {
            code: 'LK6302',
            severity: SEVERITY[r.severity],
            message: `rule "${r.id}" could not be evaluated: ${r.check}: ${details.replace(/^could not evaluate: /, '')}`,
          };
    });
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
