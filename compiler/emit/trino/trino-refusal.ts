// emit/trino/: how translating to Trino gives up. Deep code throws a TrinoRefusal naming the construct it
// has no faithful Trino form for; the entry points (transpile-model.ts, trino-ddl.ts) catch it and turn it
// into a coded diagnostic (LK5005 for SQL, LK5006 for a column type) with the model file and position.

/**
 * A construct with no faithful Trino translation. `construct` is a short noun phrase for the message
 * (e.g. `function "list_sort"`), `reason` says why it is refused, and `offset` is the 0-based offset of
 * the construct in the SQL that was parsed (undefined when the parser recorded none).
 */
export class TrinoRefusal extends Error {
  readonly construct: string;
  readonly reason: string;
  readonly offset: number | undefined;
  constructor(construct: string, reason: string, offset?: number) {
    super(`${construct}: ${reason}`);
    this.name = 'TrinoRefusal';
    this.construct = construct;
    this.reason = reason;
    this.offset = offset;
  }
}

/** DuckDB's "no position" marker (uint64 max) after a JSON.parse round trip, and anything else non-finite. */
function locationOf(node: unknown): number | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const loc = (node as { query_location?: unknown }).query_location;
  return typeof loc === 'number' && Number.isSafeInteger(loc) && loc >= 0 ? loc : undefined;
}

/** Throws a TrinoRefusal for `construct` at the position of AST `node` (json_serialize_sql's shape). */
export function refuse(node: unknown, construct: string, reason: string): never {
  throw new TrinoRefusal(construct, reason, locationOf(node));
}
