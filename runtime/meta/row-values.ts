// meta/: decoding values of engine rows (see EngineAdapter.query) into plain JS, and the SQL that
// makes timestamps come back as ISO-8601 strings.
import { quoteIdent } from '../engine/engine-adapter.js';

/** SQL selecting TIMESTAMP column `column` as UTC ISO-8601 text with milliseconds and `Z`, named `column`. */
export function isoColumn(column: string): string {
  return `strftime(${quoteIdent(column)}, '%Y-%m-%dT%H:%M:%S.%gZ') AS ${quoteIdent(column)}`;
}

/** SQL selecting list column `column` as JSON text, named `column`; decode with jsonList. */
export function jsonColumn(column: string): string {
  return `CAST(to_json(${quoteIdent(column)}) AS VARCHAR) AS ${quoteIdent(column)}`;
}

/** A string, or null for SQL NULL. */
export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** A number (BIGINT arrives as bigint; converted, exact up to 2^53), or null for SQL NULL. */
export function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A boolean, or null for SQL NULL. */
export function booleanOrNull(value: unknown): boolean | null {
  return value === null || value === undefined ? null : Boolean(value);
}

/** The string array of a column selected with jsonColumn, or null for SQL NULL. */
export function jsonList(value: unknown): string[] | null {
  return value === null || value === undefined ? null : (JSON.parse(String(value)) as string[]);
}
