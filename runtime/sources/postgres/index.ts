// sources/postgres: reads the declared tables of a PostgreSQL schema into bronze Parquet.
export { ingestPostgres, type IngestPostgresOptions, type IngestPostgresResult, type PostgresIngestProgress } from './ingest-postgres.js';
export { connectPostgres, resolvePostgresConnection, type EnvValues, type ResolvedConnection } from './postgres-connection.js';
export { isPostgresError, postgresFailure } from './postgres-failure.js';
export { redactSecrets, redactedError } from './redact-secrets.js';
export { acceptsServerType, duckDbTypeOf, type ServerColumn } from './server-type-map.js';
