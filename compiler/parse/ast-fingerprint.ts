// parse/: the content fingerprint of a statement tree, equal for edits that do not change meaning.
// crypto.hash: one-shot digest, about twice as fast as createHash for short inputs (Node >= 20.12).
import { hash } from 'node:crypto';
import { astLogic, type AstLogic } from './ast-logic.js';

/**
 * sha256 (lowercase hex) of the statement tree without its `query_location` members, so whitespace,
 * comment and keyword-case edits keep it. `statement` is json_serialize_sql's statements[0] as a JS
 * value (DuckDB emits members in a fixed order, so no key sorting is needed); both parsers produce
 * identical trees, so the fingerprint does not depend on which one parsed the model. Computed from
 * the statement's AstLogic (row logic plus select items, which together cover the whole tree), so
 * the tree is serialized once for both.
 */
export function astFingerprint(statement: unknown): string {
  return fingerprintStatement(statement).astFingerprint;
}

/** astFingerprint and astLogic of one statement tree, from one serialization. */
export function fingerprintStatement(statement: unknown): { astFingerprint: string; logic: AstLogic } {
  const logic = astLogic(statement);
  const fingerprint = logic.items ? hash('sha256', JSON.stringify([logic.rows, logic.items])) : logic.rows;
  return { astFingerprint: fingerprint, logic };
}
