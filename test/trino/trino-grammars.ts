// Test support for test/trino: the two Trino-dialect parsers generated SQL is checked with.
// - node-sql-parser's `trino` grammar (https://github.com/taozhi8833998/node-sql-parser): the acceptance
//   oracle. It is derived from its PostgreSQL grammar and lacks parts of Trino (table properties
//   `WITH (…)`, ARRAY/ROW/VARBINARY column types, scalar subqueries inside expressions).
// - dt-sql-parser's TrinoSQL (https://github.com/DTStack/dt-sql-parser), an ANTLR parser generated from
//   Trino's own grammar (SqlBase.g4): it reads all of Trino and rejects DuckDB-only syntax.
import { TrinoSQL } from 'dt-sql-parser';
import nodeSqlParser from 'node-sql-parser';

const nsp = new nodeSqlParser.Parser();
const trino = new TrinoSQL();

/** The error node-sql-parser's trino grammar reports for `sql`, or undefined when it parses. */
export function nodeSqlParserError(sql: string): string | undefined {
  try {
    nsp.astify(sql, { database: 'trino' });
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message.slice(0, 300) : String(e);
  }
}

/** The first error of the Trino grammar (dt-sql-parser) for `sql`, or undefined when it parses. */
export function trinoGrammarError(sql: string): string | undefined {
  const errors = trino.validate(sql);
  return errors.length ? `${errors[0]!.startLine}:${errors[0]!.startColumn}: ${errors[0]!.message}` : undefined;
}
