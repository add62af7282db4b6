// Hostile-input corpus: builders of hostile files, and helpers that plant them in a case's workspace.
import { createWriteStream, readFileSync, rmSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip, gzipSync } from 'node:zlib';
import type { CaseWorkspace } from './hostile-case.js';

/** The four Discogs dumps of the example project. */
export type DumpKind = 'artists' | 'labels' | 'masters' | 'releases';

/** File name of the example dump of `kind` (plain `.xml` or gzipped `.xml.gz`). */
export function dumpName(kind: DumpKind, gzip = true): string {
  return `discogs_20200101_${kind}.xml${gzip ? '.gz' : ''}`;
}

/** Replaces the dump of `kind` in `ws.dumps` by `content` (gzipped unless `gzip` is false). */
export function replaceDump(ws: CaseWorkspace, kind: DumpKind, content: string | Buffer, gzip = true): void {
  removeDump(ws, kind);
  writeFileSync(join(ws.dumps, dumpName(kind, gzip)), gzip ? gzipSync(content) : content);
}

/** Writes raw `bytes` (not gzipped by this helper) as the dump file `name` of `kind`. */
export function replaceDumpBytes(ws: CaseWorkspace, kind: DumpKind, bytes: Buffer, gzip = true): void {
  removeDump(ws, kind);
  writeFileSync(join(ws.dumps, dumpName(kind, gzip)), bytes);
}

/** The gzipped bytes of the example dump of `kind` as the workspace holds it. */
export function dumpBytes(ws: CaseWorkspace, kind: DumpKind): Buffer {
  return readFileSync(join(ws.dumps, dumpName(kind)));
}

/**
 * Streams `chunks` through gzip into the dump of `kind`: how multi-megabyte hostile dumps are made
 * without holding them in memory or committing them.
 */
export async function streamDump(ws: CaseWorkspace, kind: DumpKind, chunks: Iterable<string | Buffer>): Promise<void> {
  removeDump(ws, kind);
  await pipeline(Readable.from(chunks), createGzip({ level: constants.Z_BEST_SPEED }), createWriteStream(join(ws.dumps, dumpName(kind))));
}

/** `prefix`, then `size` bytes of `fill` in 1 MiB chunks, then `suffix`. */
export function* padded(prefix: string, fill: string, size: number, suffix: string): Generator<string | Buffer> {
  yield prefix;
  const chunk = Buffer.alloc(1024 * 1024, fill);
  for (let left = size; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
  yield suffix;
}

/** Rewrites the project file `rel` with `edit` applied to its text. @throws Error when `edit` changed nothing. */
export function editProjectFile(ws: CaseWorkspace, rel: string, edit: (text: string) => string): void {
  const file = join(ws.project, rel);
  const text = readFileSync(file, 'utf8');
  const next = edit(text);
  if (next === text) throw new Error(`hostile case setup did not change ${rel}`);
  writeFileSync(file, next);
}

/** Replaces the exact text `from` (which must occur) in project file `rel` by `to`. */
export function replaceInProjectFile(ws: CaseWorkspace, rel: string, from: string, to: string): void {
  editProjectFile(ws, rel, (t) => t.replace(from, to));
}

/**
 * The classic "billion laughs" document: ten entity levels, each referencing the previous one ten
 * times, so expanding `&lol9;` would produce 10^9 "lol"s (about 3 GB).
 */
export function billionLaughs(root: string): string {
  let dtd = '  <!ENTITY lol0 "lol">\n';
  for (let i = 1; i <= 9; i++) dtd += `  <!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">\n`;
  return `<?xml version="1.0"?>\n<!DOCTYPE ${root} [\n${dtd}]>\n<${root}><label><id>1</id><name>&lol9;</name></label></${root}>\n`;
}

/** A labels dump whose first record holds `depth` nested unmapped elements. */
export function deepNesting(depth: number): string {
  return `<labels>\n<label><id>1</id><name>deep</name>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</label>\n</labels>\n`;
}

/** 1-based line of the first line of `text` containing `needle`. @throws Error when absent. */
export function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  return text.slice(0, i).split('\n').length;
}

/** 1-based column of `needle` on its first line in `text`. */
export function columnOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  return i - text.lastIndexOf('\n', i - 1);
}

function removeDump(ws: CaseWorkspace, kind: DumpKind): void {
  for (const f of readdirSync(ws.dumps)) if (f.startsWith(`discogs_20200101_${kind}.xml`)) rmSync(join(ws.dumps, f));
}
