// cache/: results of parsing and typing models, kept between compiles so that re-planning after an edit
// only redoes the edited models and the ones whose inputs' schemas changed. Entries are keyed by
// content (sha256), never by file name or time, so a hit is always the result a fresh compile would
// compute; test/compiler/compile-cache.test.ts checks cached and uncached plans are byte-identical.
// crypto.hash: one-shot digest, about twice as fast as createHash for short inputs (Node >= 20.12).
import { hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { TableRef } from '../parse/sql-parser.js';
import type { AstLogic } from '../parse/ast-logic.js';
import type { ColumnLineage, LineageEdge } from '../types/lineage.js';
import type { ColumnSchema } from '../types/xml-mapping.js';
import { compilerBuildId } from './compiler-build-id.js';

/** Bump when the shape of an entry changes. */
const CACHE_FORMAT = 4;
/** File name inside the cache folder. */
const CACHE_FILE = 'compile-cache.json';

/** A parsed statement: what parse/ needs besides the tree (which the fast parser rebuilds on demand). */
export interface ParseEntry {
  readonly tableRefs: readonly TableRef[];
  readonly astFingerprint: string;
  readonly logic: AstLogic;
}

/** A typed model: its output columns and their lineage. */
export interface CheckEntry {
  readonly columns: readonly ColumnSchema[];
  readonly lineage: readonly ColumnLineage[];
}

/** On disk a column is `[name, type, [[source, type, subtype], …]]`: `sources` and `kind` follow from the edges. */
type StoredColumn = [string, string, [string, LineageEdge['type'], LineageEdge['subtype']][]];

/**
 * The file is JSON lines: a header `{"format", "build"}`, then one `["p", key, ParseEntry]` or
 * `["c", key, StoredColumn[]]` per entry, so it is written and read without one multi-MB string.
 */
type CacheLine = ['p', string, ParseEntry] | ['c', string, StoredColumn[]];

function store(entry: CheckEntry): StoredColumn[] {
  return entry.lineage.map((c) => [c.name, c.type, c.edges.map((e) => [e.source, e.type, e.subtype])]);
}

/** Rebuilds a CheckEntry exactly as check/lineage/query-lineage.ts builds it (members in canonical order). */
function restore(stored: readonly StoredColumn[]): CheckEntry {
  const lineage: ColumnLineage[] = stored.map(([name, type, tuples]) => {
    const edges: LineageEdge[] = tuples.map(([source, t, subtype]) => ({ source, subtype, type: t }) as LineageEdge);
    const direct = edges.filter((e) => e.type === 'DIRECT');
    const kind = direct.length === 1 && direct[0]!.subtype === 'IDENTITY' ? 'direct' : 'transform';
    return { edges, kind, name, sources: direct.map((e) => e.source), type };
  });
  return { columns: lineage.map((c) => ({ name: c.name, type: c.type })), lineage };
}

/**
 * An open compile cache. get* record which entries this compile used; save() writes only those
 * (so entries of deleted or edited models are dropped) by writing a temporary file and renaming it.
 * After save() the used entries are the cache's contents in memory, so one open cache can serve a
 * series of compiles in one process (`lakec plan --watch`) without reading the file again.
 */
export interface CompileCache {
  getParse(key: string): ParseEntry | undefined;
  putParse(key: string, entry: ParseEntry): void;
  getCheck(key: string): CheckEntry | undefined;
  putCheck(key: string, entry: CheckEntry): void;
  /**
   * Ends a compile: keeps the used entries as the contents for the next compile and, when they are
   * not exactly the entries already there (a lookup missed or an entry went unused) and the cache
   * writes each save, writes them to its folder. Never throws: a cache that cannot be written is only slower next time.
   */
  save(): void;
  /** Writes what the last save() kept, if it was not written yet (see writeEachSave). Never throws. */
  flush(): void;
}

/** sha256 hex of `text`: the content key of a cache entry. */
export function cacheKey(text: string): string {
  return hash('sha256', text);
}

/**
 * Opens the cache in `dir` (usually `<project>/.lakec/cache`); with `dir` undefined, a cache that
 * lives in memory only. With `writeEachSave: false` save() only keeps the entries in memory and
 * flush() writes them (a watch session writes once, when it ends, not after every re-plan).
 * A missing, unreadable, corrupt or foreign-format file, or one written by another compiler build,
 * is an empty cache.
 */
export function openCompileCache(dir: string | undefined, options: { readonly writeEachSave?: boolean } = {}): CompileCache {
  const writeEachSave = options.writeEachSave ?? true;
  let dirty = false;
  const build = compilerBuildId();
  let old = dir === undefined ? undefined : readCacheFile(join(dir, CACHE_FILE), build);
  let parse = new Map<string, ParseEntry>();
  let check = new Map<string, StoredColumn[]>();
  let added = false;
  const roll = (): void => {
    old = { parse, check };
    parse = new Map();
    check = new Map();
    added = false;
  };
  return {
    getParse(key) {
      const hit = old?.parse.get(key);
      if (hit) parse.set(key, hit);
      return hit;
    },
    putParse(key, entry) {
      added = true;
      parse.set(key, entry);
    },
    getCheck(key) {
      const hit = old?.check.get(key);
      if (hit) check.set(key, hit);
      return hit ? restore(hit) : undefined;
    },
    putCheck(key, entry) {
      added = true;
      check.set(key, store(entry));
    },
    save() {
      const unchanged = !added && old !== undefined && parse.size === old.parse.size && check.size === old.check.size;
      roll();
      if (unchanged) return;
      dirty = true;
      if (writeEachSave) this.flush();
    },
    flush() {
      if (dir === undefined || !dirty || !old) return;
      dirty = false;
      writeCacheFile(dir, build, old.parse, old.check);
    },
  };
}

/** Writes the entries to `<dir>/compile-cache.json` through a temporary file and a rename; never throws. */
function writeCacheFile(dir: string, build: string, parse: ReadonlyMap<string, ParseEntry>, check: ReadonlyMap<string, StoredColumn[]>): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${CACHE_FILE}.${process.pid}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      let chunk = JSON.stringify({ format: CACHE_FORMAT, build }) + '\n';
      const line = (l: CacheLine): void => {
        chunk += JSON.stringify(l) + '\n';
        if (chunk.length > 1 << 20) {
          writeSync(fd, chunk);
          chunk = '';
        }
      };
      for (const [k, v] of parse) line(['p', k, v]);
      for (const [k, v] of check) line(['c', k, v]);
      writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(dir, CACHE_FILE));
  } catch {
    // Read-only project or full disk: compiling still worked; the next compile recomputes.
  }
}

/** Reads a cache file; undefined when missing, unreadable, corrupt, of another format or another build. */
function readCacheFile(path: string, build: string): { parse: Map<string, ParseEntry>; check: Map<string, StoredColumn[]> } | undefined {
  try {
    const lines = readFileSync(path, 'utf8').split('\n');
    const header = JSON.parse(lines[0] ?? '') as { format?: number; build?: string };
    if (header.format !== CACHE_FORMAT || header.build !== build) return undefined;
    const parse = new Map<string, ParseEntry>();
    const check = new Map<string, StoredColumn[]>();
    for (let i = 1; i < lines.length; i++) {
      if (!lines[i]) continue;
      const l = JSON.parse(lines[i]!) as CacheLine;
      if (l[0] === 'p') parse.set(l[1], l[2]);
      else if (l[0] === 'c') check.set(l[1], l[2]);
      else return undefined;
    }
    return { parse, check };
  } catch {
    return undefined;
  }
}
