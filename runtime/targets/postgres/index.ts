// targets/postgres: publishes promoted datasets into a PostgreSQL (or Redshift) schema.
export { publishToPostgres, type PublishDataset, type PublishedTable, type PublishToPostgresOptions } from './publish-to-postgres.js';
export { targetDdl, targetTableNames, type TargetTableNames } from './target-ddl.js';
export { targetColumn, type TargetColumn } from './target-types.js';
export { runComment } from './swap-table.js';
