// validate/: SQL fragments shared by the rule kinds. Every identifier goes through quoteIdent and
// every user value through quoteLiteral; nothing from a rule is pasted into SQL unquoted.
import { InternalError } from '../../compiler/diagnostics/diagnostic.js';
import { quoteIdent, type Row } from '../engine/engine-adapter.js';

/** Most example keys/values a rule reports. */
export const EXAMPLE_LIMIT = 5;

/** Internal aliases `k0..k{n-1}` for an n-column key, so user column names appear only once, quoted. */
export function keyAliases(width: number): string[] {
  return Array.from({ length: width }, (_, i) => `k${i}`);
}

/** `"a" AS k0, "b" AS k1`: selects user columns under the internal key aliases. */
export function selectAsKeys(columns: readonly string[]): string {
  return columns.map((c, i) => `${quoteIdent(c)} AS k${i}`).join(', ');
}

/** `k0 IS NOT NULL AND k1 IS NOT NULL` (optionally qualified by `alias.`). */
export function keysNotNull(width: number, alias?: string): string {
  const q = alias === undefined ? '' : `${alias}.`;
  return keyAliases(width).map((k) => `${q}${k} IS NOT NULL`).join(' AND ');
}

/**
 * A CTE body ranking the groups of `from` (columns `k0..`, `n`) most frequent first, then by key
 * ascending in the key's own type (so 9 sorts before 10), with the keys rendered as VARCHAR.
 * Output columns: `e0..`, `e_n` (rows in the group), `e_ord` (1-based rank).
 */
export function rankedExamples(from: string, width: number): string {
  const keys = keyAliases(width);
  const rendered = keys.map((k, i) => `CAST(${k} AS VARCHAR) AS e${i}`).join(', ');
  return `SELECT ${rendered}, n AS e_n, row_number() OVER (ORDER BY n DESC, ${keys.join(', ')}) AS e_ord FROM ${from}`;
}

/**
 * The final SELECT of a query with `summary` (one row) and `ranked` CTEs: the summary row repeated
 * beside each of the first EXAMPLE_LIMIT examples, or once with NULL example columns when there are none.
 */
export const SUMMARY_WITH_EXAMPLES =
  `SELECT * FROM summary LEFT JOIN (SELECT * FROM ranked WHERE e_ord <= ${EXAMPLE_LIMIT}) AS ex ON true ` +
  `ORDER BY ex.e_ord`;

/**
 * Reads a count column (BIGINT/HUGEINT arrive as bigint).
 * @throws InternalError when the column is missing or not numeric.
 */
export function readCount(row: Row | undefined, column: string): number {
  const v = row?.[column];
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  throw new InternalError(`expected a count in column ${column}, got ${String(v)}`);
}

/** One example group: the key rendered as text per column (NULL as null) and its row count. */
export interface ExampleGroup {
  readonly key: readonly (string | null)[];
  readonly rows: number;
}

/** Extracts the example groups from rows shaped by SUMMARY_WITH_EXAMPLES, in rank order. */
export function readExamples(rows: readonly Row[], width: number): ExampleGroup[] {
  const groups: ExampleGroup[] = [];
  for (const row of rows) {
    if (row['e_ord'] === null || row['e_ord'] === undefined) continue;
    const key = keyAliases(width).map((_, i) => {
      const v = row[`e${i}`];
      return v === null || v === undefined ? null : String(v);
    });
    groups.push({ key, rows: readCount(row, 'e_n') });
  }
  return groups;
}
