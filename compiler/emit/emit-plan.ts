// emit/: the last compiler phase. Serializes a plan to its canonical file form.
import type { Plan } from '../types/plan.js';
import { closeSync, openSync, writeSync } from 'node:fs';
import { canonicalJsonLines, canonicalJsonLinesTo } from './canonical-json.js';

/** Depth at which plan values are written on one line: a step's column, edge or key (root 0, steps 1, step 2, columns 3). */
const PLAN_COMPACT_DEPTH = 4;

/**
 * The bytes of plan.json: canonical JSON, sorted keys, 2-space indent down to one line per column,
 * edge and rule field (canonicalJsonLines), `\n` line ends, trailing newline.
 */
export function emitPlan(plan: Plan): string {
  return canonicalJsonLines(plan, PLAN_COMPACT_DEPTH) + '\n';
}

/**
 * Writes emitPlan(plan) to `path` (created or truncated) in ~1 MB chunks, never holding the whole
 * text: a 10,000-model plan is ~70 MB. Not atomic; callers that need that write a temporary file and
 * rename it. @throws the fs error when the file cannot be opened or written.
 */
export function writePlanFile(path: string, plan: Plan): void {
  const fd = openSync(path, 'w');
  try {
    canonicalJsonLinesTo(plan, PLAN_COMPACT_DEPTH, (chunk) => writeAll(fd, chunk));
    writeAll(fd, '\n');
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}
