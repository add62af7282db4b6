// parse/: splits a statement's fingerprint into its row logic and one fingerprint per outermost select
// item, so plan/ can tell "a column was added" from "the rows changed" (issue: column-aware fingerprints).
// crypto.hash: one-shot digest, about twice as fast as createHash for short inputs (Node >= 20.12).
import { hash } from 'node:crypto';
import { DUCKDB_AGGREGATE_FUNCTIONS } from '../check/lineage/aggregate-functions.js';

/**
 * The row logic of a statement and its outermost select items, as fingerprints.
 * - `rows`: sha256 hex of the tree without the outermost select list when `items` is set (the list
 *   cannot change which rows come out), else of the whole tree.
 * - `items`: per outermost select item, the first 16 hex chars of the sha256 of the item's tree
 *   (alias included); null when the select list takes part in the row logic (see splitsRows).
 * - `star`: index of the one `*` / `COLUMNS(…)` item in `items`, which stands for several output
 *   columns; -1 when there is none.
 * Positions (`query_location`) are left out, so whitespace, comment and keyword-case edits keep every
 * fingerprint. Input: json_serialize_sql's statements[0] shape (both parsers build it).
 */
export interface AstLogic {
  readonly rows: string;
  readonly items: readonly string[] | null;
  readonly star: number;
}

const SET_RETURNING = new Set(['unnest', 'unlist']);

/** Computes AstLogic for a statement tree. Never throws on an unexpected shape: it answers `items: null`. */
export function astLogic(statement: unknown): AstLogic {
  const node = (statement as { node?: Record<string, unknown> } | null)?.node;
  const split = node ? splitsRows(node) : undefined;
  if (!node || !split) return { rows: sha(stringify({ split: false, statement })), items: null, star: -1 };
  const list = node['select_list'] as unknown[];
  const rows = sha(stringify({ split: true, statement: { ...(statement as object), node: { ...node, select_list: [] } } }));
  return { rows, items: list.map((item) => sha(stringify(item)).slice(0, 16)), star: split.star };
}

/**
 * Whether the outermost select list of a SELECT node leaves its rows alone, so that its items can be
 * fingerprinted apart. It does not when the node is a set operation, uses DISTINCT, GROUP BY ALL, a
 * set-returning function (unnest) in the list, an aggregate without GROUP BY (the list decides between
 * one row and many), more than one star, or when another clause refers to a select alias or position.
 */
function splitsRows(node: Record<string, unknown>): { star: number } | undefined {
  if (node['type'] !== 'SELECT_NODE' || !Array.isArray(node['select_list'])) return undefined;
  const modifiers = (node['modifiers'] as { type?: string }[] | undefined) ?? [];
  if (modifiers.some((m) => m.type === 'DISTINCT_MODIFIER')) return undefined;
  if (node['aggregate_handling'] !== 'STANDARD_HANDLING') return undefined;
  const list = node['select_list'] as Record<string, unknown>[];
  const stars = list.flatMap((item, i) => (item['class'] === 'STAR' ? [i] : []));
  if (stars.length > 1) return undefined;
  const groups = (node['group_expressions'] as unknown[] | undefined) ?? [];
  let setReturning = false;
  let aggregate = false;
  for (const item of list) {
    walk(item, (n) => {
      if (n['class'] === 'FUNCTION' && typeof n['function_name'] === 'string') {
        const name = n['function_name'].toLowerCase();
        if (SET_RETURNING.has(name)) setReturning = true;
        if (DUCKDB_AGGREGATE_FUNCTIONS.has(name)) aggregate = true;
      }
      // An aggregate inside a window (OVER) or a subquery does not aggregate this node's rows.
      return n['class'] !== 'WINDOW' && n['class'] !== 'SUBQUERY';
    });
  }
  if (setReturning || (aggregate && !groups.length)) return undefined;
  const aliases = new Set(list.map((i) => String(i['alias'] ?? '').toLowerCase()).filter(Boolean));
  let refersToList = false;
  const clauses = [node['where_clause'], groups, node['having'], node['qualify'], modifiers];
  for (const clause of clauses) {
    walk(clause, (n) => {
      const names = n['column_names'];
      if (n['class'] === 'COLUMN_REF' && Array.isArray(names) && names.length === 1 && aliases.has(String(names[0]).toLowerCase())) refersToList = true;
      return n['class'] !== 'SUBQUERY';
    });
  }
  const positional = (e: unknown): boolean => (e as { class?: string } | null)?.class === 'CONSTANT';
  if (groups.some(positional)) return undefined;
  for (const m of modifiers as { type?: string; orders?: { expression?: unknown }[] }[]) {
    if (m.type === 'ORDER_MODIFIER' && (m.orders ?? []).some((o) => positional(o.expression))) return undefined;
  }
  return refersToList ? undefined : { star: stars[0] ?? -1 };
}

/** Depth-first over plain objects and arrays; `visit` returns false to skip a node's children. */
function walk(value: unknown, visit: (node: Record<string, unknown>) => boolean): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as Record<string, unknown>;
  if (!visit(node)) return;
  for (const key in node) {
    const v = node[key];
    if (v !== null && typeof v === 'object') walk(v, visit);
  }
}

function stringify(value: unknown): string {
  return JSON.stringify(value).replace(/"query_location":[0-9]+,?/g, '');
}

function sha(text: string): string {
  return hash('sha256', text);
}
