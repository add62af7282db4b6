// meta/: the metadata store `<lake>/_meta/lakec.duckdb` (entry module): the catalog tables plus control
// tables (kill switches, retry policies, healing actions, audit log, settings), readable and writable
// with plain SQL by operators. Every access goes through withMetaStore. Tables: docs/metadata-store.md.
export { withMetaStore, isMetaStoreLocked, DEFAULT_META_WAIT_MS, type MetaStoreOptions } from './with-meta-store.js';
export { CATALOG_TABLES, CONTROL_TABLES, META_SCHEMA_VERSION, type MetaTable, type ColumnTypes } from './meta-schema.js';
export { syncPlanToMeta } from './sync-plan.js';
export { readControl, queryControlFlags, type MetaControl } from './read-control.js';
export { setControlFlag, type ControlFlagChange } from './set-control-flag.js';
export { effectiveDisabled, stageDisabledBy, type DisabledScope } from './effective-disabled.js';
export { mergeRetryPolicies, healingActions } from './merge-control.js';
export { exchangeWithMeta } from './exchange-with-meta.js';
export { appendAudit, readAuditLog, type AuditFilter } from './audit-log.js';
export { readSetting, writeSetting } from './settings.js';
export { readCatalogScopes, type CatalogScopes } from './read-catalog-scopes.js';
export { SPEC_AUTHOR, type ControlFlagRow, type ControlOrigin, type RetryPolicyRow, type HealingActionRow } from './control-rows.js';
