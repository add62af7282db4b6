// The one registry of diagnostic codes (TypeScript-style). Ranges follow phases:
// LK1xxx load/config, LK2xxx SQL parse, LK3xxx bind, LK4xxx check, LK5xxx plan/emit,
// LK6xxx runtime (LK61xx sources, LK62xx engine, LK63xx validation, LK64xx snapshots/promotion).
// Never reuse a retired code; add new ones at the end of their range.

/** Registered diagnostic codes with a short title each (the title is documentation, not the message). */
export const CODES = {
  // load / config
  LK1001: 'YAML syntax error',
  LK1002: 'spec does not match the schema',
  LK1003: 'unknown key in spec',
  LK1004: 'unknown variable reference',
  LK1005: 'invalid --var argument',
  LK1006: 'file referenced by the spec not found',
  LK1007: 'invalid XML mapping',
  LK1008: 'duplicate name',
  LK1009: 'path escapes the project or lake',
  LK1010: 'invalid model file name',
  LK1011: 'project manifest not found',
  LK1012: 'rate limit on a system models write to',
  LK1013: 'throttle for a system no stage uses',
  LK1014: 'credentials written into the spec',
  // SQL parse
  LK2001: 'SQL syntax error',
  LK2002: 'unsupported SQL statement',
  LK2003: 'invalid model header',
  // bind
  LK3001: 'unknown table',
  LK3002: 'dependency cycle',
  LK3003: 'two producers for one dataset',
  LK3004: 'unknown dataset in validation rule',
  LK3005: 'unknown layer',
  LK3006: 'unknown stage in control settings',
  LK3007: 'unknown dataset in target',
  // check
  LK4001: 'unknown column',
  LK4002: 'query does not bind',
  LK4003: 'ambiguous column',
  LK4004: 'duplicate output column',
  LK4005: 'contract column missing',
  LK4006: 'contract type changed',
  // plan / emit
  LK5001: 'plan does not match the plan schema',
  LK5002: 'unsupported plan format version',
  LK5003: 'stale plan: the active run moved since the plan was made',
  LK5004: 'stale plan: a model file changed since the plan was made',
  LK5005: 'SQL construct with no Trino translation',
  LK5006: 'column type with no Trino Hive-connector type',
  // runtime: sources
  LK6101: 'malformed XML',
  LK6102: 'corrupt or truncated gzip',
  LK6103: 'wrong dump for source',
  LK6104: 'value does not convert to the column type',
  LK6105: 'source file not found',
  LK6106: 'invalid UTF-8',
  LK6107: 'DTD or entity declaration refused',
  LK6108: 'XML limit exceeded',
  LK6109: 'no route to a source is available',
  // runtime: engine
  LK6201: 'SQL model failed in the engine',
  // runtime: validation
  LK6301: 'validation rule failed',
  LK6302: 'validation rule could not be evaluated',
  // runtime: snapshots / promotion / runs
  LK6401: 'unknown run',
  LK6402: 'nothing to roll back to',
  LK6403: 'run directory already exists',
  LK6404: 'lake is not usable',
  // runtime: control plane (kill switches, locks, timeouts, drift)
  LK6405: 'metadata store is locked by another process',
  LK6406: 'lake is locked by another apply',
  LK6407: 'stage cancelled by a kill switch',
  LK6408: 'stage timed out',
  LK6409: 'stage output differs from the plan (schema drift)',
  LK6410: 'run halted by a kill switch',
  LK6411: 'unknown control scope',
  LK6412: 'run interrupted before it finished (aborted)',
  // runtime: tools around the lake
  LK6501: 'cannot serve the docs site',
} as const;

/** A registered diagnostic code, e.g. `'LK3001'`. */
export type DiagnosticCode = keyof typeof CODES;
