// Test support: the Chinook tables (../shared/data/chinook/Chinook_PostgreSql.sql) as a postgres source
// of the plan would declare them, and their row counts (../shared/data/README.md).
import type { PlanTable, PostgresTablesSource } from '../../compiler/types/table-source.js';
import { LIBPQ_ENV } from '../../compiler/types/table-source.js';

const I = 'INTEGER';
const V = 'VARCHAR';
const T = 'TIMESTAMP';
const D = 'DECIMAL(10,2)';

/** dataset -> [columns as name:type pairs, primary key]. */
const CHINOOK: Record<string, [Record<string, string>, string[]]> = {
  album: [{ album_id: I, title: V, artist_id: I }, ['album_id']],
  artist: [{ artist_id: I, name: V }, ['artist_id']],
  customer: [{ customer_id: I, first_name: V, last_name: V, company: V, address: V, city: V, state: V, country: V, postal_code: V, phone: V, fax: V, email: V, support_rep_id: I }, ['customer_id']],
  employee: [{ employee_id: I, last_name: V, first_name: V, title: V, reports_to: I, birth_date: T, hire_date: T, address: V, city: V, state: V, country: V, postal_code: V, phone: V, fax: V, email: V }, ['employee_id']],
  genre: [{ genre_id: I, name: V }, ['genre_id']],
  invoice: [{ invoice_id: I, customer_id: I, invoice_date: T, billing_address: V, billing_city: V, billing_state: V, billing_country: V, billing_postal_code: V, total: D }, ['invoice_id']],
  invoice_line: [{ invoice_line_id: I, invoice_id: I, track_id: I, unit_price: D, quantity: I }, ['invoice_line_id']],
  media_type: [{ media_type_id: I, name: V }, ['media_type_id']],
  playlist: [{ playlist_id: I, name: V }, ['playlist_id']],
  playlist_track: [{ playlist_id: I, track_id: I }, ['playlist_id', 'track_id']],
  track: [{ track_id: I, name: V, album_id: I, media_type_id: I, genre_id: I, composer: V, milliseconds: I, bytes: I, unit_price: D }, ['track_id']],
};

/** Row counts of the Chinook tables. */
export const CHINOOK_ROWS: Readonly<Record<string, number>> = {
  album: 347, artist: 275, customer: 59, employee: 8, genre: 25, invoice: 412, invoice_line: 2240,
  media_type: 5, playlist: 18, playlist_track: 8715, track: 3503,
};

/** The Chinook tables as PlanTables (dataset = server table name), sorted by dataset. */
export function chinookTables(): PlanTable[] {
  return Object.entries(CHINOOK).map(([dataset, [cols, pk]]) => ({
    dataset, from: dataset, columns: Object.entries(cols).map(([name, type]) => ({ name, type })), primaryKey: pk,
  }));
}

/** A postgres source over Chinook's `public` schema with the standard libpq variables. */
export function chinookSource(tables: PlanTable[] = chinookTables()): PostgresTablesSource {
  return { type: 'postgres', schema: 'public', connection: LIBPQ_ENV, tablesFile: 'tables.yaml', tables };
}
