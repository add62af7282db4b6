// parse/: the SQL a model step executes, read back from its file at apply time. The plan holds only the
// model's AST fingerprint, so a plan stays byte-identical when a model is reformatted; apply re-reads
// the file and runs it only if it still means what the plan says.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { splitModelStatement } from './model-statement.js';
import type { SqlParser } from './sql-parser.js';

/** A model file's executable SELECT and its AST fingerprint, or why it cannot be used. */
export type ModelSql =
  | { readonly ok: true; readonly sql: string; readonly astFingerprint: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads `<projectDir>/<file>` and returns its SELECT (the body of `CREATE … AS` / `INSERT INTO …`
 * forms, without a trailing `;`) with its AST fingerprint, parsed with `parser` (the compiler's, from
 * parse/open-parser.ts: fast first, DuckDB only for what it declines; the caller opens one for many
 * files and closes it). Never throws: an unreadable file or a syntax error is `ok: false`.
 */
export async function readModelSql(projectDir: string, file: string, parser: SqlParser): Promise<ModelSql> {
  let text: string;
  try {
    text = await readFile(join(projectDir, file), 'utf8');
  } catch (e) {
    return { ok: false, reason: `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const body = splitModelStatement(text).body;
  const parsed = await parser.parseSelect(body);
  if (!parsed.ok) return { ok: false, reason: `${file} no longer parses: ${parsed.error.message}` };
  return { ok: true, sql: body.trim().replace(/;\s*$/, ''), astFingerprint: parsed.value.astFingerprint };
}
