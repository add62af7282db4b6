// sources/postgres: reads the server's catalog for the declared tables and checks every declared column
// against it before a row is read, so drift fails fast and names what changed.
import type pg from 'pg';
import { LakecError } from '../../../compiler/diagnostics/diagnostic.js';
import type { PlanTable } from '../../../compiler/types/table-source.js';
import { acceptsServerType, duckDbTypeOf, serverTypeName, type ServerColumn } from './server-type-map.js';

/**
 * information_schema.columns lists the columns the current role may use
 * (https://www.postgresql.org/docs/current/infoschema-columns.html); pg_type adds the type kind (enum).
 */
const CATALOG_SQL = `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.numeric_precision, c.numeric_scale, t.typtype
FROM information_schema.columns c
LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = c.udt_schema
LEFT JOIN pg_catalog.pg_type t ON t.typname = c.udt_name AND t.typnamespace = n.oid
WHERE c.table_schema = $1 AND c.table_name = ANY($2::text[])
ORDER BY c.table_name, c.ordinal_position`;

interface CatalogRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  numeric_precision: number | string | null;
  numeric_scale: number | string | null;
  typtype: string | null;
}

/**
 * The server columns of each declared table (table name → columns in server order), after checking
 * that every declared column exists and its server type fits the declared DuckDB type
 * (acceptsServerType).
 * @param where the source, for messages, e.g. `postgres source "shop.chinook" (postgres://h:5432/db)`
 * @throws LakecError LK6105 when a table is missing (or not visible to the role); LK6409 (schema drift)
 *   when a declared column is missing or its server type does not fit, naming table, column, server
 *   type and declared type.
 */
export async function checkServerColumns(client: pg.Client, schema: string, tables: readonly PlanTable[], where: string, tablesFile: string): Promise<Map<string, ServerColumn[]>> {
  const names = [...new Set(tables.filter((t) => t.query === undefined).map((t) => t.from))];
  const result = await client.query<CatalogRow>(CATALOG_SQL, [schema, names]);
  const byTable = new Map<string, ServerColumn[]>();
  for (const r of result.rows) {
    const cols = byTable.get(r.table_name) ?? [];
    cols.push({ name: r.column_name, dataType: r.data_type, udtName: r.udt_name, typtype: r.typtype ?? undefined, precision: numericPart(r, r.numeric_precision), scale: numericPart(r, r.numeric_scale) });
    byTable.set(r.table_name, cols);
  }
  for (const table of tables) {
    if (table.query !== undefined) byTable.set(table.from, await queryColumns(client, table, where, tablesFile));
    const server = byTable.get(table.from);
    if (server === undefined) {
      throw new LakecError({ code: 'LK6105', severity: 'error', message: `${where}: table "${schema}.${table.from}" (dataset "${table.dataset}") not found`, hint: `check the table name and schema in ${tablesFile}, and that the role may SELECT from it` });
    }
    for (const col of table.columns) checkColumn(table, col, server, schema, where, tablesFile);
  }
  return byTable;
}

/** A numeric column's precision or scale (cardinal_number may arrive as text); null for other types. */
function numericPart(r: CatalogRow, v: number | string | null): number | null {
  return r.udt_name === 'numeric' && v !== null ? Number(v) : null;
}

/**
 * The result columns of a table's `query`, from the row description of `SELECT * FROM (query) LIMIT 0`
 * (no rows read): names, pg_type names by OID, and numeric precision/scale from the type modifier
 * (`((typmod - 4) >> 16) & 0xffff`, `(typmod - 4) & 0xffff`; PostgreSQL's numeric.c).
 * @throws LakecError LK6409 when the query does not run (a column or table it names is gone).
 */
async function queryColumns(client: pg.Client, table: PlanTable, where: string, tablesFile: string): Promise<ServerColumn[]> {
  let fields: pg.FieldDef[];
  try {
    fields = (await client.query(`SELECT * FROM (${table.query!}) AS lakec_query LIMIT 0`)).fields;
  } catch (e) {
    throw new LakecError({ code: 'LK6409', severity: 'error', message: `${where}: the query of table "${table.dataset}" does not run: ${(e as Error).message}`, hint: `fix the query in ${tablesFile}` });
  }
  const types = await client.query<{ oid: number; typname: string; typtype: string }>('SELECT oid::int AS oid, typname, typtype FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])', [fields.map((f) => f.dataTypeID)]);
  const byOid = new Map(types.rows.map((t) => [Number(t.oid), t]));
  return fields.map((f) => {
    const t = byOid.get(f.dataTypeID);
    const udtName = t?.typname ?? 'unknown';
    const numeric = udtName === 'numeric' && f.dataTypeModifier >= 4;
    return {
      name: f.name, dataType: t?.typtype === 'e' ? 'USER-DEFINED' : udtName.startsWith('_') ? 'ARRAY' : udtName, udtName, typtype: t?.typtype,
      precision: numeric ? ((f.dataTypeModifier - 4) >> 16) & 0xffff : null, scale: numeric ? (f.dataTypeModifier - 4) & 0xffff : null,
    };
  });
}

function checkColumn(table: PlanTable, col: { name: string; type: string }, server: readonly ServerColumn[], schema: string, where: string, tablesFile: string): void {
  const found = server.find((s) => s.name === col.name);
  const qualified = `"${schema}.${table.from}"`;
  if (found === undefined) {
    throw new LakecError({ code: 'LK6409', severity: 'error', message: `${where}: table ${qualified} has no column "${col.name}" (declared ${col.type} in ${tablesFile})`, hint: `server columns: ${server.map((s) => s.name).join(', ')}` });
  }
  if (acceptsServerType(found, col.type)) return;
  const mapped = duckDbTypeOf(found);
  throw new LakecError({
    code: 'LK6409', severity: 'error',
    message: `${where}: column "${col.name}" of table ${qualified} is ${serverTypeName(found)} on the server, which does not fit the declared ${col.type}`,
    hint: mapped ? `declare it as ${mapped} in ${tablesFile}` : `lakec cannot read ${serverTypeName(found)} columns; leave the column out of ${tablesFile}`,
  });
}
