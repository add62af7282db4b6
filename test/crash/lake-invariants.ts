// Crash harness: what must hold in a lake after an apply died at any instant, and after the next apply.
//   - `active` names a complete run: manifest `succeeded`, no blocking validation failure, and every
//     dataset folder holding exactly the manifest's Parquet files with the manifest's sizes and sha256s;
//   - every run folder that existed before is byte-identical, except that a run which was interrupted
//     (manifest `running`, or none) may have had its manifest replaced by one saying `aborted`, and one
//     OpenLineage ABORT event of the run appended to its `_openlineage.jsonl` (the rest unchanged);
//   - `_promotions.jsonl` only grew.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileChecksum } from '../../runtime/lake/file-checksum.js';
import { MANIFEST_FILE, runDir, type LakeLayout } from '../../runtime/lake/lake-layout.js';
import { readManifest } from '../../runtime/lake/manifest.js';
import { treeDigest } from '../support/lake-snapshot.js';
import { activeTargetOf } from './observe-apply.js';

/** One run folder as it was: sha256 per file (relative path -> hex) and its manifest status. */
export interface RunSnapshot {
  readonly files: Record<string, string>;
  /** undefined when the folder has no readable manifest. */
  readonly status: string | undefined;
  /** `_openlineage.jsonl`, to recognize an appended ABORT; absent when the run has none. */
  readonly lineage?: LineageFileState;
}

/**
 * `paddedSha256`: sha256 of the file, plus a newline when it does not end with one (a line torn by a
 * kill; the file transport starts a new line before appending). `tail`: sha256 of the bytes before the
 * last line, and that line's event type and job (absent when the last line does not parse).
 */
interface LineageFileState {
  readonly paddedSha256: string;
  readonly tail?: { readonly prefixSha256: string; readonly eventType: string; readonly job: string };
}

const LINEAGE_FILE = '_openlineage.jsonl';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function lineageState(dir: string): LineageFileState | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, LINEAGE_FILE));
  } catch {
    return undefined;
  }
  const endsWithNewline = !bytes.length || bytes[bytes.length - 1] === 0x0a;
  const paddedSha256 = sha256(endsWithNewline ? bytes : Buffer.concat([bytes, Buffer.from('\n')]));
  const end = endsWithNewline ? Math.max(0, bytes.length - 1) : bytes.length;
  const start = bytes.lastIndexOf(0x0a, end - 1) + 1;
  try {
    const last = JSON.parse(bytes.subarray(start, end).toString('utf8')) as { eventType: string; job: { name: string } };
    return { paddedSha256, tail: { prefixSha256: sha256(bytes.subarray(0, start)), eventType: last.eventType, job: last.job.name } };
  } catch {
    return { paddedSha256 };
  }
}

/** Every run folder of the lake, by run id, plus the promotion log's text. */
export interface LakeSnapshot {
  readonly runs: ReadonlyMap<string, RunSnapshot>;
  readonly promotions: string;
}

/** Hashes every file of every run folder (reads them all). */
export async function snapshotLake(lake: LakeLayout): Promise<LakeSnapshot> {
  const runs = new Map<string, RunSnapshot>();
  let ids: string[] = [];
  try {
    ids = readdirSync(lake.runsDir).sort();
  } catch {
    // No runs yet.
  }
  for (const id of ids) {
    const dir = runDir(lake, id);
    const lineage = lineageState(dir);
    runs.set(id, { files: treeDigest(dir, []), status: (await readManifest(join(dir, MANIFEST_FILE)))?.status, ...(lineage ? { lineage } : {}) });
  }
  let promotions = '';
  try {
    promotions = readFileSync(lake.promotionsLog, 'utf8');
  } catch {
    // Nothing promoted yet.
  }
  return { runs, promotions };
}

/** Whether a run in this state was interrupted: its apply never wrote a final manifest. */
export function wasInterrupted(run: RunSnapshot): boolean {
  return run.status === undefined || run.status === 'running';
}

/**
 * Violations between `before` and `after` (empty when none): a run missing or changed, beyond an
 * interrupted run's manifest turning `aborted` (a stray temp file of that durable write is allowed) and
 * its OpenLineage ABORT appended.
 */
export function compareSnapshots(before: LakeSnapshot, after: LakeSnapshot): string[] {
  const out: string[] = [];
  for (const [id, old] of before.runs) {
    const now = after.runs.get(id);
    if (!now) {
      out.push(`run ${id} disappeared`);
      continue;
    }
    const paths = [...new Set([...Object.keys(old.files), ...Object.keys(now.files)])].sort();
    const changed = paths.filter((p) => old.files[p] !== now.files[p]);
    if (!changed.length) continue;
    // The ABORT the next apply reports: exactly one event appended, of the run's own job (it has no '.' or '/').
    const tail = now.lineage?.tail;
    const abortAppended = (p: string): boolean => p === LINEAGE_FILE && tail?.eventType === 'ABORT' && !/[./]/.test(tail.job)
      && tail.prefixSha256 === (old.lineage?.paddedSha256 ?? sha256(new Uint8Array()));
    const abortOnly = wasInterrupted(old) && changed.every((p) => p === '_manifest.json' || /^\._manifest\.json\.[0-9a-f-]+\.tmp$/.test(p) || abortAppended(p));
    if (abortOnly && (now.status === 'aborted' || now.status === old.status)) continue;
    out.push(`run ${id} (${old.status ?? 'no manifest'} -> ${now.status ?? 'no manifest'}) changed: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}`);
  }
  if (!after.promotions.startsWith(before.promotions)) out.push('_promotions.jsonl was rewritten, not appended to');
  return out;
}

/**
 * Violations of "`active` names a complete, valid run" (empty when none). `active` may be absent only
 * when `mayBeAbsent` (nothing was ever promoted).
 */
export async function checkActive(lake: LakeLayout, mayBeAbsent: boolean): Promise<string[]> {
  const id = activeTargetOf(lake);
  if (!id) return mayBeAbsent ? [] : ['active is missing although runs were promoted'];
  const dir = runDir(lake, id);
  const m = await readManifest(join(dir, MANIFEST_FILE));
  if (!m) return [`active -> ${id}: no readable manifest`];
  const out: string[] = [];
  if (m.status !== 'succeeded') out.push(`active -> ${id}: manifest status ${m.status}`);
  if (!m.validation || m.validation.blocking !== 0) out.push(`active -> ${id}: validation did not pass (${m.validation ? `${m.validation.blocking} blocking` : 'no results'})`);
  if (!m.datasets.length) out.push(`active -> ${id}: no datasets`);
  for (const d of m.datasets) {
    const folder = join(dir, d.layer, d.name);
    let onDisk: string[] = [];
    try {
      onDisk = readdirSync(folder).filter((n) => n.endsWith('.parquet')).map((n) => `${d.layer}/${d.name}/${n}`).sort();
    } catch {
      out.push(`active -> ${id}: dataset ${d.name} folder missing`);
      continue;
    }
    const listed = d.files.map((f) => f.path).sort();
    if (onDisk.join('\n') !== listed.join('\n')) out.push(`active -> ${id}: dataset ${d.name} holds [${onDisk.join(', ')}], manifest lists [${listed.join(', ')}]`);
    for (const f of d.files) {
      const actual = await fileChecksum(join(dir, f.path)).catch(() => undefined);
      if (!actual) out.push(`active -> ${id}: ${f.path} missing`);
      else if (actual.size !== f.size || actual.sha256 !== f.sha256) out.push(`active -> ${id}: ${f.path} does not match its manifest checksum`);
    }
  }
  return out;
}
