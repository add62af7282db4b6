// parse/: the content fingerprint of a statement tree, equal for edits that do not change meaning.
import { createHash } from 'node:crypto';

/**
 * sha256 (lowercase hex) of the statement tree's JSON with every `query_location` member removed, so
 * whitespace, comment and keyword-case edits keep it. `statement` is json_serialize_sql's statements[0]
 * as a JS value (DuckDB emits members in a fixed order, so no key sorting is needed); both parsers
 * produce identical trees, so the fingerprint does not depend on which one parsed the model.
 */
export function astFingerprint(statement: unknown): string {
  const text = JSON.stringify(statement).replace(/"query_location":[0-9]+,?/g, '');
  return createHash('sha256').update(text).digest('hex');
}
