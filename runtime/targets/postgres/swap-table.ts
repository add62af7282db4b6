// targets/postgres: the catalog look-ups and the one transaction that puts a loaded staging table in
// place of the published one. Renames take an ACCESS EXCLUSIVE lock, so a reader either finishes on the
// old table before the swap or waits and then resolves the name again to the new one (PostgreSQL
// re-looks-up a relation name after waiting for its lock): it never sees a missing or half-loaded table.
import type pg from 'pg';
import type { TargetDialect } from '../../../compiler/types/target.js';
import { quoteIdent, quoteLiteral } from '../../engine/engine-adapter.js';
import type { TargetTableNames } from './target-ddl.js';

/** The comment a published table carries: `lakec run <runId>` (how a re-publication is recognised). */
export function runComment(runId: string): string {
  return `lakec run ${runId}`;
}

/**
 * The comment of table `schema.table`: undefined when there is no such table, null when it has none.
 * Uses pg_catalog only (pg_class, pg_namespace, pg_description), which Redshift has too.
 */
export async function tableComment(client: pg.Client, schema: string, table: string): Promise<string | null | undefined> {
  const r = await client.query<{ description: string | null }>(
    `SELECT d.description FROM pg_catalog.pg_class c
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_description d ON d.objoid = c.oid AND d.objsubid = 0 AND d.classoid = 'pg_catalog.pg_class'::regclass
     WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')`, [schema, table]);
  return r.rows.length === 0 ? undefined : r.rows[0]!.description;
}

/**
 * In one transaction: drop a leftover `<old>`; (postgres dialect) grant the staging table every
 * privilege others hold on the published table; rename the published table to `<old>` if it exists;
 * rename staging to the published name; comment it with runComment(runId); drop `<old>`. On any error
 * the transaction is rolled back and the published table is untouched. Renames use no `IF EXISTS`
 * (Redshift's ALTER TABLE has none): existence is read from the catalog inside the transaction.
 * @throws the driver's error (the caller maps it); a dependent view on the old table makes the DROP fail
 */
export async function swapTable(client: pg.Client, schema: string, names: TargetTableNames, runId: string, dialect: TargetDialect): Promise<void> {
  const q = (t: string): string => `${quoteIdent(schema)}.${quoteIdent(t)}`;
  await client.query('BEGIN');
  try {
    await client.query(`DROP TABLE IF EXISTS ${q(names.old)}`);
    const exists = (await tableComment(client, schema, names.table)) !== undefined;
    if (exists && dialect === 'postgres') await copyGrants(client, schema, names.table, q(names.staging));
    if (exists) await client.query(`ALTER TABLE ${q(names.table)} RENAME TO ${quoteIdent(names.old)}`);
    await client.query(`ALTER TABLE ${q(names.staging)} RENAME TO ${quoteIdent(names.table)}`);
    await client.query(`COMMENT ON TABLE ${q(names.table)} IS ${quoteLiteral(runComment(runId))}`);
    if (exists) await client.query(`DROP TABLE ${q(names.old)}`);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/**
 * Re-grants on `stagingQualified` the table privileges other roles hold on `schema.table`, so readers
 * keep access across the swap (information_schema.table_privileges, excluding the current user's own).
 */
async function copyGrants(client: pg.Client, schema: string, table: string, stagingQualified: string): Promise<void> {
  const r = await client.query<{ grantee: string; privilege_type: string; is_grantable: string }>(
    `SELECT grantee, privilege_type, is_grantable FROM information_schema.table_privileges
     WHERE table_schema = $1 AND table_name = $2 AND grantee <> current_user ORDER BY grantee, privilege_type`, [schema, table]);
  for (const g of r.rows) {
    if (!/^[A-Z][A-Z ]*$/.test(g.privilege_type)) continue;
    const grantee = g.grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(g.grantee);
    await client.query(`GRANT ${g.privilege_type} ON ${stagingQualified} TO ${grantee}${g.is_grantable === 'YES' ? ' WITH GRANT OPTION' : ''}`);
  }
}
