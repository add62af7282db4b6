// Test support: validates OpenLineage events against the schema files shipped in schemas/openlineage/
// (JSON Schema 2020-12, formats date-time/uri/uuid checked). Every event must follow the definition its
// `schemaURL` names, and every facet the one its `_schemaURL` names; a URL with no shipped schema is an
// error, so no facet goes unchecked.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { REPO } from './paths.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** A validator of whole events; `validate` returns one message per violation (empty when valid). */
export interface OpenLineageValidator {
  /** `$id`s of the schema files loaded. */
  readonly schemaIds: readonly string[];
  validate(event: unknown): string[];
}

/** Loads every `schemas/openlineage/*.json` and compiles validators on demand, keyed by schema URL. */
export function openLineageValidator(dir = join(REPO, 'schemas', 'openlineage')): OpenLineageValidator {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  const schemaIds: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    schemaIds.push(schema.$id);
  }
  const compiled = new Map<string, ValidateFunction>();
  const check = (url: string, value: unknown, where: string): string[] => {
    let fn = compiled.get(url);
    if (!fn) {
      try {
        fn = ajv.compile({ $ref: url });
      } catch (e) {
        return [`${where}: no shipped schema for ${url} (${(e as Error).message})`];
      }
      compiled.set(url, fn);
    }
    return fn(value) ? [] : (fn.errors ?? []).map((e) => `${where}${e.instancePath}: ${e.message} (${url})`);
  };
  const facets = (bag: unknown, where: string): string[] => {
    if (bag === undefined) return [];
    if (!bag || typeof bag !== 'object') return [`${where}: facets must be an object`];
    return Object.entries(bag as Record<string, { _schemaURL?: unknown }>).flatMap(([key, f]) => (typeof f?._schemaURL === 'string'
      ? check(f._schemaURL, f, `${where}.${key}`)
      : [`${where}.${key}: no _schemaURL`]));
  };
  return {
    schemaIds,
    validate(event: unknown): string[] {
      const e = event as { schemaURL?: unknown; run?: { facets?: unknown }; job?: { facets?: unknown }; inputs?: { facets?: unknown; inputFacets?: unknown }[]; outputs?: { facets?: unknown; outputFacets?: unknown }[] };
      if (typeof e?.schemaURL !== 'string') return ['event: no schemaURL'];
      return [
        ...check(e.schemaURL, event, 'event'),
        ...facets(e.run?.facets, 'run.facets'),
        ...facets(e.job?.facets, 'job.facets'),
        ...(e.inputs ?? []).flatMap((d, i) => [...facets(d.facets, `inputs[${i}].facets`), ...facets(d.inputFacets, `inputs[${i}].inputFacets`)]),
        ...(e.outputs ?? []).flatMap((d, i) => [...facets(d.facets, `outputs[${i}].facets`), ...facets(d.outputFacets, `outputs[${i}].outputFacets`)]),
      ];
    },
  };
}
