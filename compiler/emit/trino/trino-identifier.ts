// emit/trino/: spelling identifiers and string literals for Trino.
// @see https://trino.io/docs/current/language/reserved.html (reserved keywords)
// @see https://trino.io/docs/current/language/types.html#varchar (string literals)

/**
 * Words that must be quoted to be used as an identifier: Trino's reserved keywords, plus those of
 * node-sql-parser's `trino` grammar (the test oracle; quoting them is harmless in Trino).
 */
const RESERVED: ReadonlySet<string> = new Set([
  // Trino
  'alter', 'and', 'as', 'between', 'by', 'case', 'cast', 'constraint', 'create', 'cross', 'cube', 'current_catalog',
  'current_date', 'current_path', 'current_role', 'current_schema', 'current_time', 'current_timestamp', 'current_user',
  'deallocate', 'delete', 'describe', 'distinct', 'drop', 'else', 'end', 'escape', 'except', 'execute', 'exists',
  'extract', 'false', 'for', 'from', 'full', 'function', 'group', 'grouping', 'having', 'in', 'inner', 'insert',
  'intersect', 'into', 'is', 'join', 'json_array', 'json_exists', 'json_object', 'json_query', 'json_table', 'json_value',
  'left', 'like', 'listagg', 'localtime', 'localtimestamp', 'natural', 'normalize', 'not', 'null', 'on', 'or', 'order',
  'outer', 'prepare', 'recursive', 'right', 'rollup', 'select', 'skip', 'table', 'then', 'trim', 'true', 'uescape',
  'union', 'unnest', 'using', 'values', 'when', 'where', 'with',
  // node-sql-parser's trino grammar
  'add', 'all', 'asc', 'call', 'contains', 'desc', 'explain', 'global', 'json', 'limit', 'local', 'nulls', 'offset',
  'persist', 'persist_only', 'rename', 'rows', 'session', 'session_user', 'set', 'show', 'system_user', 'truncate',
  'update', 'window',
  // type names that start typed literals (DATE '…'), quoted so a column of that name never reads as one
  'date', 'time', 'timestamp', 'interval',
]);

const PLAIN = /^[a-z_][a-z0-9_]*$/;

/**
 * An identifier as Trino reads it: bare when it is lower-case letters, digits and `_` (not starting with
 * a digit) and not a reserved word, else double-quoted with `"` doubled. Trino folds unquoted names to
 * lower case, so a name with capitals is quoted to keep it as written.
 */
export function quoteIdent(name: string): string {
  if (PLAIN.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** A dotted name (`catalog.schema.table`), each part through quoteIdent. */
export function qualifiedName(...parts: readonly string[]): string {
  return parts.map(quoteIdent).join('.');
}

/** A VARCHAR literal: single-quoted, `'` doubled. Any other character (newlines included) stands as itself. */
export function quoteString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
