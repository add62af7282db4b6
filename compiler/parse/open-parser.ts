// parse/: the compiler's SqlParser: the fast TypeScript parser first (parse/fast/), DuckDB's own parser
// for whatever it declines. The fast parser builds exactly the tree DuckDB would (test/parse-fast checks
// it against DuckDB on every corpus), so which one parsed a model never shows in the plan.
import { fingerprintStatement } from './ast-fingerprint.js';
import { openDuckDbSqlParser } from './duckdb-sql-parser.js';
import { fastParseSelect } from './fast/fast-parse.js';
import type { ParsedQuery, SqlParser, SqlSyntaxError } from './sql-parser.js';
import { collectTableRefs } from './table-refs.js';
import { cacheKey, type CompileCache } from '../cache/compile-cache.js';

type Outcome = { ok: true; value: ParsedQuery } | { ok: false; error: SqlSyntaxError };

/** Counts of models parsed by each path, for timings and tests. */
export interface ParseStats {
  fast: number;
  engine: number;
}

/**
 * Opens the compiler's parser. With `engineOnly`, every statement goes to DuckDB. DuckDB is started on
 * the first statement the fast parser declines (syntax errors included: DuckDB owns their messages).
 * Fast-parsed statements keep no tree: `statement()` parses the text again (cheaper than holding
 * ~20× the SQL in memory for a 10,000-model project). With a `cache`, fast-parsed statements are
 * remembered by content, and a hit skips parsing until something asks for the tree.
 */
export function openParser(engineOnly = false, cache?: CompileCache): SqlParser & { readonly stats: ParseStats } {
  let engine: Promise<SqlParser> | undefined;
  const stats: ParseStats = { fast: 0, engine: 0 };
  const parseMany = async (sqls: readonly string[]): Promise<Outcome[]> => {
    const out: (Outcome | undefined)[] = new Array(sqls.length);
    const misses: number[] = [];
    for (let i = 0; i < sqls.length; i++) {
      const sql = sqls[i]!;
      const key = cache && !engineOnly ? cacheKey(sql) : undefined;
      const hit = key ? cache!.getParse(key) : undefined;
      if (hit) {
        stats.fast++;
        out[i] = { ok: true, value: { tableRefs: hit.tableRefs, astFingerprint: hit.astFingerprint, logic: hit.logic, statement: () => fastParseSelect(sql) } };
        continue;
      }
      const tree = engineOnly ? undefined : fastParseSelect(sql);
      if (tree === undefined) {
        misses.push(i);
        continue;
      }
      stats.fast++;
      const entry = { tableRefs: collectTableRefs(tree), ...fingerprintStatement(tree) };
      if (key) cache!.putParse(key, entry);
      out[i] = { ok: true, value: { ...entry, statement: () => fastParseSelect(sql) } };
    }
    if (misses.length) {
      const parsed = await (await (engine ??= openDuckDbSqlParser())).parseMany(misses.map((i) => sqls[i]!));
      misses.forEach((i, k) => (out[i] = parsed[k]!));
      stats.engine += misses.length;
    }
    return out as Outcome[];
  };
  return {
    stats,
    parseMany,
    async parseSelect(sql: string): Promise<Outcome> {
      return (await parseMany([sql]))[0]!;
    },
    async close(): Promise<void> {
      if (engine) await (await engine).close();
    },
  };
}
