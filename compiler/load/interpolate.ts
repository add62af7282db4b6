// load/: `${…}` interpolation in string values of a YAML document, in place.
//   ${var.NAME}       a project variable (`vars:` default, overridden by --var NAME=VALUE)
//   ${NAME}           an environment variable; an error when unset
//   ${NAME:-default}  an environment variable, or `default` when unset or empty (POSIX sh semantics)
//   $${               a literal `${`
import { isScalar, visit, type Document, type Scalar } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { spanAt, type SourceFile } from '../diagnostics/source-file.js';
import { suggestName } from '../diagnostics/did-you-mean.js';

/** Where interpolated values come from. `env` is usually `process.env`. */
export interface InterpolationScope {
  readonly vars: ReadonlyMap<string, string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** When false, `${var.…}` is an error (used while reading the `vars:` block itself). */
  readonly allowVars: boolean;
}

const REFERENCE = /\$\$\{|\$\{([^}]*)\}/g;
const ENV_NAME = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

/**
 * Replaces references in one string. Returns the new string and diagnostics; `baseOffset` is the
 * file offset of `text[0]`, used to point at the offending reference.
 */
export function interpolateString(
  text: string,
  scope: InterpolationScope,
  source: SourceFile,
  baseOffset: number,
): { value: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const value = text.replace(REFERENCE, (whole: string, body: string | undefined, index: number) => {
    if (whole === '${' || body === undefined) return '${';
    const span = spanAt(source, baseOffset + index, baseOffset + index + whole.length);
    if (body.startsWith('var.')) {
      const name = body.slice(4);
      const found = scope.allowVars ? scope.vars.get(name) : undefined;
      if (found !== undefined) return found;
      const hint = scope.allowVars
        ? suggestName(name, [...scope.vars.keys()], 'variable') ?? 'declare it under `vars:`'
        : 'variable defaults may use environment variables only';
      diagnostics.push({ code: 'LK1004', severity: 'error', message: `unknown variable "${name}"`, span, hint });
      return whole;
    }
    const m = ENV_NAME.exec(body);
    if (!m) {
      diagnostics.push({
        code: 'LK1004', severity: 'error', message: `malformed reference "${whole}"`, span,
        hint: 'use ${var.NAME}, ${ENV_NAME} or ${ENV_NAME:-default}; write $${ for a literal ${',
      });
      return whole;
    }
    const envValue = scope.env[m[1] ?? ''];
    if (envValue !== undefined && envValue !== '') return envValue;
    if (m[2] !== undefined) return m[2];
    diagnostics.push({
      code: 'LK1004', severity: 'error', message: `environment variable "${m[1]}" is not set`, span,
      hint: `set it, or give a default: \${${m[1]}:-value}`,
    });
    return whole;
  });
  return { value, diagnostics };
}

/** Interpolates every string scalar under `doc` (values only, never keys), mutating the nodes. */
export function interpolateDocument(doc: Document.Parsed, scope: InterpolationScope, source: SourceFile, skipTopLevelKey?: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  visit(doc, {
    Pair(_, pair, path) {
      if (skipTopLevelKey && path.length === 2 && isScalar(pair.key) && pair.key.value === skipTopLevelKey) return visit.SKIP;
      return undefined;
    },
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('${')) return;
      const base = (node.range?.[0] ?? 0) + quoteWidth(node);
      const result = interpolateString(node.value, scope, source, base);
      diagnostics.push(...result.diagnostics);
      node.value = result.value;
    },
  });
  return diagnostics;
}

function quoteWidth(node: Scalar): number {
  return node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
}
