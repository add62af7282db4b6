// plan/: where an ingest step's source is, in the three words the catalog and `lakec plan` show.
import type { IngestStep } from '../types/plan.js';

/**
 * `location` (a folder, an `s3://` prefix, or `postgres:<schema>`), `pattern` (the file glob; for
 * tables, the per-table file pattern; empty for postgres) and `file` (the mapping or tables file).
 */
export function sourceWhere(source: IngestStep['source']): { location: string; pattern: string; file: string } {
  switch (source.type) {
    case 'xml':
      return { location: source.location, pattern: source.pattern, file: source.mappingFile };
    case 'postgres':
      return { location: `postgres:${source.schema}`, pattern: '', file: source.tablesFile };
    default:
      return { location: source.location, pattern: source.pattern, file: source.tablesFile };
  }
}
