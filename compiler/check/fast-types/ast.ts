// check/fast-types/: checked reads of DuckDB's serialized AST (json_serialize_sql). The AST arrives as
// `unknown`; every read checks the shape it expects and declines otherwise, so malformed input can only
// make the inferer give up.
// @see https://duckdb.org/docs/stable/data/json/sql_to_and_from_json
import { decline } from './decline.js';

/** A JSON object of the AST. */
export type AstNode = { readonly [key: string]: unknown };

/** `value` as an object node, or decline. */
export function asNode(value: unknown): AstNode {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) decline();
  return value as AstNode;
}

/** `node[key]` as a string, or decline. */
export function str(node: AstNode, key: string): string {
  const v = node[key];
  if (typeof v !== 'string') decline();
  return v;
}

/** `node[key]` as an array, or decline. */
export function arr(node: AstNode, key: string): readonly unknown[] {
  const v = node[key];
  if (!Array.isArray(v)) decline();
  return v;
}

/** `node[key]` as an object node, or undefined when it is null or absent; declines on anything else. */
export function optNode(node: AstNode, key: string): AstNode | undefined {
  const v = node[key];
  if (v === null || v === undefined) return undefined;
  return asNode(v);
}

/** `node[key]` as an object node, or decline. */
export function child(node: AstNode, key: string): AstNode {
  return asNode(node[key]);
}

/** `node[key]` as an array of strings, or decline. */
export function strings(node: AstNode, key: string): readonly string[] {
  const v = arr(node, key);
  for (const s of v) if (typeof s !== 'string') decline();
  return v as readonly string[];
}

/** Declines unless `node[key]` is null, absent, an empty array, false or an empty string. */
export function requireEmpty(node: AstNode, key: string): void {
  const v = node[key];
  if (v === null || v === undefined || v === false || v === '') return;
  if (Array.isArray(v) && v.length === 0) return;
  decline();
}
