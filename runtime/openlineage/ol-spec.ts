// openlineage/: the OpenLineage spec versions lakec's events follow: the URL of each schema an event or
// facet names in `schemaURL` / `_schemaURL`, and who produced them.
// @see https://openlineage.io/docs/spec/object-model and https://openlineage.io/docs/spec/facets/
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../compiler/load/package-root.js';

const SPEC = 'https://openlineage.io/spec';

/** `schemaURL` of every event: the RunEvent definition of OpenLineage 2-0-2. */
export const RUN_EVENT_SCHEMA_URL = `${SPEC}/2-0-2/OpenLineage.json#/$defs/RunEvent`;

/** `_schemaURL` of each standard facet lakec emits, by facet key. */
export const FACET_SCHEMA_URLS = {
  schema: `${SPEC}/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet`,
  columnLineage: `${SPEC}/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet`,
  dataQualityAssertions: `${SPEC}/facets/1-0-1/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet`,
  outputStatistics: `${SPEC}/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet`,
  version: `${SPEC}/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet`,
  parent: `${SPEC}/facets/1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet`,
  errorMessage: `${SPEC}/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet`,
  processing_engine: `${SPEC}/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet`,
  jobType: `${SPEC}/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet`,
  sql: `${SPEC}/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet`,
} as const;

/** `_schemaURL` of lakec's own run facet `lakec_run` (schemas/openlineage/LakecRunFacet.json). */
export const LAKEC_RUN_FACET_SCHEMA_URL = 'https://lakec.dev/schemas/openlineage/LakecRunFacet.json#/$defs/LakecRunFacet';

let version: string | undefined;
/** lakec's version from package.json (read once). */
export function lakecVersion(): string {
  version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** `producer` of every event and `_producer` of every facet: a URI naming lakec and its version. */
export function producerUri(): string {
  return `https://lakec.dev/lakec/${lakecVersion()}`;
}
