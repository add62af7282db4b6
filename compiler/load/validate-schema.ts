// load/: checks a YAML document against a JSON Schema with ajv and maps every error back to the
// YAML position it concerns, with a did-you-mean hint for unknown keys and enum values.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source-file.js';
import { suggestName } from '../diagnostics/did-you-mean.js';
import { nodeAt, nodeSpan } from './read-yaml.js';
import { schemaPath } from './package-root.js';
import * as pipelinesValidator from './generated/pipelines-validator.js';
import * as xmlMappingValidator from './generated/xml-mapping-validator.js';
import * as planValidator from './generated/plan-validator.js';
import * as tablesValidator from './generated/tables-validator.js';

/** ajv options; test/gen/gen-validators.mjs generates the precompiled validators with the same ones. */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false } as const;

interface GeneratedValidator { readonly schemaSha256: string; readonly validate: unknown }

/** Validators precompiled by ajv's standalone code generator (https://ajv.js.org/standalone.html). */
const GENERATED: Readonly<Record<string, GeneratedValidator>> = {
  'pipelines.schema.json': pipelinesValidator,
  'xml-mapping.schema.json': xmlMappingValidator,
  'plan.schema.json': planValidator,
  'tables.schema.json': tablesValidator,
};

const validators = new Map<string, ValidateFunction>();

/**
 * The ajv validator for `schemas/<name>` (cached per process). Uses the precompiled validator in
 * `generated/` when it was generated from the schema file as it is now (same sha256), which saves
 * compiling the schema at every start; otherwise compiles the schema with ajv.
 * @throws Error when the schema file cannot be read or is not a valid JSON Schema.
 */
export function schemaValidator(name: string): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    const text = readFileSync(schemaPath(name), 'utf8');
    const generated = GENERATED[name];
    v = generated && generated.schemaSha256 === createHash('sha256').update(text).digest('hex')
      ? (generated.validate as ValidateFunction)
      : compileWithAjv(text);
    validators.set(name, v);
  }
  return v;
}

/** Compiles a schema at run time; ajv is loaded only on this path. */
export function compileWithAjv(schemaText: string): ValidateFunction {
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
  return new Ajv(AJV_OPTIONS).compile(JSON.parse(schemaText) as object);
}

/**
 * Validates `value` (the document's JS form) against `schemas/<schemaName>`.
 * Returns diagnostics sorted by position: LK1003 for unknown keys, LK1002 for everything else.
 */
export function validateAgainstSchema(schemaName: string, value: unknown, doc: Document.Parsed, source: SourceFile): Diagnostic[] {
  const validate = schemaValidator(schemaName);
  if (validate(value)) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'if' || error.schemaPath.includes('/propertyNames/')) continue;
    const d = toDiagnostic(error, doc, source);
    const key = `${d.span?.start.offset}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0) || a.message.localeCompare(b.message));
}

function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function where(path: readonly (string | number)[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : 'the top level';
}

function toDiagnostic(error: ErrorObject, doc: Document.Parsed, source: SourceFile): Diagnostic {
  const path = pathOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String(params['additionalProperty']);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return {
        code: 'LK1003', severity: 'error', message: `unknown key "${extra}" in ${where(path)}`,
        span: nodeSpan(source, nodeAt(doc, [...path, extra], true)),
        hint: suggestName(extra, allowed, 'key') ?? 'remove it',
      };
    }
    case 'propertyNames': {
      const name = String(params['propertyName']);
      return {
        code: 'LK1002', severity: 'error', message: `invalid name "${name}" in ${where(path)}`,
        span: nodeSpan(source, nodeAt(doc, [...path, name], true)),
        hint: 'names are lower-case letters, digits and _, starting with a letter or _ (at most 63 characters)',
      };
    }
    case 'required': {
      const missing = String(params['missingProperty']);
      return {
        code: 'LK1002', severity: 'error', message: `missing required key "${missing}" in ${where(path)}`,
        span: nodeSpan(source, nodeAt(doc, path)),
        hint: `add "${missing}:"`,
      };
    }
    case 'enum': {
      const allowed = ((params['allowedValues'] as unknown[]) ?? []).map(String);
      // JSON for anything but a string: String() throws on an object whose `toString` key holds no function.
      const got = typeof error.data === 'string' ? error.data : JSON.stringify(error.data) ?? String(error.data);
      return {
        code: 'LK1002', severity: 'error', message: `"${got}" is not allowed for ${where(path)}`,
        span: nodeSpan(source, nodeAt(doc, path)),
        hint: suggestName(got, allowed, 'value') ?? `use one of ${allowed.join(', ')}`,
      };
    }
    default:
      return {
        code: 'LK1002', severity: 'error', message: `${where(path)} ${error.message ?? 'is invalid'}`,
        span: nodeSpan(source, nodeAt(doc, path)),
        hint: hintFor(error),
      };
  }
}

function hintFor(error: ErrorObject): string {
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  return description ? description.split('. ')[0]!.replace(/\.$/, '') : `see schema keyword "${error.keyword}"`;
}
