// Data only: where promoted datasets are published beyond the lake (pipelines.yaml `targets:`).
import type { PostgresConnectionEnv } from './table-source.js';

/** DDL dialects a postgres target can emit: PostgreSQL itself, or Amazon Redshift's subset. */
export const TARGET_DIALECTS = ['postgres', 'redshift'] as const;
export type TargetDialect = (typeof TARGET_DIALECTS)[number];

/**
 * A PostgreSQL (or Redshift) schema that chosen datasets are published into after each promotion:
 * each loaded into a staging table, then swapped in by renames in one transaction, so readers see
 * either the old table or the new one, never a half-loaded one.
 */
export interface PlanTarget {
  /** `<pipeline>.<target>`. */
  readonly id: string;
  readonly pipeline: string;
  readonly type: 'postgres';
  /** Schema on the server (created if missing). */
  readonly schema: string;
  readonly dialect: TargetDialect;
  /** Datasets published, sorted; each becomes a table of the same name. */
  readonly datasets: readonly string[];
  /** The system the target is, for throttles and the schedule (default `postgres`). */
  readonly system: string;
  readonly connection: PostgresConnectionEnv;
}
